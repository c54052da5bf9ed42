package scrape

import (
	"slices"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// DefaultMaxItems is how many posts one page yields at most when the Spec
// does not say. The body cap (http.max_body) bounds a page long before
// this on real boards: a 10,000-post thread is read whole.
const DefaultMaxItems = 50_000

// maxItems is the most posts one page yields.
func (e *Extractor) maxItems() int {
	if e.spec.MaxItems > 0 {
		return e.spec.MaxItems
	}
	return DefaultMaxItems
}

// finish makes the posts of a page ready to hand out: one document per
// post, and no more than the extractor takes, the newest kept.
//
// Two posts of one page may come out with one identity: posts without a
// permalink by one author at one time, or items whose only link is one
// shared page. Two posts are never one document, so a later post whose
// title or text differ gets an identity that adds them; only a true
// repeat (the same post shown twice) is dropped.
//
// Beyond the limit, the oldest posts are left out: by date when every post
// has one, else by position (newestLast: a thread page, oldest post
// first; otherwise lists, channels and feeds, newest first). Page.Dropped
// counts them.
func (e *Extractor) finish(p *Page, newestLast bool) *Page {
	p.Docs = e.distinct(p.Docs, true)
	if limit := e.maxItems(); len(p.Docs) > limit {
		p.Dropped = len(p.Docs) - limit
		p.Docs = keepNewest(p.Docs, limit, newestLast)
	}
	return p
}

// Distinct gives every post of docs an identity of its own, as finish does
// for one page: a later post that shares an earlier one's identity but
// not its title or text gets an identity that adds them, and a true repeat
// (the same post shown twice) is dropped. The crawler calls it on the
// posts of all the pages of one crawl, so that two posts by one author at
// one time on two pages (a page ending where the next begins) stay two,
// while a post that moved to the next page between two fetches is one.
// It reuses docs' array.
//
// Earlier identities (Document.PrevIDs) are left as they are: earlier
// versions made posts distinct within a page only, so a post that shares
// an identity with one on another page was stored under its earlier
// identity as it stands.
func (e *Extractor) Distinct(docs []model.Document) []model.Document {
	return e.distinct(docs, false)
}

// distinct is Distinct; with extendPrev, a post given an identity of its
// own gets its earlier identities extended the same way, as earlier
// versions did within one page.
func (e *Extractor) distinct(docs []model.Document, extendPrev bool) []model.Document {
	seen := make(map[string]string, len(docs))
	out := docs[:0]
	for _, d := range docs {
		content := d.Title + "\x00" + d.Text
		if prev, ok := seen[d.ID]; ok {
			if prev == content {
				continue
			}
			d.ID = ident.ForPost(e.spec.Source, "", d.Author, d.ID+"\n"+content)
			if _, ok := seen[d.ID]; ok {
				continue
			}
			// Its earlier identities were extended the same way.
			for i, p := range d.PrevIDs {
				if p != "" && extendPrev {
					d.PrevIDs[i] = ident.ForPost(e.spec.Source, "", d.Author, p+"\n"+content)
				}
			}
		}
		seen[d.ID] = content
		out = append(out, d)
	}
	return out
}

// keepNewest returns the newest n of docs, in their page order.
func keepNewest(docs []model.Document, n int, newestLast bool) []model.Document {
	dated := true
	for _, d := range docs {
		if d.PublishedAt.IsZero() {
			dated = false
			break
		}
	}
	if !dated {
		if newestLast {
			return docs[len(docs)-n:]
		}
		return docs[:n]
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	// Newest first; among equal dates, the one the page shows as newer.
	slices.SortStableFunc(order, func(a, b int) int {
		if c := docs[b].PublishedAt.Compare(docs[a].PublishedAt); c != 0 {
			return c
		}
		if newestLast {
			return b - a
		}
		return a - b
	})
	keep := order[:n]
	slices.Sort(keep)
	out := make([]model.Document, 0, n)
	for _, i := range keep {
		out = append(out, docs[i])
	}
	return out
}
