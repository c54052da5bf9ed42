package score

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// careRow is what TestCareDump prints of one English row: the engine's own
// signals of the care register, beside the row's gold labels.
type careRow struct {
	Kind     string    `json:"kind"` // "intent" or "sentiment"
	Split    string    `json:"split"`
	File     string    `json:"file"`
	Gold     []string  `json:"gold"`
	Tags     []string  `json:"tags"`
	Sent     string    `json:"sent"`
	Neg      float64   `json:"neg"`
	Register string    `json:"register"`
	Sum      float64   `json:"sum"`
	Unfav    float64   `json:"unfav"`
	Fav      float64   `json:"fav"`
	Marker   bool      `json:"marker"`
	Quest    int       `json:"quest"`
	Excl     int       `json:"excl"`
	Words    int       `json:"words"`
	Hits     [][]any   `json:"hits"`
	Text     string    `json:"text"`
	Ev       []float64 `json:"ev"`
	Praise   bool      `json:"praise"`
}

// TestCareDump prints, with MW_CARE_DUMP=path, one JSON line per English
// row of the intent tuning splits and of the development halves of the
// English sentiment sets: the signals the care register reads. No held-out
// row is ever written.
func TestCareDump(t *testing.T) {
	path := os.Getenv("MW_CARE_DUMP")
	if path == "" {
		t.Skip("MW_CARE_DUMP not set")
	}
	dir := testenv.Eval(t)
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	row := func(kind, split, file string, gold []string, in Input) {
		res := e.Score(in)
		s := new(scratch)
		a, full, _ := e.read(&in, s)
		cr := careRow{Kind: kind, Split: split, File: file, Gold: gold, Tags: res.Tags, Sent: res.Sentiment,
			Neg: negativity(a.sum, a.register()), Register: a.register(), Sum: a.sum, Unfav: a.neg, Fav: a.pos,
			Marker: a.negTags&tComplaint != 0, Praise: a.posTags&tPraise != 0, Quest: s.d.quest, Excl: s.d.excl, Text: in.Text}
		ev := readCare(s, &a)
		cr.Ev = []float64{ev.unfav, ev.fav, float64(ev.n), ev.max, float64(ev.bare), float64(ev.nums), float64(ev.picts), float64(ev.phrases), float64(ev.words), float64(ev.inQuestion)}
		for _, tk := range s.d.toks {
			if tk.kind == tokWord {
				cr.Words++
			}
		}
		for _, h := range s.hits {
			rating := 0.0
			if h.ph < 0 && s.ent[h.tok] != nil {
				rating = s.ent[h.tok].val
			}
			cr.Hits = append(cr.Hits, []any{full[s.d.toks[h.tok].start:s.d.toks[h.last].end], round2(h.val), h.tags&tComplaint != 0, h.ph >= 0, h.polite, rating, s.sent[h.tok], h.tags&tPraise != 0, s.d.toks[h.tok].kind == tokEmoji || s.d.toks[h.tok].kind == tokEmoticon})
		}
		if err := enc.Encode(cr); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range loadIntentRows(t, dir, "en") {
		if !tuneSplit(r.Split) {
			continue
		}
		row("intent", r.Split, r.File, r.Intents, intentInput(t, dir, r))
	}
	sets, err := evalset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		for _, r := range set.Rows {
			if !r.Dev || r.Lang != "en" {
				continue
			}
			in := Input{Text: r.Text, Lang: r.Lang}
			in.Brand, in.Matched = evalBrand(set.Name, r)
			row("sentiment", "dev", set.Name, []string{r.Label}, in)
		}
	}
}

// careEvidence sums up the unfavourable contributions of a text by kind:
// the "ev" field of TestCareDump's rows (the engine does not read it).
type careEvidence struct {
	unfav, fav float64 // the analysis' unfavourable and favourable sums
	n          int     // unfavourable contributions
	max        float64 // the strongest of them (magnitude)
	bare       int     // bare negations ("not", "don't" with nothing to negate)
	nums       int     // phrases that open with a number ("16 days", "24hr")
	picts      int     // emoticons and emoji
	phrases    int     // other phrases
	words      int     // lexicon words
	inQuestion int     // contributions in a sentence that ends in "?"
}

// readCare counts the unfavourable contributions of s by kind.
func readCare(s *scratch, a *analysis) careEvidence {
	ev := careEvidence{unfav: a.neg, fav: a.pos}
	toks := s.d.toks
	var asked uint64 // sentences (the first 64) that end in "?"
	for i := range toks {
		if t := &toks[i]; t.kind == tokPunct && t.punct == '?' && s.sent[i] < 64 {
			asked |= 1 << s.sent[i]
		}
	}
	for _, h := range s.hits {
		if h.val >= 0 {
			continue
		}
		ev.n++
		if -h.val > ev.max {
			ev.max = -h.val
		}
		if sn := s.sent[h.tok]; sn < 64 && asked&(1<<sn) != 0 {
			ev.inQuestion++
		}
		t := &toks[h.tok]
		switch {
		case t.kind == tokEmoticon || t.kind == tokEmoji:
			ev.picts++
		case h.ph >= 0 && t.kind == tokNumber:
			ev.nums++
		case h.ph >= 0:
			ev.phrases++
		case s.ent[h.tok] != nil && s.ent[h.tok].flags&fNegator != 0:
			ev.bare++
		default:
			ev.words++
		}
	}
	return ev
}
