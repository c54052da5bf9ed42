package scrape

import (
	"net/url"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

// preset is a named set of layouts for one engine or site, with the URL
// rewrite that points a source at the newest posts and, for sites with an
// API, a JSON reader.
type preset struct {
	name    string
	layouts []*layout
	rewrite func(*url.URL) *url.URL
	json    func(e *Extractor, body []byte, page *url.URL, now time.Time) (*Page, error)
}

// presets by name (aliases included); filled by the preset files' init.
var presets = map[string]*preset{}

func register(p *preset, aliases ...string) {
	presets[p.name] = p
	for _, a := range aliases {
		presets[a] = p
	}
}

// items compiles a preset's item selector.
func items(src string) cascadia.SelectorGroup {
	g, err := cascadia.ParseGroup(src)
	if err != nil {
		panic("scrape: preset item selector: " + err.Error())
	}
	return g
}

// f is mustField, short for the preset tables.
func f(srcs ...string) field { return mustField(srcs...) }

// alt joins fields into one with all their alternatives, in order.
func alt(fs ...field) field {
	var out field
	for _, x := range fs {
		out = append(out, x...)
	}
	return out
}

// fragmentFrom turns an element id ("post_123", "js-post-123") into a
// fragment link ("#post123", "#post-123") with the given prefix.
func fragmentFrom(prefix string) func(string) string {
	return func(id string) string {
		i := strings.LastIndexFunc(id, func(r rune) bool { return r < '0' || r > '9' })
		num := id[i+1:]
		if num == "" {
			return ""
		}
		return "#" + prefix + num
	}
}

// withQuery returns a copy of u whose query has key set to value (other
// parameters kept as written) and drop removed.
func withQuery(u *url.URL, key, value string, drop ...string) *url.URL {
	c := *u
	c.Fragment = ""
	c.RawFragment = ""
	dropSet := map[string]bool{strings.ToLower(key): true}
	for _, d := range drop {
		dropSet[strings.ToLower(d)] = true
	}
	q := ident.FilterQuery(u.RawQuery, func(k, _ string) bool { return dropSet[strings.ToLower(k)] })
	kv := url.QueryEscape(key) + "=" + url.QueryEscape(value)
	if q == "" {
		c.RawQuery = kv
	} else {
		c.RawQuery = q + "&" + kv
	}
	return &c
}

// queryHas reports whether u's query has a non-empty value for one of keys.
func queryHas(u *url.URL, keys ...string) bool {
	q := u.Query()
	for _, k := range keys {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}
