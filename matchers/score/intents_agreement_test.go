package score

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// secondReading is one row of testdata/intents/second.jsonl: the intents a
// second annotator gave a held3 row, without seeing the first one's.
type secondReading struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	SHA     string   `json:"sha"`
	Intents []string `json:"intents"`
}

// readIntentLabels reads testdata/intents/<lang>.jsonl without joining the
// shared sets (the agreement needs no text).
func readIntentLabels(t *testing.T, lang string) []intentLabel {
	t.Helper()
	return readJSONL[intentLabel](t, filepath.Join("testdata", "intents", lang+".jsonl"))
}

// kappa is Cohen's kappa of two annotators on one yes/no label.
func (c intentCount) kappa(rows int) float64 {
	n := float64(rows)
	tn := n - float64(c.tp+c.fp+c.fn)
	po := (float64(c.tp) + tn) / n
	yes1, yes2 := float64(c.tp+c.fn)/n, float64(c.tp+c.fp)/n
	pe := yes1*yes2 + (1-yes1)*(1-yes2)
	if pe == 1 {
		return 1
	}
	return (po - pe) / (1 - pe)
}

// TestIntentAgreement measures how far two careful annotators agree on each
// intent: the second reading of the held3 rows (second.jsonl) against the
// first (the gold labels of ru.jsonl and en.jsonl), as F1 taking the first
// as gold, and Cohen's kappa. It is the ceiling the tagger's held3 F1 is to
// be read against. It checks that every held3 row has exactly one second
// reading of the same text.
func TestIntentAgreement(t *testing.T) {
	type key struct {
		file string
		line int
	}
	first := map[key]intentLabel{}
	lang := map[key]string{}
	for _, l := range []string{"ru", "en"} {
		for _, r := range readIntentLabels(t, l) {
			if r.Split == "held3" {
				k := key{r.File, r.Line}
				first[k], lang[k] = r, l
			}
		}
	}
	f, err := os.Open(filepath.Join("testdata", "intents", "second.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts := map[string]map[string]*intentCount{}
	rows := map[string]int{}
	seen := map[key]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var s secondReading
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("intents/second.jsonl:%d: %v", n, err)
		}
		k := key{s.File, s.Line}
		g, ok := first[k]
		switch {
		case !ok:
			t.Fatalf("intents/second.jsonl:%d: %s:%d is no held3 row", n, s.File, s.Line)
		case g.SHA != s.SHA:
			t.Fatalf("intents/second.jsonl:%d: %s:%d read another text (sha %s, want %s)", n, s.File, s.Line, s.SHA, g.SHA)
		case seen[k]:
			t.Fatalf("intents/second.jsonl:%d: %s:%d read twice", n, s.File, s.Line)
		case !slices.IsSorted(s.Intents):
			t.Fatalf("intents/second.jsonl:%d: intents not sorted", n)
		}
		for _, in := range s.Intents {
			if !slices.Contains(intentNames, in) {
				t.Fatalf("intents/second.jsonl:%d: intent %q", n, in)
			}
		}
		seen[k] = true
		for _, group := range []string{lang[k], "all"} {
			rows[group]++
			if counts[group] == nil {
				counts[group] = map[string]*intentCount{}
			}
			for _, in := range intentNames {
				c := counts[group][in]
				if c == nil {
					c = &intentCount{}
					counts[group][in] = c
				}
				gold, other := model.HasTag(g.Intents, in), model.HasTag(s.Intents, in)
				switch {
				case gold && other:
					c.tp++
				case other:
					c.fp++
				case gold:
					c.fn++
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(first) {
		t.Fatalf("second.jsonl reads %d of the %d held3 rows", len(seen), len(first))
	}
	var b strings.Builder
	b.WriteString("\nagreement of two annotators on held3 (the second against the first: P R F1 n, and Cohen's kappa)\n")
	fmt.Fprintf(&b, "%-16s", "intent")
	groups := []string{"ru", "en", "all"}
	for _, g := range groups {
		fmt.Fprintf(&b, " | %-24s", fmt.Sprintf("%s (%d rows)", g, rows[g]))
	}
	b.WriteString("\n")
	for _, in := range intentNames {
		fmt.Fprintf(&b, "%-16s", in)
		for _, g := range groups {
			c := counts[g][in]
			fmt.Fprintf(&b, " | %-17s κ %4.2f", c.String(), c.kappa(rows[g]))
		}
		b.WriteString("\n")
	}
	t.Log(b.String())
	// the README quotes these: a relabelled row that moves them must be
	// seen
	for in, least := range map[string]float64{TagComplaint: 0.95, TagQuestion: 0.95, TagPraise: 0.90} {
		if f := counts["all"][in].f1(); f < least {
			t.Errorf("%s: the two readings agree at F1 %.2f, under %.2f", in, f, least)
		}
	}
}
