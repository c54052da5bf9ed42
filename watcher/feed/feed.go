// Package feed extracts documents from RSS 0.9x/1.0/2.0, Atom 0.3/1.0
// and JSON Feed bodies, through gofeed. It takes the raw bytes a fetch
// returned: it decodes the charset (watcher/charset), mends truncated
// XML the way a lenient reader would, turns HTML into plain text, makes
// links absolute and canonical, reads dates in the odd formats real
// feeds use, and gives every entry a stable identity.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/watcher/charset"
)

// Parse returns the entries of the feed in body as documents, in feed
// order. contentType is the HTTP Content-Type (for its charset), baseURL
// the feed's own URL (relative links are resolved against it), source the
// source's name (for identities and errors). Entries with no title, text
// or link are skipped. A body that is not a feed, or is too broken to
// read, is an error ("feed: not a feed: …"); it does not name the source,
// as every place that shows it (the sources list, a log line, a warning)
// names the source already.
func Parse(body []byte, contentType, baseURL, source string) (docs []model.Document, err error) {
	defer func() {
		if p := recover(); p != nil { // a bug here must not take the daemon down
			docs, err = nil, fmt.Errorf("feed: parser failed: %v", p)
		}
	}()
	f, err := Read(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return documents(f, baseURL, source), nil
}

// Read decodes and parses a feed body into gofeed's model, the one way
// every reader of feeds does: the format told by Sniff (RSS, Atom or JSON
// Feed; an HTML page is an error), the charset decoded, XML cut off or
// broken part way mended, an empty feed that is really a broken one
// refused, and a parser panic turned into an error. contentType is the
// HTTP Content-Type (for its charset). Parse builds documents from it;
// the scraper reads a forum's or profile's feed through it, with
// EntryTitle, EntryText and EntryAuthor.
func Read(body []byte, contentType string) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil { // a parser bug must not take the daemon down
			f, err = nil, fmt.Errorf("parser failed: %v", p)
		}
	}()
	return parseFeed(body, contentType)
}

// checkXML reports the first syntax error of a decoded (UTF-8) XML body,
// or an element left open at its end (leniently: HTML entities pass).
func checkXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // already UTF-8
	var open []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if len(open) > 0 {
				return fmt.Errorf("the document ends inside <%s>", open[len(open)-1])
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name.Local)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
}

var (
	rssTranslator  = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true} // images are not used; the scan parses every body as HTML
	atomTranslator = &gofeed.DefaultAtomTranslator{}
	jsonTranslator = &gofeed.DefaultJSONTranslator{}
)

// parseFeed decodes and parses body into gofeed's universal model.
func parseFeed(body []byte, contentType string) (*gofeed.Feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("empty body")
	}
	format := Sniff(body)
	switch format {
	case JSON:
		// JSON Feed is UTF-8 by definition; only a BOM needs removing.
		jf, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
		if err != nil {
			return nil, fmt.Errorf("invalid JSON Feed: %w", err)
		}
		return jsonTranslator.Translate(jf)
	case HTML:
		return nil, fmt.Errorf("not a feed: the server sent an HTML page")
	case Unknown:
		name, _ := root(body)
		if name == "" {
			return nil, fmt.Errorf("not a feed: no RSS, Atom or JSON Feed found")
		}
		return nil, fmt.Errorf("not a feed: root element is <%s>, not <rss>, <rdf:RDF> or <feed>", name)
	}
	b, _, err := charset.DecodeXML(body, contentType)
	if err != nil {
		return nil, err
	}
	f, err := parseXML(b, format)
	if err != nil {
		fixed, ok := repairXML(b)
		if !ok {
			return nil, fmt.Errorf("malformed %s: %w", format, err)
		}
		var rerr error
		if f, rerr = parseXML(fixed, format); rerr != nil {
			return nil, fmt.Errorf("malformed %s: %w", format, err)
		}
	}
	if len(f.Items) == 0 {
		// The parsers are lenient: a body cut off inside its first entry
		// parses as an empty feed. An empty feed is fine; a broken one
		// is an error, so that the source is retried and shown failing.
		if err := checkXML(b); err != nil {
			return nil, fmt.Errorf("malformed feed, no entry could be read: %w", err)
		}
	}
	return f, nil
}

func parseXML(b []byte, format Format) (*gofeed.Feed, error) {
	if format == Atom {
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		return atomTranslator.Translate(af)
	}
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return rssTranslator.Translate(rf)
}
