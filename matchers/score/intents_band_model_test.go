package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestIntentModelBandParse: a "band" line gives each intent's band; a file
// without one (as every model before the band) parses with no band, and a
// negative band is an error that names its line.
func TestIntentModelBandParse(t *testing.T) {
	old, err := parseIntentModel("old.model", "cut\t0.5\t-0.5\t0\nlambda\t1\t3\t10\n:bias\t-1\t-1\t-1\n")
	if err != nil || old == nil {
		t.Fatalf("a file without a band line: %v, %v", old, err)
	}
	if old.band != [nModel]float32{} || old.cut != [nModel]float32{0.5, -0.5, 0} {
		t.Errorf("without a band line: band %v cut %v, want no band and the cuts", old.band, old.cut)
	}
	m, err := parseIntentModel("new.model", "cut\t0.5\t-0.5\t0\nband\t0.1\t0.25\t0\n:bias\t-1\t-1\t-1\n")
	if err != nil {
		t.Fatal(err)
	}
	if m.band != [nModel]float32{0.1, 0.25, 0} {
		t.Errorf("band %v, want [0.1 0.25 0]", m.band)
	}
	if _, err := parseIntentModel("bad.model", "cut\t0\t0\t0\nband\t0.1\t-0.2\t0\n:bias\t1\t1\t1\n"); err == nil || err.Error() != "score: bad.model:2: band -0.2, want 0 or more" {
		t.Errorf("a negative band: %v", err)
	}
	if _, err := parseIntentModel("nan.model", "band\tNaN\t0\t0\n:bias\t1\t1\t1\n"); err == nil {
		t.Error("a band of NaN parsed")
	}
}

// TestIntentModelBandApply: a score within the band around the cut keeps
// the rules' decision, whichever it is; at the band's edge and beyond,
// the model's decision stands on either side; an intent the model leaves
// to the rules is theirs at any score.
func TestIntentModelBandApply(t *testing.T) {
	m := &intentModel{cut: [nModel]float32{0, 1, -1}, band: [nModel]float32{0.5, 0.5, 0}}
	at := func(built tagSet, sum [nModel]float32) tagSet { return m.apply(built, &sum) }
	for _, c := range []struct {
		name       string
		rules      tagSet
		sum        [nModel]float32
		want, lost tagSet
	}{
		// complaint: cut 0, band 0.5
		{"just above the cut, rules say no", 0, [nModel]float32{0.2, -9, -9}, 0, tComplaint},
		{"just below the cut, rules say yes", tComplaint, [nModel]float32{-0.2, -9, -9}, tComplaint, 0},
		{"at the band's upper edge", 0, [nModel]float32{0.5, -9, -9}, tComplaint, 0},
		{"at the band's lower edge, rules say yes", tComplaint, [nModel]float32{-0.5, -9, -9}, 0, tComplaint},
		{"far above, rules say no", 0, [nModel]float32{3, -9, -9}, tComplaint, 0},
		{"far below, rules say yes", tComplaint, [nModel]float32{-3, -9, -9}, 0, tComplaint},
		// question: cut 1, band 0.5
		{"question within its band", tQuestion, [nModel]float32{-9, 0.6, -9}, tQuestion, 0},
		{"question outside its band", tQuestion, [nModel]float32{-9, 0.4, -9}, 0, tQuestion},
		// praise: no band, the cut alone
		{"praise just above a cut with no band", 0, [nModel]float32{-9, -9, -0.99}, tPraise, 0},
		{"praise just below a cut with no band", tPraise, [nModel]float32{-9, -9, -1.01}, 0, tPraise},
	} {
		got := at(c.rules, c.sum)
		if got&c.want != c.want || got&c.lost != 0 {
			t.Errorf("%s: %v, want %v and not %v", c.name, got, c.want, c.lost)
		}
	}
	m.rules[0] = true // complaint left to the rules
	if got := at(0, [nModel]float32{5, -9, -9}); got&tComplaint != 0 {
		t.Errorf("an intent left to the rules: %v", got)
	}
}

// TestIntentModelBandDecides: through the engine, a Russian text whose
// model score lies within the band keeps the rules' complaint, and the
// same score outside a narrower band takes the model's.
func TestIntentModelBandDecides(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const text = "Квазар опять заблокировал карту, ужасный сервис"
	e.intentModels = map[string]*intentModel{}
	if got := e.Score(Input{Text: text, Brand: "Квазар", Lang: "ru"}).Tags; !model.HasTag(got, TagComplaint) {
		t.Fatalf("the rules alone: %v, want complaint", got)
	}
	// the complaint score of every text is the bias, -1, 0.5 under the cut
	for _, c := range []struct {
		band string
		want bool
	}{{"0.6", true}, {"0.4", false}, {"0", false}} {
		m, err := parseIntentModel("test.model", "cut\t-0.5\t0.5\t0.5\nband\t"+c.band+"\t0\t0\n:bias\t-1\t-1\t-1\n")
		if err != nil {
			t.Fatal(err)
		}
		e.intentModels = map[string]*intentModel{"ru": m}
		if got := model.HasTag(e.Score(Input{Text: text, Brand: "Квазар", Lang: "ru"}).Tags, TagComplaint); got != c.want {
			t.Errorf("band %s: complaint %v, want %v", c.band, got, c.want)
		}
	}
}
