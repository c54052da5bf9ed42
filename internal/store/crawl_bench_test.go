package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// BenchmarkSaveCrawl is the crawl's write path: one crawl of 100 new
// documents with a mention each, each mention alerted to one target
// (SaveCrawl with InsertDelivery inside its transaction).
func BenchmarkSaveCrawl(b *testing.B) { eachBackendB(b, benchSaveCrawl) }

func benchSaveCrawl(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, newLocation(b, "mw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	enqueue := func(ctx context.Context, tx *Tx, m *model.Mention) error {
		_, err := InsertDelivery(ctx, tx, delivery(m, "#a", FrequencyAsItHappens, m.FoundAt), m.FoundAt)
		return err
	}
	n := 0
	for b.Loop() {
		c := &Crawl{State: SourceState{Name: "src"}}
		for range 100 {
			n++
			id := fmt.Sprintf("guid:%d", n)
			c.Docs = append(c.Docs, doc(id, "https://e.example/"+id))
			c.Mentions = append(c.Mentions, mention(id, "Acme"))
		}
		stored, err := s.SaveCrawl(ctx, c, enqueue)
		if err != nil || len(stored) != 100 {
			b.Fatal(len(stored), err)
		}
	}
}
