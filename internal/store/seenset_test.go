package store

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestSeenSet: the set answers as a map does through many merges, for
// keys present, absent, added twice, and at the ends of the range.
func TestSeenSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s seenSet
	want := map[uint64]bool{}
	for _, k := range []uint64{0, 1, ^uint64(0), ^uint64(0) - 1} {
		s.add(k)
		want[k] = true
	}
	for i := 0; i < 200000; i++ {
		k := r.Uint64()
		if i%7 == 0 && i > 0 {
			k = uint64(i) * 0x9e3779b97f4a7c15 // again, below
		}
		s.add(k)
		want[k] = true
		if i%5 == 0 {
			s.add(k) // a repeat changes nothing
		}
	}
	if s.len() != len(want) {
		t.Fatalf("len = %d, want %d", s.len(), len(want))
	}
	if len(s.sorted) < len(want)/2 {
		t.Fatalf("only %d of %d keys were merged into the sorted slice", len(s.sorted), len(want))
	}
	for i := 1; i < len(s.sorted); i++ {
		if s.sorted[i-1] >= s.sorted[i] {
			t.Fatalf("sorted[%d] = %x >= sorted[%d] = %x", i-1, s.sorted[i-1], i, s.sorted[i])
		}
	}
	for k := range want {
		if !s.has(k) {
			t.Fatalf("has(%x) = false for a key added", k)
		}
	}
	for i := 0; i < 200000; i++ {
		k := r.Uint64()
		if s.has(k) != want[k] {
			t.Fatalf("has(%x) = %v, want %v", k, s.has(k), want[k])
		}
		// Neighbours of present keys exercise the ends of the search.
		if i < len(s.sorted) {
			n := s.sorted[i] + 1
			if s.has(n) != want[n] {
				t.Fatalf("has(%x) = %v, want %v", n, s.has(n), want[n])
			}
		}
	}
	var empty seenSet
	if empty.has(0) || empty.has(42) {
		t.Error("an empty set has a key")
	}
}

// heapAfterGC returns the live heap after a full collection.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestSeenIndexBytesPerDocument guards the seen index's memory, which
// grows with every document ever stored: a million documents with their
// own links (two keys each) in at most 24 bytes a document, 12 a key —
// a Go map took 38 a key. 10,000 sources of 50 entries are half a million
// documents after one pass.
func TestSeenIndexBytesPerDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a million keys")
	}
	const docs = 1_000_000
	var x seenIndex
	before := heapAfterGC()
	x.seed, x.keys = maphash.MakeSeed(), seenSet{}
	batch := make([]uint64, 0, 100)
	for i := 0; i < docs; i++ {
		batch = append(batch, x.idKey(fmt.Sprintf("guid:%d", i)), x.linkKey(fmt.Sprintf("%032x", i)))
		if len(batch) == cap(batch) {
			x.publish(batch)
			batch = batch[:0]
		}
	}
	x.publish(batch)
	after := heapAfterGC()
	runtime.KeepAlive(&x)
	if x.keys.len() != 2*docs {
		t.Fatalf("%d keys, want %d", x.keys.len(), 2*docs)
	}
	per := float64(after-before) / docs
	t.Logf("seen index: %.1f bytes a document (%d documents, %.1f MiB)", per, docs, float64(after-before)/(1<<20))
	if per > 24 {
		t.Errorf("seen index takes %.1f bytes a document, want at most 24", per)
	}
}

// BenchmarkSeenIndexFilter filters crawls of 50 documents, one in five
// new, against an index of a million documents (two keys each).
func BenchmarkSeenIndexFilter(b *testing.B) { benchSeenIndexFilter(b, 0) }

// BenchmarkSeenIndexFilterPrevIDs is BenchmarkSeenIndexFilter with two
// earlier identities (Document.PrevIDs) on every document, none of them
// stored: forum posts without a permalink whose identity changed.
func BenchmarkSeenIndexFilterPrevIDs(b *testing.B) { benchSeenIndexFilter(b, 2) }

// benchSeenIndexFilter is BenchmarkSeenIndexFilter with prev earlier
// identities on every document of the crawls.
func benchSeenIndexFilter(b *testing.B, prev int) {
	var x seenIndex
	x.seed, x.keys = maphash.MakeSeed(), seenSet{}
	const stored = 1_000_000
	doc := func(i int) model.Document {
		u := fmt.Sprintf("https://site%d.example/posts/%d", i%10000, i)
		return model.Document{ID: "guid:" + u, URL: u, Title: fmt.Sprintf("post %d", i)}
	}
	var keys []uint64
	for i := 0; i < stored; i++ {
		d := doc(i)
		keys = append(keys, x.idKey(d.ID))
		if l := linkKey(d); l != "" {
			keys = append(keys, x.linkKey(l))
		}
	}
	x.publish(keys)
	crawls := make([][]model.Document, 1000)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range crawls {
		for j := 0; j < 50; j++ {
			n := r.IntN(stored)
			if j%5 == 0 {
				n = stored + i*50 + j
			}
			d := doc(n)
			for k := range prev {
				d.PrevIDs[k] = fmt.Sprintf("hash:prev%d:%d", k, n)
			}
			crawls[i] = append(crawls[i], d)
		}
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		fresh, _, _ := x.filter(crawls[i%len(crawls)])
		if len(fresh) != 10 {
			b.Fatalf("%d fresh documents, want 10", len(fresh))
		}
	}
}

// BenchmarkSeenSetHas looks up keys, half of them present, in a million
// keys: the seenSet against the Go map it replaced.
func BenchmarkSeenSetHas(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	const n = 1_000_000
	var s seenSet
	m := make(map[uint64]struct{})
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = r.Uint64()
		s.add(keys[i])
		m[keys[i]] = struct{}{}
	}
	probe := make([]uint64, 1<<16)
	for i := range probe {
		if i%2 == 0 {
			probe[i] = keys[r.IntN(n)]
		} else {
			probe[i] = r.Uint64()
		}
	}
	b.Run("seenSet", func(b *testing.B) {
		found := 0
		for i := 0; b.Loop(); i++ {
			if s.has(probe[i&(len(probe)-1)]) {
				found++
			}
		}
		if found == 0 {
			b.Fatal("nothing found")
		}
	})
	b.Run("map", func(b *testing.B) {
		found := 0
		for i := 0; b.Loop(); i++ {
			if _, ok := m[probe[i&(len(probe)-1)]]; ok {
				found++
			}
		}
		if found == 0 {
			b.Fatal("nothing found")
		}
	})
}
