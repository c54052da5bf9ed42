package app

import (
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// publicLinks returns docs with their URL and thread URL as they may be
// shown and sent (redact.WithoutCredentials): a post with no link of its
// own takes its page's URL, and a source URL's ?key=… or user:password@
// must not reach an alert, the inbox or the JSON output. The page is
// still fetched with them, and identities are left as the extractor made
// them, so that posts stored before are not new again.
//
// legacy maps each thread URL that changed to the URL it had before,
// under which earlier crawls stored the thread's reply count and
// mentions; it is nil when none changed. docs is not modified.
func publicLinks(docs []model.Document) (out []model.Document, legacy map[string]string) {
	out = docs
	copied := false
	for i, d := range docs {
		u, t := redact.WithoutCredentials(d.URL), redact.WithoutCredentials(d.ThreadURL)
		if u == d.URL && t == d.ThreadURL {
			continue
		}
		if !copied {
			out, copied = append([]model.Document(nil), docs...), true
		}
		out[i].URL, out[i].ThreadURL = u, t
		if t != d.ThreadURL {
			if legacy == nil {
				legacy = map[string]string{}
			}
			legacy[t] = d.ThreadURL
		}
	}
	return out, legacy
}

// withLegacy is urls and the legacy URLs of those that have one.
func withLegacy(urls []string, legacy map[string]string) []string {
	if len(legacy) == 0 {
		return urls
	}
	out := append([]string(nil), urls...)
	for _, u := range urls {
		if old := legacy[u]; old != "" {
			out = append(out, old)
		}
	}
	return out
}
