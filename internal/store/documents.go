package store

import (
	"context"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// seenIndex answers "was this document stored before?" from memory.
//
// The documents table is append-only and has no index: a crawl adds its
// new documents as a few consecutive pages instead of touching a random
// page of a B-tree for every document, which made each commit write
// hundreds of kilobytes. The index holds a 64-bit hash of every stored
// document's ID and URL (about 20 bytes a document); it is built from the
// table on first use, and SaveCrawl adds to it after each commit. A
// document stored by another process after the index was built is not in
// it; its mentions are still kept from repeating by the mentions table's
// unique (doc_id, brand).
type seenIndex struct {
	load sync.Once
	err  error

	// write serializes SaveCrawl's check, insert and publish, so two
	// crawls that find the same new document store it once.
	write sync.Mutex

	mu   sync.RWMutex
	seed maphash.Seed
	keys map[uint64]struct{}
}

// seenReady builds the index from the documents table the first time it
// is needed.
func (s *Store) seenReady(ctx context.Context) error {
	x := &s.seen
	x.load.Do(func() {
		x.seed = maphash.MakeSeed()
		keys := map[uint64]struct{}{}
		rows, err := s.rdb.QueryContext(context.WithoutCancel(ctx), `SELECT id, url FROM documents`)
		if err != nil {
			x.err = fmt.Errorf("store: load documents: %w", err)
			return
		}
		defer rows.Close()
		var id, url string
		for rows.Next() {
			if err := rows.Scan(&id, &url); err != nil {
				x.err = fmt.Errorf("store: load documents: %w", err)
				return
			}
			keys[x.idKey(id)] = struct{}{}
			if url != "" {
				keys[x.urlKey(url)] = struct{}{}
			}
		}
		if err := rows.Err(); err != nil {
			x.err = fmt.Errorf("store: load documents: %w", err)
			return
		}
		x.keys = keys
	})
	return x.err
}

func (x *seenIndex) idKey(id string) uint64   { return maphash.String(x.seed, "i\x00"+id) }
func (x *seenIndex) urlKey(url string) uint64 { return maphash.String(x.seed, "u\x00"+url) }

// docKeys returns the keys of d: its ID's and, if it has one, its URL's.
func (x *seenIndex) docKeys(d model.Document) (id, url uint64, hasURL bool) {
	id = x.idKey(d.ID)
	if d.URL != "" {
		return id, x.urlKey(d.URL), true
	}
	return id, 0, false
}

// filter returns the documents of docs whose keys are neither in the index
// nor repeat an earlier document of docs, with their keys.
//
// A URL shared by documents of one crawl that carry different titles (a
// feed whose every item links to the same front page) identifies none of
// them: those documents are told apart by ID alone, and the URL is not
// recorded. Documents with the same URL and title are one document.
func (x *seenIndex) filter(docs []model.Document) ([]model.Document, []uint64) {
	ambiguous := ambiguousURLs(docs)
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []model.Document
	var added []uint64
	batch := map[uint64]struct{}{}
	has := func(k uint64) bool {
		if _, ok := x.keys[k]; ok {
			return true
		}
		_, ok := batch[k]
		return ok
	}
	for _, d := range docs {
		id, url, hasURL := x.docKeys(d)
		if hasURL && ambiguous[d.URL] {
			hasURL = false
		}
		if has(id) || (hasURL && has(url)) {
			continue
		}
		batch[id] = struct{}{}
		added = append(added, id)
		if hasURL {
			batch[url] = struct{}{}
			added = append(added, url)
		}
		out = append(out, d)
	}
	return out, added
}

// ambiguousURLs returns the URLs that documents of docs share under
// different titles.
func ambiguousURLs(docs []model.Document) map[string]bool {
	title := make(map[string]string, len(docs))
	var out map[string]bool
	for _, d := range docs {
		if d.URL == "" {
			continue
		}
		t := strings.ToLower(strings.TrimSpace(d.Title))
		if prev, ok := title[d.URL]; !ok {
			title[d.URL] = t
		} else if prev != t {
			if out == nil {
				out = map[string]bool{}
			}
			out[d.URL] = true
		}
	}
	return out
}

// publish adds keys to the index.
func (x *seenIndex) publish(keys []uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, k := range keys {
		x.keys[k] = struct{}{}
	}
}

// Unseen returns, in order, the documents of docs that were never seen
// before: neither their ID nor their URL is stored, and neither repeats an
// earlier document of docs.
func (s *Store) Unseen(ctx context.Context, docs []model.Document) ([]model.Document, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	if err := s.seenReady(ctx); err != nil {
		return nil, err
	}
	out, _ := s.seen.filter(docs)
	return out, nil
}

// chunk is how many values go into one IN (…) list.
const chunk = 400

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
