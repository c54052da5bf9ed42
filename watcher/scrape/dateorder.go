package scrape

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageSampleBytes bounds the text pageDayFirst reads of a page without a
// language.
const pageSampleBytes = 32 << 10

// pageDayFirst reports whether the page at root writes numeric dates day
// first when a date could be read both ways ("03/04/2024"): its <html
// lang> names a language other than English, or English outside the US
// ("en-GB"); without a lang, its text is mostly Cyrillic. A page in
// English ("en", "en-US") or of unknown language is month first, the
// order vBulletin and phpBB print by default.
func pageDayFirst(root *html.Node) bool {
	if lang, ok := htmlLang(root); ok {
		return langDayFirst(lang)
	}
	cyr, lat := 0, 0
	seen := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return true
			}
		case html.TextNode:
			for _, r := range n.Data {
				switch {
				case unicode.Is(unicode.Cyrillic, r):
					cyr++
				case r < 0x250 && unicode.IsLetter(r):
					lat++
				}
			}
			seen += len(n.Data)
			if seen > pageSampleBytes {
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(root)
	return cyr > lat
}

// htmlLang returns the lang attribute of the page's <html> element.
func htmlLang(root *html.Node) (string, bool) {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.DataAtom != atom.Html {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "lang" || a.Key == "xml:lang" {
				if v := strings.TrimSpace(a.Val); v != "" {
					return v, true
				}
			}
		}
	}
	return "", false
}

// langDayFirst reports whether a language tag ("ru", "en-GB", "en_US")
// writes dates day first: every language but US English (and English
// without a region) does, or writes the year first, which reads the same.
func langDayFirst(tag string) bool {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	primary, region, _ := strings.Cut(tag, "-")
	if primary != "en" {
		return true
	}
	region, _, _ = strings.Cut(region, "-")
	return region != "" && region != "us"
}
