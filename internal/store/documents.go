package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// seenIndex answers "was this document stored before?" from memory.
//
// The documents table is append-only and has no index: a crawl adds its
// new documents as a few consecutive pages instead of touching a random
// page of a B-tree for every document, which made each commit write
// hundreds of kilobytes. The index holds 64-bit hashes of every stored
// document's identity keys (a seenSet, seenset.go: about 10 bytes a key);
// it is built from the table on first use, and SaveCrawl adds to it after
// each commit. A
// document stored by another process after the index was built is not in
// it; its mentions are still kept from repeating by the mentions table's
// unique (doc_id, brand).
//
// A document has one or two keys: its ID, and, when its URL is its own
// (model.Document.OwnURL), its link key — the URL with the title, so that
// one article reached through two feeds, or under a GUID that changed, is
// one document, while items that share a URL under different titles (a
// feed whose every entry links to its front page) stay apart. A post
// without a permalink carries its thread's URL, which identifies nothing:
// it is known by its ID alone.
type seenIndex struct {
	// loaded is set once the index holds the table; loadMu serializes
	// the loads. A load that fails is tried again by the next call: an
	// error (a serialization failure while other daemons write, a
	// dropped connection) must not stop every later crawl.
	loaded atomic.Bool
	loadMu sync.Mutex

	// write serializes SaveCrawl's check, insert and publish, so two
	// crawls that find the same new document store it once.
	write sync.Mutex

	mu   sync.RWMutex
	seed maphash.Seed
	keys seenSet
}

// seenReady builds the index from the documents table the first time it
// is needed; after a failed load the next call loads again.
func (s *Store) seenReady(ctx context.Context) error {
	x := &s.seen
	if x.loaded.Load() {
		return nil
	}
	x.loadMu.Lock()
	defer x.loadMu.Unlock()
	if x.loaded.Load() {
		return nil
	}
	// No reader uses the index before it is loaded: seed and keys are
	// set here alone.
	x.seed = maphash.MakeSeed()
	keys := seenSet{}
	ctx = context.WithoutCancel(ctx)
	// What other daemons store later is read per source when a lease is
	// claimed (leases.go): note how far the table goes.
	err := s.fleetMark(ctx)
	if err == nil {
		err = s.scanStrings(ctx, func(id, link string) {
			keys.add(x.idKey(id))
			if link != "" {
				keys.add(x.linkKey(link))
			}
		}, `SELECT id, link_key FROM documents`)
	}
	if err == nil {
		// Rows stored before link keys were kept: their URL, where it was
		// their own and no other row of theirs shares it.
		err = s.scanStrings(ctx, func(url, _ string) {
			keys.add(x.legacyKey(url))
		}, `SELECT url, '' FROM documents WHERE link_key = '' AND url != '' AND id NOT LIKE 'hash:%'
			GROUP BY url HAVING COUNT(*) = 1`)
	}
	if err != nil {
		return fmt.Errorf("store: load documents: %w", err)
	}
	x.mu.Lock()
	x.keys = keys
	x.mu.Unlock()
	x.loaded.Store(true)
	return nil
}

// scanStrings calls fn with the two text columns of every row of query.
func (s *Store) scanStrings(ctx context.Context, fn func(a, b string), query string) error {
	rows, err := s.rdb.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a, b string
	for rows.Next() {
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

func (x *seenIndex) idKey(id string) uint64      { return maphash.String(x.seed, "i\x00"+id) }
func (x *seenIndex) linkKey(link string) uint64  { return maphash.String(x.seed, "l\x00"+link) }
func (x *seenIndex) legacyKey(url string) uint64 { return maphash.String(x.seed, "u\x00"+url) }

// linkKey is what the documents table keeps of a document's own link: a
// digest of its URL and title, "" when the URL is not its own.
func linkKey(d model.Document) string {
	if !d.OwnURL() {
		return ""
	}
	title := strings.ToLower(strings.Join(strings.Fields(d.Title), " "))
	sum := sha256.Sum256([]byte(d.URL + "\x00" + title))
	return hex.EncodeToString(sum[:16])
}

// filter returns the documents of docs that are neither in the index (by
// their ID, link key or an earlier identity, Document.PrevIDs) nor repeat
// an earlier document of docs, with their keys and link keys.
func (x *seenIndex) filter(docs []model.Document) (fresh []model.Document, links []string, added []uint64) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	batch := map[uint64]struct{}{}
	has := func(k uint64) bool {
		if x.keys.has(k) {
			return true
		}
		_, ok := batch[k]
		return ok
	}
docs:
	for _, d := range docs {
		for _, p := range d.PrevIDs {
			if p != "" && has(x.idKey(p)) {
				continue docs // stored under the identity it had before
			}
		}
		id := x.idKey(d.ID)
		link := linkKey(d)
		var lk uint64
		if link != "" {
			lk = x.linkKey(link)
			if has(lk) || has(x.legacyKey(d.URL)) {
				continue
			}
		}
		if has(id) {
			continue
		}
		batch[id] = struct{}{}
		added = append(added, id)
		if link != "" {
			batch[lk] = struct{}{}
			added = append(added, lk)
		}
		fresh = append(fresh, d)
		links = append(links, link)
	}
	return fresh, links, added
}

// publish adds keys to the index.
func (x *seenIndex) publish(keys []uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, k := range keys {
		x.keys.add(k)
	}
}

// Unseen returns, in order, the documents of docs that were never seen
// before: neither their ID nor their own link (see seenIndex) is stored,
// and neither repeats an earlier document of docs.
func (s *Store) Unseen(ctx context.Context, docs []model.Document) ([]model.Document, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	if err := s.seenReady(ctx); err != nil {
		return nil, err
	}
	out, _, _ := s.seen.filter(docs)
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
