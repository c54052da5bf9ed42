package score

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// Evidence about meaning learned from words (DATA.md, "Ninth round on
// English"): models over the lower-cased words of a text (and, if asked,
// pairs of neighbouring words), learned from the development halves of
// VADER's four rated sets (MIT) only, tried as one more input to the
// decision of general English. A word is a feature only when it is in
// texts of at least two of the four sets, so nothing one set alone uses
// survives. TweetEval and the airline tweets are scored, never learned
// from. TestWordsModel checks every variant out of fold (two folds by row
// parity as in fold_test.go: fit on one fold of the four sets, score the
// other; TweetEval's and the airline's fold a are scored with the model
// of fold b and the other way round) and leaving one of VADER's sets out
// (fit on three, score the fourth), and prints each English set's
// accuracy and macro-F1 for every value of the variant's constant beside
// govader's. No variant passed (DATA.md), so the engine does not use any:
// the code stays here for a later round. MW_WORDS=1 runs it; the knobs:
//
//	MW_WORDS_MIN   a word is a feature when it is in at least this many
//	               training texts (default 5), of at least two sets
//	MW_WORDS_L2    the ridge (or logistic) penalty (default 10)
//	MW_WORDS_BI    1: pairs of neighbouring words as well
//	MW_WORDS_GRID  the values x of the variant's constant, comma-separated
//	MW_WORDS_MODE  the variant, over the ridge regression of the mean rating
//	               on the words unless said:
//	  add      the model's rating × x joins the engine's net valence
//	  addev    the same, only for texts with lexicon evidence
//	  blend    the net valence becomes (1−x)·sum + x·rating
//	  blendev  the same, only for texts with lexicon evidence
//	  oppose   a polar reading turns neutral when the rating is at least x
//	           of the other sign
//	  calm     a logistic model of neutral against polar; a polar reading
//	           turns neutral when its probability of neutral exceeds x
//	  stack    the regression is fitted with the engine's compound as an
//	           unpenalised input; its rating decides alone, neutral
//	           within ±x

// fitPasses is how many times the fits go over every coefficient.
const fitPasses = 300

// vaderSetIdx are the indices in englishSets of VADER's four sets, the
// only ones the word model learns from.
var vaderSetIdx = []int{2, 3, 4, 5}

// wordRow is one English development row as the word model sees it.
type wordRow struct {
	set   int // index into englishSets
	fold  int // 0 for fold a, 1 for fold b (fold_test.go)
	label int // evalset.Index
	score float64
	words []string // distinct words (and pairs) of the text
	gen   bool     // general English
	sum   float64  // the engine's net valence
	pos   bool     // the engine has favourable evidence
	ev    bool     // the engine has evidence of either sign
	vader int      // govader's label
}

// wordTokens are the distinct lower-cased words of an analysed text, with
// the pairs of neighbouring words when pairs is set.
func wordTokens(d *doc, pairs bool) []string {
	var out []string
	prev := ""
	for i := range d.toks {
		t := &d.toks[i]
		if t.kind != tokWord || t.script != 0 && !isLatinToken(t) {
			prev = ""
			continue
		}
		out = append(out, t.norm)
		if pairs && prev != "" {
			out = append(out, prev+" "+t.norm)
		}
		prev = t.norm
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isLatinToken(t *token) bool {
	for _, r := range t.norm {
		if r > 'z' {
			return false
		}
	}
	return true
}

// wordRows reads the development rows of the English sets. No held-out
// row is read.
func wordRows(t testing.TB, pairs bool) []wordRow {
	t.Helper()
	sets := devEnglish(t)
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vader := govader.NewSentimentIntensityAnalyzer()
	s := new(scratch)
	var out []wordRow
	for _, set := range sets {
		si := slices.Index(englishSets, set.Name)
		for k, r := range set.Rows {
			in := evalInput(&set, r)
			a, _, _ := e.read(&in, s)
			w := wordRow{
				set: si, fold: k % 2, label: evalset.Index(r.Label), score: r.Score,
				words: wordTokens(&s.d, pairs),
				gen:   a.register() == regGeneralEN,
				sum:   a.sum, pos: a.pos > 0, ev: a.pos > 0 || a.neg > 0,
				vader: evalset.Index(vaderLabel(vader.PolarityScores(r.Text).Compound)),
			}
			if got, want := labelOf(w.sum, a.register(), w.pos), e.Score(in).Sentiment; got != want {
				t.Fatalf("%s row %d: the curve reads %s, the engine %s", set.Name, k, got, want)
			}
			out = append(out, w)
		}
	}
	return out
}

// labelOf is the engine's label of a net valence in a register.
func labelOf(sum float64, register string, pos bool) string {
	neg := round2(negativity(sum, register))
	switch {
	case neg >= config.DefaultNegative:
		return evalset.Negative
	case neg <= config.DefaultPositive && pos:
		return evalset.Positive
	}
	return evalset.Neutral
}

// wordModel is a weight per word and a common intercept.
type wordModel struct {
	w    map[string]float64
	bias float64
	comp float64 // the weight of the engine's compound (stacked fits)
}

// predict is the model's rating of a text, without the intercept.
func (m *wordModel) predict(words []string) float64 {
	p := 0.0
	for _, w := range words {
		p += m.w[w]
	}
	return p
}

// wordDesign is the training design of a word model: the rows learned
// from, the features (words), and for each feature the rows that have it.
type wordDesign struct {
	idx   []int // indices into rows
	names []string
	cols  [][]int32 // per feature, positions in idx
}

// wordDesignOf builds the design over the rows train selects of VADER's
// sets: a word is a feature when it is in at least minDocs of their texts
// and in texts of at least two sets.
func wordDesignOf(rows []wordRow, train func(*wordRow) bool, minDocs int) *wordDesign {
	d := &wordDesign{}
	df := map[string]*[nEnglish]int{}
	for i := range rows {
		r := &rows[i]
		if !train(r) || !slices.Contains(vaderSetIdx, r.set) {
			continue
		}
		d.idx = append(d.idx, i)
		for _, w := range r.words {
			c := df[w]
			if c == nil {
				c = new([nEnglish]int)
				df[w] = c
			}
			c[r.set]++
		}
	}
	for w, c := range df {
		n, sets := 0, 0
		for _, k := range c {
			n += k
			if k > 0 {
				sets++
			}
		}
		if n >= minDocs && sets >= 2 {
			d.names = append(d.names, w)
		}
	}
	slices.Sort(d.names)
	feat := make(map[string]int, len(d.names))
	for k, w := range d.names {
		feat[w] = k
	}
	d.cols = make([][]int32, len(d.names))
	for j, i := range d.idx {
		for _, w := range rows[i].words {
			if f, ok := feat[w]; ok {
				d.cols[f] = append(d.cols[f], int32(j))
			}
		}
	}
	return d
}

// model turns fitted weights and per-set intercepts into a wordModel whose
// intercept is the mean of VADER's sets' ones.
func (d *wordDesign) model(rows []wordRow, wt []float64, icpt *[nEnglish]float64) *wordModel {
	m := &wordModel{w: make(map[string]float64, len(d.names))}
	for f, w := range d.names {
		if wt[f] != 0 {
			m.w[w] = wt[f]
		}
	}
	var seen [nEnglish]bool
	for _, i := range d.idx {
		seen[rows[i].set] = true
	}
	n := 0
	for k := range seen {
		if seen[k] {
			m.bias += icpt[k]
			n++
		}
	}
	m.bias /= float64(n)
	return m
}

// fitWords fits the ridge regression of target (the mean rating, say) on
// the words of the rows train selects (VADER's sets only), with an
// intercept per set, by coordinate descent.
func fitWords(rows []wordRow, train func(*wordRow) bool, minDocs int, l2 float64, target func(*wordRow) float64, stacked bool) *wordModel {
	d := wordDesignOf(rows, train, minDocs)
	res := make([]float64, len(d.idx))
	for j, i := range d.idx {
		res[j] = target(&rows[i])
	}
	wt := make([]float64, len(d.names))
	var icpt [nEnglish]float64
	comp := 0.0
	for range fitPasses {
		if stacked {
			num, den := 0.0, 0.0
			for j, i := range d.idx {
				c := rows[i].compound()
				num += c * (res[j] + comp*c)
				den += c * c
			}
			nc := num / den
			for j, i := range d.idx {
				res[j] -= (nc - comp) * rows[i].compound()
			}
			comp = nc
		}
		// intercepts: the mean residual of each set
		var s, n [nEnglish]float64
		for j, i := range d.idx {
			s[rows[i].set] += res[j]
			n[rows[i].set]++
		}
		for j, i := range d.idx {
			res[j] -= s[rows[i].set] / n[rows[i].set]
		}
		for k := range icpt {
			if n[k] > 0 {
				icpt[k] += s[k] / n[k]
			}
		}
		for f, col := range d.cols {
			num := 0.0
			for _, j := range col {
				num += res[j] + wt[f]
			}
			nw := num / (float64(len(col)) + l2)
			if dw := nw - wt[f]; dw != 0 {
				for _, j := range col {
					res[j] -= dw
				}
				wt[f] = nw
			}
		}
	}
	m := d.model(rows, wt, &icpt)
	m.comp = comp
	return m
}

// compound is VADER's normalisation of the engine's net valence.
func (r *wordRow) compound() float64 { return r.sum / math.Sqrt(r.sum*r.sum+vaderAlpha) }

// fitWordsLogistic fits an L2-penalised logistic regression of y (0 or 1) on
// the words of the rows train selects (VADER's sets only), with an
// intercept per set, by coordinate Newton steps.
func fitWordsLogistic(rows []wordRow, train func(*wordRow) bool, minDocs int, l2 float64, y func(*wordRow) float64) *wordModel {
	d := wordDesignOf(rows, train, minDocs)
	z := make([]float64, len(d.idx))
	ys := make([]float64, len(d.idx))
	for j, i := range d.idx {
		ys[j] = y(&rows[i])
	}
	wt := make([]float64, len(d.names))
	var icpt [nEnglish]float64
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for range fitPasses {
		var g, h [nEnglish]float64
		for j, i := range d.idx {
			p := sig(z[j])
			g[rows[i].set] += p - ys[j]
			h[rows[i].set] += p * (1 - p)
		}
		for j, i := range d.idx {
			if k := rows[i].set; h[k] > 0 {
				z[j] -= g[k] / h[k]
			}
		}
		for k := range icpt {
			if h[k] > 0 {
				icpt[k] -= g[k] / h[k]
			}
		}
		for f, col := range d.cols {
			gf, hf := l2*wt[f], l2
			for _, j := range col {
				p := sig(z[j])
				gf += p - ys[j]
				hf += p * (1 - p)
			}
			dw := -gf / hf
			wt[f] += dw
			for _, j := range col {
				z[j] += dw
			}
		}
	}
	return d.model(rows, wt, &icpt)
}

// wordsDecide is the label of r with the model's rating p.
func wordsDecide(r *wordRow, mdl *wordModel, p float64, mode string, x float64) int {
	if !r.gen {
		return evalset.Index(labelOf(r.sum, "en", r.pos))
	}
	sum, pos := r.sum, r.pos
	switch mode {
	case "add":
		sum += x * p
		pos = pos || x*p > 0
	case "addev":
		if r.ev {
			sum += x * p
			pos = pos || x*p > 0
		}
	case "blend":
		sum = (1-x)*sum + x*p
		pos = pos || p > 0
	case "blendev":
		if r.ev {
			sum = (1-x)*sum + x*p
			pos = pos || p > 0
		}
	case "oppose":
		// a polar reading the words' rating contradicts by x or more
		l := labelOf(sum, regGeneralEN, pos)
		if l == evalset.Positive && p <= -x || l == evalset.Negative && p >= x {
			return evalset.Index(evalset.Neutral)
		}
	case "stack":
		// the fitted rating: the engine's compound and the words
		switch q := p + mdl.comp*r.compound(); {
		case q >= x:
			return evalset.Index(evalset.Positive)
		case q <= -x:
			return evalset.Index(evalset.Negative)
		}
		return evalset.Index(evalset.Neutral)
	case "calm":
		l := labelOf(sum, regGeneralEN, pos)
		if l != evalset.Neutral && p > x {
			return evalset.Index(evalset.Neutral)
		}
	}
	return evalset.Index(labelOf(sum, regGeneralEN, pos))
}

// TestWordsModel prints the word model's checks (see above). It reads no
// held-out row.
func TestWordsModel(t *testing.T) {
	if os.Getenv("MW_WORDS") == "" {
		t.Skip("MW_WORDS=1 checks the word model")
	}
	minDocs := envInt(t, "MW_WORDS_MIN", 5)
	l2 := envFloat(t, "MW_WORDS_L2", 10)
	pairs := os.Getenv("MW_WORDS_BI") == "1"
	mode := os.Getenv("MW_WORDS_MODE")
	if mode == "" {
		mode = "add"
	}
	grid := []float64{0, 0.1, 0.2, 0.3, 0.5, 0.75, 1}
	if g := os.Getenv("MW_WORDS_GRID"); g != "" {
		grid = grid[:0]
		for _, f := range strings.Split(g, ",") {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			grid = append(grid, x)
		}
	}
	rows := wordRows(t, pairs)

	fit := func(train func(*wordRow) bool) *wordModel {
		if mode == "calm" {
			return fitWordsLogistic(rows, train, minDocs, l2, func(r *wordRow) float64 {
				if r.label == evalset.Index(evalset.Neutral) {
					return 1
				}
				return 0
			})
		}
		return fitWords(rows, train, minDocs, l2, func(r *wordRow) float64 { return r.score }, mode == "stack")
	}
	// predict is what the decision is given: the rating, or the
	// probability that the text is neutral
	predict := func(m *wordModel, words []string) float64 {
		p := m.predict(words)
		switch mode {
		case "calm":
			return 1 / (1 + math.Exp(-m.bias-p))
		case "stack":
			return m.bias + p
		}
		return p
	}
	// out of fold: fit on one fold of VADER's sets, score the other; the
	// sets not learned from get the model fitted on the other fold too
	var oof [2]*wordModel
	for f := range 2 {
		oof[f] = fit(func(r *wordRow) bool { return r.fold != f })
	}
	// leave one set out: fit on three of VADER's sets, score the fourth
	loso := map[int]*wordModel{}
	for _, k := range vaderSetIdx {
		loso[k] = fit(func(r *wordRow) bool { return r.set != k })
	}
	full := fit(func(*wordRow) bool { return true })
	t.Logf("features: %d (fold models %d, %d), bias %.3f, compound %.3f", len(full.w), len(oof[0].w), len(oof[1].w), full.bias, full.comp)

	var b strings.Builder
	fmt.Fprintf(&b, "\nmode %s, min %d, l2 %g, pairs %v\n", mode, minDocs, l2, pairs)
	fmt.Fprintf(&b, "%-24s %4s | %-11s | %s\n", "set", "fold", "govader", "x: acc mF1 (out of fold; LOSO for VADER's sets in the second line)")
	for si, name := range englishSets {
		for f := range 2 {
			var gv evalset.Confusion
			ours := make([]evalset.Confusion, len(grid))
			lo := make([]evalset.Confusion, len(grid))
			for i := range rows {
				r := &rows[i]
				if r.set != si || r.fold != f {
					continue
				}
				gv[r.label][r.vader]++
				p := predict(oof[1-f], r.words)
				var pl float64
				if m := loso[si]; m != nil {
					pl = predict(m, r.words)
				}
				for g, x := range grid {
					ours[g][r.label][wordsDecide(r, oof[1-f], p, mode, x)]++
					if loso[si] != nil {
						lo[g][r.label][wordsDecide(r, loso[si], pl, mode, x)]++
					}
				}
			}
			fmt.Fprintf(&b, "%-24s %4s | %.3f %.3f |", name, string(rune('a'+f)), gv.Accuracy(), gv.MacroF1())
			for g, x := range grid {
				fmt.Fprintf(&b, " %g: %.3f %.3f", x, ours[g].Accuracy(), ours[g].MacroF1())
			}
			b.WriteString("\n")
			if loso[si] != nil {
				fmt.Fprintf(&b, "%-24s %4s | %11s |", "", "loso", "")
				for g, x := range grid {
					fmt.Fprintf(&b, " %g: %.3f %.3f", x, lo[g].Accuracy(), lo[g].MacroF1())
				}
				b.WriteString("\n")
			}
		}
	}
	t.Log(b.String())
}

func envInt(t testing.TB, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

func envFloat(t testing.TB, name string, def float64) float64 {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return x
}

// TestFitWords checks the fits on rows made up for it: a word said only in
// texts rated high gets a positive weight, one said only in texts rated
// low a negative one, a word of one set alone no weight (its texts are
// left to their set's intercept), and the logistic
// fit makes a word of neutral texts a sign of neutral.
func TestFitWords(t *testing.T) {
	var rows []wordRow
	add := func(set int, score float64, label int, words ...string) {
		for k := range 4 {
			rows = append(rows, wordRow{set: set, fold: k % 2, score: score, label: label, words: words})
		}
	}
	neutral := evalset.Index(evalset.Neutral)
	for _, set := range vaderSetIdx {
		add(set, 2, 2, "lovely", "the")
		add(set, -2, 0, "awful", "the")
		add(set, 0, neutral, "meeting", "the")
		add(set, 0, neutral) // no word: the set's intercept is pinned here
	}
	add(vaderSetIdx[0], 3, 2, "onlyhere")
	all := func(*wordRow) bool { return true }
	m := fitWords(rows, all, 2, 1, func(r *wordRow) float64 { return r.score }, false)
	if m.w["lovely"] <= 0.5 || m.w["awful"] >= -0.5 {
		t.Errorf("ridge: lovely %.3f, awful %.3f: want clearly positive and negative", m.w["lovely"], m.w["awful"])
	}
	if _, ok := m.w["onlyhere"]; ok {
		t.Errorf("a word of one set alone got a weight")
	}
	n := fitWordsLogistic(rows, all, 2, 1, func(r *wordRow) float64 {
		if r.label == neutral {
			return 1
		}
		return 0
	})
	if n.w["meeting"] <= 0 || n.w["lovely"] >= 0 {
		t.Errorf("logistic: meeting %.3f, lovely %.3f: want a sign of neutral and of polar", n.w["meeting"], n.w["lovely"])
	}
}
