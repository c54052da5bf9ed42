package score

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// trainLambdas are the regularisations the trainer chooses among.
var trainLambdas = []float64{0.3, 1, 3, 10, 30}

// oofChoose chooses intent k's regularisation and cut by five-fold
// cross-validation on rows (as the trainer does), and returns them with
// the design-weighted out-of-fold F1.
func oofChoose(rows []trainRow, nFeat, k int) (lambda, cut, f1 float64) {
	lambda, cut, f1, _ = oofScores(rows, nFeat, k)
	return lambda, cut, f1
}

// oofScores is oofChoose with the out-of-fold scores at the chosen
// regularisation.
func oofScores(rows []trainRow, nFeat, k int) (lambda, cut, f1 float64, best []float64) {
	f1 = -1
	oofSweep(rows, nFeat, k, func(lam, c, f float64, _ intentCount, scores []float64) {
		if f > f1 {
			lambda, cut, f1, best = lam, c, f, scores
		}
	})
	return lambda, cut, f1, best
}

// oofSweep fits intent k on rows fold by fold at each of trainLambdas and
// hands each the out-of-fold scores, with the cut that serves them best,
// its design-weighted F1 and its plain counts.
func oofSweep(rows []trainRow, nFeat, k int, each func(lam, cut, f1 float64, c intentCount, scores []float64)) {
	for _, lam := range trainLambdas {
		scores := oofAt(rows, nFeat, k, lam)
		cut, f, c := bestCut(scores, rows, k)
		each(lam, cut, f, c, scores)
	}
}

// predAt counts the decisions pred of intent k on rows, plain and
// design-weighted.
func predAt(rows []trainRow, k int, pred []bool) (intentCount, float64) {
	var c intentCount
	var w weighedCount
	for i, r := range rows {
		switch p := pred[i]; {
		case p && r.gold[k]:
			c.tp++
			w.tp += r.w
		case p:
			c.fp++
			w.fp += r.w
		case r.gold[k]:
			c.fn++
			w.fn += r.w
		}
	}
	return c, w.f1()
}

// source names the shared file of an English row by its source.
func source(r trainRow) string {
	switch {
	case strings.HasPrefix(r.file, "twitter_us_airline"):
		return "airline"
	case strings.HasPrefix(r.file, "tweeteval"):
		return "TweetEval"
	case strings.HasPrefix(r.file, "vader_"):
		return "VADER"
	}
	return r.file
}

// wideEnglish (MW_EN_WIDE=1) trains the English model on every English
// row, not only those about a brand, and lets it decide every row in the
// trainer's figures: the variant that did not carry over (DATA.md). It
// prints its figures and writes no model.
func wideEnglish() bool { return os.Getenv("MW_EN_WIDE") != "" }

// decides reports whether the English model decides row r
// (langAddressedOnly).
func decides(r trainRow) bool { return r.sg.addressed() || wideEnglish() }

// crossSource prints the English model's figures beside the rules': out of
// fold (five folds, regularisation and cut chosen as the trainer does) by
// source, and across sources — fitted without a source's rows
// (regularisation and cut chosen by cross-validation on the rest) and
// scored on them: tune4 (airline rows labelled last), TweetEval's general
// tweets, VADER's tweets and review sentences. Where the model does not
// decide a row (no brand), or an intent (it did not beat the rules out of
// fold: decidesK, or on the fitted rows for the checks), the rules'
// decision stands.
func crossSource(t *testing.T, all []trainRow, names []string, decidesK [nModel]bool, b *strings.Builder) {
	t.Helper()
	sources := []string{"airline", "TweetEval", "VADER"}
	rulesOf := func(k int) func(r trainRow) bool { return func(r trainRow) bool { return r.rules[k] } }
	var train []trainRow
	var at []int // the index in all of each row of train
	for i, r := range all {
		if r.train {
			train, at = append(train, r), append(at, i)
		}
	}
	for k, bit := range modelIntents {
		lam, cut, f1, scores := oofScores(train, len(names), k)
		fmt.Fprintf(b, "out of fold %-10s the rows learned from: model %.3f (λ %.1f, cut %+.2f)\n", tagName(bit), f1, lam, cut)
		oof, has := make([]float64, len(all)), make([]bool, len(all))
		for i, j := range at {
			oof[j], has[j] = scores[i], true
		}
		for _, src := range sources {
			var rows []trainRow
			var pred []bool
			for j, r := range all {
				if source(r) != src {
					continue
				}
				rows = append(rows, r)
				if has[j] && decides(r) && decidesK[k] {
					pred = append(pred, oof[j] >= cut)
				} else {
					pred = append(pred, r.rules[k])
				}
			}
			mc, mw := predAt(rows, k, pred)
			rc := countAt(rows, k, rulesOf(k))
			fmt.Fprintf(b, "out of fold %-10s %-9s (%4d rows) rules %.3f %s, design-weighted %.3f; model %.3f %s, design-weighted %.3f\n",
				tagName(bit), src, len(rows), rc.f1(), rc, weighedAt(rows, k, rulesOf(k)), mc.f1(), mc, mw)
		}
	}
	// beyond its scope: the model of every row learned from, deciding
	// the rows about no brand as if they were put to one
	for k, bit := range modelIntents {
		if !decidesK[k] {
			continue
		}
		lam, cut, _ := oofChoose(train, len(names), k)
		w := fitLogistic(train, len(names), k, lam)
		for _, src := range sources[1:] {
			var rows []trainRow
			for _, r := range all {
				if source(r) == src {
					rows = append(rows, r)
				}
			}
			decide := func(r trainRow) bool { return rowScore(r, w, k) >= cut }
			rc, mc := countAt(rows, k, rulesOf(k)), countAt(rows, k, decide)
			fmt.Fprintf(b, "beyond its scope %-10s %-9s rules %.3f %s; model %.3f %s\n", tagName(bit), src, rc.f1(), rc, mc.f1(), mc)
		}
	}
	checks := []struct {
		name string
		out  func(r trainRow) bool
	}{
		{"tune4", func(r trainRow) bool { return r.split == "tune4" }},
		{"TweetEval", func(r trainRow) bool { return source(r) == "TweetEval" }},
		{"VADER", func(r trainRow) bool { return source(r) == "VADER" }},
	}
	for _, c := range checks {
		var fit, held []trainRow
		for _, r := range all {
			switch {
			case c.out(r):
				held = append(held, r)
			case r.train:
				fit = append(fit, r)
			}
		}
		for k, bit := range modelIntents {
			lam, cut, f := oofChoose(fit, len(names), k)
			w := fitLogistic(fit, len(names), k, lam)
			beats := f > weighedAt(fit, k, rulesOf(k))+decideMargin
			decide := func(r trainRow) bool {
				if !decides(r) || !beats {
					return r.rules[k]
				}
				return rowScore(r, w, k) >= cut
			}
			rc, mc := countAt(held, k, rulesOf(k)), countAt(held, k, decide)
			fmt.Fprintf(b, "across %-9s %-10s (%4d rows) rules %.3f %s, design-weighted %.3f; model %.3f %s, design-weighted %.3f (λ %.1f, decides %v)\n",
				c.name, tagName(bit), len(held), rc.f1(), rc, weighedAt(held, k, rulesOf(k)), mc.f1(), mc, weighedAt(held, k, decide), lam, beats)
		}
	}
}

// TestEnglishIntentModelWordless: the English model's features name no
// word of the text — only the kinds of the tagger's signals and shapes —
// and the shipped file holds no feature of another kind.
func TestEnglishIntentModelWordless(t *testing.T) {
	e := newTestEngine(t)
	allowed := map[string]bool{"": true, "r": true, "n": true, "s": true, "x": true}
	var names nameSink
	e.featHook = func(s *scratch, sg signals) {
		names = nameSink{}
		enIntentFeatures(s, &sg, names)
	}
	for _, text := range []string{
		"@QuasarAir why was my flight to Denver cancelled?? Refund my luggage fees now!",
		"RT @friend: Quasar Air lost my suitcase again #neveragain http://t.co/x",
		"Can anyone tell me whether Quasar Air serves breakfast on the morning flights",
		"Thanks @QuasarAir, the crew were wonderful :)",
	} {
		e.Score(Input{Text: text, Brand: "Quasar Air", Matched: []string{"QuasarAir"}, Lang: "en"})
		if len(names) < 10 {
			t.Fatalf("%q: %d features: %v", text, len(names), names)
		}
		words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r < 'a' || r > 'z' })
		for name := range names {
			kind, rest, _ := strings.Cut(name, ":")
			if !allowed[kind] {
				t.Errorf("%q: feature %q of a word kind", text, name)
			}
			for _, w := range words {
				// the signal names are the project's own words; a word of
				// the text of 5 letters or more that is no part of them
				// must not name a feature
				if len(w) >= 5 && strings.Contains(rest, w) && !signalWord(w) {
					t.Errorf("%q: feature %q names the text's word %q", text, name, w)
				}
			}
		}
	}
	m := builtinIntentModels()["en"]
	if m == nil {
		t.Fatal("data/intents_en.model carries no weights")
	}
	b, err := dataFS.ReadFile("data/intents_en.model")
	if err != nil {
		t.Fatal(err)
	}
	for ln, line := range strings.Split(string(b), "\n") {
		name, _, _ := strings.Cut(line, "\t")
		if line == "" || line[0] == '#' || name == "cut" || name == "lambda" || name == "decides" {
			continue
		}
		if kind, _, _ := strings.Cut(name, ":"); !allowed[kind] {
			t.Errorf("intents_en.model:%d: feature %q of a word kind", ln+1, name)
		}
	}
}

// signalWord reports whether w is part of a signal's own name.
func signalWord(w string) bool {
	for _, n := range []string{"complaint", "question", "praise", "fraud", "legal", "rhetorical", "marker",
		"hostile", "quest", "atstart", "linktitle", "person", "expressive", "negativity", "unfavour",
		"favour", "handles", "links", "sents", "words", "repost", "other", "asks", "channel", "regulator",
		"routine", "friend", "where", "opener", "pronoun", "voice", "rhetoric", "shaped", "asknomark", "afterlink"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// TestEnglishIntentModelHashesNames: the weights of the English model file
// are found under the hashes the tagger computes for a text's features.
func TestEnglishIntentModelHashesNames(t *testing.T) {
	e := newTestEngine(t)
	const text = "@QuasarAir why is my bag still missing?? 3 days!! http://t.co/x #fail"
	in := Input{Text: text, Brand: "Quasar Air", Matched: []string{"QuasarAir"}, Lang: "en"}
	var names nameSink
	e.featHook = func(s *scratch, sg signals) {
		names = nameSink{}
		enIntentFeatures(s, &sg, names)
	}
	e.Score(in)
	kinds := map[string]bool{}
	var file strings.Builder
	file.WriteString("cut\t0\t0\t0\n")
	var want float32
	for name, v := range names {
		kind, _, _ := strings.Cut(name, ":")
		kinds[kind] = true
		fmt.Fprintf(&file, "%s\t0\t1\t0\n", name)
		want += v
	}
	for _, k := range []string{"", "r", "n", "s", "x"} {
		if !kinds[k] {
			t.Errorf("no feature of kind %q among %v", k, names)
		}
	}
	m, err := parseIntentModel("test.model", file.String())
	if err != nil {
		t.Fatal(err)
	}
	m.wordless = langWordless("en")
	var got float32
	e.featHook = func(s *scratch, sg signals) {
		sc := scorer{m: m}
		langFeatures("en")(s, &sg, &sc)
		got = sc.sum[1]
	}
	e.Score(in)
	if math.Abs(float64(got-want)) > 1e-4 {
		t.Errorf("the model's sum over the text's features is %v, want %v", got, want)
	}
}

// TestEnglishIntentModelDecides: the shipped English model decides
// complaint and praise of everyday customer messages (sentences written
// for the test), where the rules alone differ on some; question and the
// rarer tags stay the rules'.
func TestEnglishIntentModelDecides(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := e.intentModels["en"]
	if m == nil {
		t.Fatal("no English model")
	}
	if m.rules != [nModel]bool{false, true, false} {
		t.Errorf("the model leaves %v to the rules, want question only (testdata/intents/README.md)", m.rules)
	}
	rules, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules.intentModels = map[string]*intentModel{"ru": rules.intentModels["ru"]}
	for _, c := range []struct {
		text      string
		has, lack []string
		rulesLack []string // what the rules alone do not find
	}{
		{"@QuasarAir first class upgrade! #winning",
			[]string{TagPraise}, []string{TagComplaint}, []string{TagPraise}},
		{"@QuasarAir my flight was cancelled and nobody at the desk can tell us anything. Worst airline ever",
			[]string{TagComplaint}, []string{TagQuestion, TagPraise}, nil},
		{"@QuasarAir what is the baggage allowance for an international flight?",
			[]string{TagQuestion}, []string{TagComplaint, TagPraise}, nil},
		{"@QuasarAir thank you so much, the crew on my flight today were amazing!",
			[]string{TagPraise}, []string{TagComplaint, TagQuestion}, nil},
		{"@QuasarAir is there a way to get a refund for a cancelled flight",
			[]string{TagQuestion}, []string{TagPraise}, nil},
		{"@QuasarAir I will never fly with you again, switching to another airline",
			[]string{TagComplaint, TagChurn}, []string{TagPraise}, nil},
		{"@QuasarAir no worries, it happens",
			nil, []string{TagComplaint, TagQuestion, TagPraise}, nil},
	} {
		in := Input{Text: c.text, Brand: "Quasar Air", Matched: []string{"QuasarAir"}, Lang: "en"}
		got := e.Score(in).Tags
		for _, tag := range c.has {
			if !model.HasTag(got, tag) {
				t.Errorf("%q: %v, want %s", c.text, got, tag)
			}
		}
		for _, tag := range c.lack {
			if model.HasTag(got, tag) {
				t.Errorf("%q: %v, want no %s", c.text, got, tag)
			}
		}
		byRules := rules.Score(in).Tags
		for _, tag := range c.rulesLack {
			if model.HasTag(byRules, tag) {
				t.Errorf("%q: the rules alone give %v: the case no longer shows the model deciding %s", c.text, byRules, tag)
			}
		}
	}
	// a text about no brand, or not put to a handle, is the rules'
	// (langAddressedOnly)
	for _, in := range []Input{
		{Text: "@QuasarAir what a day. 3 gate changes", Lang: "en"},
		{Text: "What a day with Quasar Air. 3 gate changes", Brand: "Quasar Air", Lang: "en"},
	} {
		if a, b := e.Score(in).Tags, rules.Score(in).Tags; !slices.Equal(a, b) {
			t.Errorf("%q (brand %q): %v, the rules give %v", in.Text, in.Brand, a, b)
		}
	}
}

// BenchmarkEnglishIntentModel scores each English benchmark text with the
// English model and with the rules alone, one after the other, timing
// each: the shared machine's load moves both alike. It reports the
// nanoseconds per text of each and the model's share of extra time.
func BenchmarkEnglishIntentModel(b *testing.B) {
	// the airline tweets with their airline as the brand (the model's
	// scope: put to a handle, about a brand), else the English fixture
	var ins []Input
	if d := testenv.SharedDir(); d != "" {
		rows, err := evalset.ReadFile(filepath.Join(d, "eval", "twitter_us_airline.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			ins = append(ins, Input{Text: r.Text, Lang: "en", Brand: r.Entity, Matched: airlineAliases[r.Entity]})
		}
	}
	if len(ins) == 0 {
		ins = benchTexts(b, true)
	}
	withModel, err := New(config.Scoring{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	rulesOnly, err := New(config.Scoring{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	rulesOnly.intentModels = map[string]*intentModel{"ru": rulesOnly.intentModels["ru"]}
	var tm, tr time.Duration
	n := 0
	for i := 0; b.Loop(); i++ {
		// each first on every other text: the second finds the text in
		// the cache
		in := ins[i%len(ins)]
		first, second := withModel, rulesOnly
		if i%2 == 1 {
			first, second = rulesOnly, withModel
		}
		t0 := time.Now()
		first.Score(in)
		t1 := time.Now()
		second.Score(in)
		d1, d2 := t1.Sub(t0), time.Since(t1)
		if i%2 == 1 {
			d1, d2 = d2, d1
		}
		tm += d1
		tr += d2
		n++
	}
	b.ReportMetric(float64(tm.Nanoseconds())/float64(n), "ns/model")
	b.ReportMetric(float64(tr.Nanoseconds())/float64(n), "ns/rules")
	b.ReportMetric(100*(float64(tm)/float64(tr)-1), "%extra")
}
