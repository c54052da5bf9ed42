// Package websub speaks the subscriber's side of WebSub (the W3C
// recommendation, formerly PubSubHubbub 0.4): it finds the hub a feed
// names (Discover), asks a hub to subscribe or unsubscribe a callback
// (Client), and checks the HMAC signature a hub puts on every content
// distribution (CheckSignature). What a callback does with a verified
// push is the caller's business.
package websub

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"strings"

	"github.com/mentionwatch/mentionwatch/watcher/charset"
)

// Discovery is what a feed says about pushing itself: the hub to
// subscribe at and the topic (the feed's canonical URL) to subscribe to.
// Both are empty when the feed names no hub.
type Discovery struct {
	Hub   string
	Topic string
}

// Discover finds a feed's hub and topic, the ways WebSub allows: HTTP Link
// headers (rel="hub", rel="self") first, then the feed's own links —
// <link rel="hub"> and <link rel="self"> of an Atom feed, <atom:link> of
// an RSS channel, "hubs" of a JSON Feed. The topic is rel="self", else
// feedURL. Only http(s) hubs are returned, made absolute against feedURL.
// body is the raw feed (any charset), contentType its HTTP Content-Type.
func Discover(body []byte, contentType string, linkHeaders []string, feedURL string) Discovery {
	var hub, self string
	for _, h := range linkHeaders {
		for _, l := range parseLinkHeader(h) {
			switch {
			case l.rels["hub"] && hub == "":
				hub = l.href
			case l.rels["self"] && self == "":
				self = l.href
			}
		}
	}
	if hub == "" || self == "" {
		bh, bs := bodyLinks(body, contentType)
		if hub == "" {
			hub = bh
		}
		if self == "" {
			self = bs
		}
	}
	base, _ := url.Parse(feedURL)
	hub = absHTTP(base, hub)
	if hub == "" {
		return Discovery{}
	}
	topic := absHTTP(base, self)
	if topic == "" {
		topic = feedURL
	}
	return Discovery{Hub: hub, Topic: topic}
}

// absHTTP resolves ref against base and returns it when it is an absolute
// http(s) URL with a host.
func absHTTP(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

type link struct {
	href string
	rels map[string]bool
}

// parseLinkHeader reads an RFC 8288 Link header value: comma-separated
// <uri>; param=value… entries (commas inside <> or quotes do not split).
func parseLinkHeader(h string) []link {
	var out []link
	for len(h) > 0 {
		h = strings.TrimLeft(h, " \t,")
		if !strings.HasPrefix(h, "<") {
			i := strings.IndexByte(h, ',')
			if i < 0 {
				break
			}
			h = h[i+1:]
			continue
		}
		end := strings.IndexByte(h, '>')
		if end < 0 {
			break
		}
		l := link{href: strings.TrimSpace(h[1:end]), rels: map[string]bool{}}
		h = h[end+1:]
		// Parameters up to the next comma outside quotes.
		inQuote, i := false, 0
		for ; i < len(h); i++ {
			if h[i] == '"' {
				inQuote = !inQuote
			} else if h[i] == ',' && !inQuote {
				break
			}
		}
		for _, p := range strings.Split(h[:i], ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "rel") {
				continue
			}
			for _, r := range strings.Fields(strings.Trim(strings.TrimSpace(v), `"`)) {
				l.rels[strings.ToLower(r)] = true
			}
		}
		out = append(out, l)
		h = h[i:]
	}
	return out
}

// bodyLinks reads the feed-level hub and self links of an Atom, RSS or
// JSON feed (links inside entries and items are not the feed's).
func bodyLinks(body []byte, contentType string) (hub, self string) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))
	if bytes.HasPrefix(trimmed, []byte("{")) {
		var jf struct {
			FeedURL string `json:"feed_url"`
			Hubs    []struct {
				Type string `json:"type"`
				URL  string `json:"url"`
			} `json:"hubs"`
		}
		if json.Unmarshal(trimmed, &jf) != nil {
			return "", ""
		}
		for _, h := range jf.Hubs {
			if strings.EqualFold(h.Type, "websub") || strings.EqualFold(h.Type, "pubsubhubbub") {
				return h.URL, jf.FeedURL
			}
		}
		return "", jf.FeedURL
	}
	b, _, err := charset.DecodeXML(body, contentType)
	if err != nil {
		return "", ""
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // already UTF-8
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return hub, self
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			if name == "entry" || name == "item" {
				// The feed's own links come before its entries; nothing
				// after the first one is the feed's.
				return hub, self
			}
			// <feed><link> (depth 2) or <rss><channel><atom:link> (3).
			if name != "link" || depth > 3 {
				continue
			}
			var rel, href string
			for _, a := range t.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "rel":
					rel = strings.ToLower(strings.TrimSpace(a.Value))
				case "href":
					href = a.Value
				}
			}
			for _, r := range strings.Fields(rel) {
				if r == "hub" && hub == "" {
					hub = href
				}
				if r == "self" && self == "" {
					self = href
				}
			}
		case xml.EndElement:
			depth--
		}
	}
}
