package score

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// fixtureCase is one hand-written example of testdata/cases.jsonl: a text
// with the sentiment and tags it must get.
type fixtureCase struct {
	Text      string   `json:"text"`
	Title     string   `json:"title"`
	Lang      string   `json:"lang"`
	Brand     string   `json:"brand"`
	Sentiment string   `json:"sentiment"`
	Tags      []string `json:"tags"`    // must all be present
	NotTags   []string `json:"no_tags"` // must all be absent
	Note      string   `json:"note"`
}

func fixtureCases(tb testing.TB) []fixtureCase {
	tb.Helper()
	f, err := os.Open("testdata/cases.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var cs []fixtureCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var c fixtureCase
		if err := json.Unmarshal(line, &c); err != nil {
			tb.Fatalf("testdata/cases.jsonl:%d: %v", n, err)
		}
		cs = append(cs, c)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return cs
}
