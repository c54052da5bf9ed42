package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// BenchmarkCrawlSave is what the store costs a crawl, without a lease (one
// daemon before leases; `run --once`) and with one (claim, then save and
// release in one transaction): a 304 crawl, which saves the state only,
// and a crawl of a changed feed with 10 new documents.
func BenchmarkCrawlSave(b *testing.B) {
	for _, leased := range []bool{false, true} {
		for _, docs := range []int{0, 10} {
			name := fmt.Sprintf("leased=%v/docs=%d", leased, docs)
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				st, err := Open(ctx, filepath.Join(b.TempDir(), "mw.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				now := t0
				seq := 0
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					src := fmt.Sprintf("feed-%04d", i%500)
					now = now.Add(time.Second)
					state := SourceState{Name: src, URL: "https://x.example/" + src, LastStatus: "304", NextRunAt: now.Add(time.Hour)}
					var l *Lease
					if leased {
						if l, _, err = st.ClaimSource(ctx, src, now, time.Minute, true); err != nil || l == nil {
							b.Fatalf("claim: %v", err)
						}
					}
					if docs == 0 {
						if err := st.SaveSourceLeased(ctx, state, l); err != nil {
							b.Fatal(err)
						}
						continue
					}
					c := &Crawl{State: state, Lease: l}
					for k := 0; k < docs; k++ {
						seq++
						u := fmt.Sprintf("https://x.example/%s/%d", src, seq)
						c.Docs = append(c.Docs, model.Document{ID: "url:" + u, URL: u, Title: "t"})
					}
					if _, err := st.SaveCrawl(ctx, c, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
