package score

import (
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// sentRow is one labelled SentiRuEval row as the sentiment trainer sees
// it: the features of the text about its company, by name.
type sentRow struct {
	f    nameSink
	y    int // 0 negative, 1 neutral, 2 positive
	set  string
	dev  bool
	fold int
	off  float64 // the rules' net valence (the offset of a correction)
}

// For the trials of DATA.md: MW_SENT_WORDS=1 adds the words to the
// features (sentWordFeatures), MW_SENT_KINDS=r,u,… keeps only the kinds
// named, MW_SENT_OFFSET=0 learns the score without the rules' net valence
// as its offset, MW_SENT_BAL=1 weighs the classes equally,
// MW_SENT_CROSS=1 adds each mark times the net valence, MW_SENT_NEAR=1
// reads only the words of the brand's sentences, MW_SENT_COMMON=N keeps
// only the word features seen in N rows of each domain's texts,
// MW_SENT_FIXCUT=1 fits and judges the correction at the rules' curve
// points tuned on the training half, MW_SENT_EVERY=1 scores the other
// domain at every L2 weight.
var (
	sentWords   = os.Getenv("MW_SENT_WORDS") != ""
	sentKinds   = os.Getenv("MW_SENT_KINDS")
	sentOffset  = os.Getenv("MW_SENT_OFFSET") != "0"
	sentBalance = os.Getenv("MW_SENT_BAL") != ""
	sentCross   = os.Getenv("MW_SENT_CROSS") != ""
)

// sentWordFeatures are the features tried and not shipped: the net
// valence and its parts, the lexicon entries used, each word by its first
// five letters and each pair of neighbours, the words of a clause said of
// another company and not this one marked apart (ou:, ob:).
func sentWordFeatures(s *scratch, a *analysis, sink featSink) {
	sink.add("n", "sum", "", float32(math.Max(-4, math.Min(a.sum, 4))/4))
	sink.add("n", "favour", "", float32(math.Min(a.pos, 4)/4))
	sink.add("n", "unfavour", "", float32(math.Min(a.neg, 4)/4))
	toks := s.d.toks
	prev := ""
	near := os.Getenv("MW_SENT_NEAR") != ""
	for i := range toks {
		t := &toks[i]
		if near && !brandSentence(s, i) {
			prev = ""
			continue
		}
		if e := s.ent[i]; e != nil && e.term != "" {
			sink.add("e", e.term, "", 1)
		}
		var w string
		switch {
		case t.kind == tokWord && s.brand[i]:
			w = "<brand>"
		case t.kind == tokWord && s.aimed && s.other[i]:
			w = "<other>"
		case t.kind == tokWord:
			w = wordStem(t.norm)
		case t.kind == tokMention:
			w = "<@>"
		case t.kind == tokPunct && (t.punct == '?' || t.punct == '!'):
			w = string(rune(t.punct))
		}
		if w == "" {
			prev = ""
			continue
		}
		kind, pair := "u", "b"
		if s.aimed && s.aimedOther(i) {
			kind, pair = "ou", "ob"
		}
		sink.add(kind, w, "", 1)
		if prev != "" {
			sink.add(pair, prev, w, 1)
		}
		prev = w
	}
}

func kindUsed(kind string) bool {
	if sentKinds == "" || kind == "" {
		return true
	}
	for _, k := range strings.Split(sentKinds, ",") {
		if k == kind {
			return true
		}
	}
	return false
}

// sentClass is the ordinal class of a label.
func sentClass(label string) int {
	switch label {
	case evalset.Negative:
		return 0
	case evalset.Positive:
		return 2
	}
	return 1
}

var sentLabels = [3]string{evalset.Negative, evalset.Neutral, evalset.Positive}

// readSentRows analyses the rows of the SentiRuEval sets with the rules
// and returns their features: the development halves only, and the
// held-out halves too when held is set (to be scored, never learned from).
func readSentRows(t testing.TB, held bool) []sentRow {
	t.Helper()
	sets, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cur nameSink
	var off float64
	e.sentHook = func(s *scratch, a *analysis) {
		cur = nameSink{}
		sentFeatures(s, a, cur)
		if sentWords {
			sentWordFeatures(s, a, cur)
		}
		if sentCross {
			v := float32(math.Max(-4, math.Min(a.sum, 4)) / 4)
			for name := range cur {
				if strings.HasPrefix(name, "r:") {
					cur["x:"+name[2:]] = v
				}
			}
			cur["x:sum"] = v
		}
		off = a.sum
	}
	var out []sentRow
	for _, set := range sets {
		if set.Name != banks && set.Name != telecom {
			continue
		}
		for _, r := range set.Rows {
			if !r.Dev && !held {
				continue // a held-out row is not even read
			}
			in := Input{Text: r.Text, Lang: r.Lang}
			in.Brand, in.Matched = evalBrand(set.Name, r)
			in.Others = evalOthers(&set, r)
			cur = nil
			e.Score(in)
			if cur == nil {
				t.Fatalf("%s: the model would not read %q", set.Name, r.Text)
			}
			h := fnv.New32a()
			h.Write([]byte(r.Text))
			out = append(out, sentRow{f: cur, y: sentClass(r.Label), set: set.Name, dev: r.Dev, fold: int(h.Sum32() % trainFolds), off: off})
		}
	}
	return out
}

// sentCommon, when set, are the word features allowed: those seen in
// both domains' texts (a trial).
var sentCommon map[string]bool

// sentFixCut, when set, are the cuts the model is fitted and judged at
// (a trial: the rules' curve points chosen on the training half).
var sentFixCut *[2]float64

// sentIndex numbers the features of rows (word features seen in fewer
// than minFeatRows rows are left out); the bias comes first.
func sentIndex(rows []sentRow) (map[string]int32, []string) {
	count := map[string]int{}
	for _, r := range rows {
		for name := range r.f {
			count[name]++
		}
	}
	var names []string
	for name, n := range count {
		kind, _, _ := strings.Cut(name, ":")
		if !kindUsed(kind) {
			continue
		}
		if sentCommon != nil && (kind == "u" || kind == "b" || kind == "ou" || kind == "ob") && !sentCommon[name] {
			continue
		}
		if n >= minFeatRows || kind != "u" && kind != "b" && kind != "ou" && kind != "ob" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	index := map[string]int32{}
	for i, n := range names {
		index[n] = int32(i)
	}
	return index, names
}

// encRow is a row's features as indexes of one fit, in name order.
type encRow struct {
	feats []int32
	vals  []float32
	y     int
	off   float64
}

func encode(rows []sentRow, index map[string]int32) []encRow {
	out := make([]encRow, len(rows))
	for i, r := range rows {
		keys := make([]string, 0, len(r.f))
		for name := range r.f {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		out[i].y = r.y
		if sentOffset {
			out[i].off = r.off
		}
		for _, name := range keys {
			if j, ok := index[name]; ok {
				out[i].feats = append(out[i].feats, j)
				out[i].vals = append(out[i].vals, r.f[name])
			}
		}
	}
	return out
}

// fitOrdinal fits the all-threshold ordinal logistic model of the three
// classes: one score z = w·x, and for each of the two thresholds a
// logistic loss of "above it" on z − θ; L2 on the weights, the bias left
// at zero (the thresholds stand for it). Full-batch gradient descent with
// AdaGrad steps, a fixed number of rounds (fitLogistic's): deterministic.
func fitOrdinal(rows []encRow, nFeat int, lambda float64) []float64 {
	w := make([]float64, nFeat)
	g2 := make([]float64, nFeat)
	grad := make([]float64, nFeat)
	th := [2]float64{-1, 1}
	first := 1
	if sentFixCut != nil {
		th, first = *sentFixCut, 0 // the cuts stay; the bias learns
	}
	var thG2 [2]float64
	n := float64(len(rows))
	cw := [3]float64{1, 1, 1}
	if sentBalance {
		// each class weighs as much as the others in the loss
		var cnt [3]float64
		for _, r := range rows {
			cnt[r.y]++
		}
		for k := range cw {
			if cnt[k] > 0 {
				cw[k] = n / (3 * cnt[k])
			}
		}
	}
	for range 300 {
		clear(grad)
		var thGrad [2]float64
		for _, r := range rows {
			z := r.off
			for i, f := range r.feats {
				z += w[f] * float64(r.vals[i])
			}
			gz := 0.0
			for j := range th {
				t := 0.0
				if r.y > j {
					t = 1
				}
				g := (1/(1+math.Exp(-(z-th[j]))) - t) * cw[r.y]
				gz += g
				thGrad[j] -= g / n
			}
			for i, f := range r.feats {
				grad[f] += gz * float64(r.vals[i]) / n
			}
		}
		for f := first; f < nFeat; f++ { // names[0] is the bias
			grad[f] += lambda * w[f] / n
			g2[f] += grad[f] * grad[f]
			if g2[f] > 0 {
				w[f] -= 0.5 * grad[f] / math.Sqrt(g2[f])
			}
		}
		for j := range th {
			if sentFixCut != nil {
				break
			}
			thG2[j] += thGrad[j] * thGrad[j]
			if thG2[j] > 0 {
				th[j] -= 0.5 * thGrad[j] / math.Sqrt(thG2[j])
			}
		}
	}
	return w
}

func zScore(r *encRow, w []float64) float64 {
	z := r.off
	for i, f := range r.feats {
		z += w[f] * float64(r.vals[i])
	}
	return z
}

// ordLabel is the label of score z under the cuts.
func ordLabel(z float64, cut [2]float64) string {
	switch {
	case z <= cut[0]:
		return evalset.Negative
	case z >= cut[1]:
		return evalset.Positive
	}
	return evalset.Neutral
}

// meanFPM is the mean F_macro± over the sets of rows labelled by pred.
func meanFPM(rows []sentRow, pred func(i int) string) float64 {
	conf := map[string]*evalset.Confusion{}
	var sets []string
	for i, r := range rows {
		c := conf[r.set]
		if c == nil {
			c = new(evalset.Confusion)
			conf[r.set] = c
			sets = append(sets, r.set)
		}
		c.Add(sentLabels[r.y], pred(i))
	}
	sum := 0.0
	for _, s := range sets {
		sum += conf[s].FMacroPM()
	}
	return sum / float64(len(sets))
}

// chooseCuts chooses the two cuts of scores z that give the best mean
// F_macro± over the sets of rows: each cut among 60 quantiles of z.
func chooseCuts(rows []sentRow, z []float64) ([2]float64, float64) {
	sorted := slices.Clone(z)
	slices.Sort(sorted)
	var qs []float64
	for k := 1; k < 60; k++ {
		qs = append(qs, sorted[k*len(sorted)/60])
	}
	best, bestV := [2]float64{}, -1.0
	for a, lo := range qs {
		for _, hi := range qs[a+1:] {
			cut := [2]float64{lo, hi}
			if v := meanFPM(rows, func(i int) string { return ordLabel(z[i], cut) }); v > bestV+1e-12 {
				best, bestV = cut, v
			}
		}
	}
	return best, bestV
}

// sentLambdas are the L2 weights the cross-validation chooses among.
var sentLambdas = []float64{1, 3, 10, 30, 100, 300, 1000, 3000, 10000}

// sentFit is a model fitted on some rows: the weights by name of feature,
// and the cuts chosen for it by cross-validation.
type sentFit struct {
	index  map[string]int32
	names  []string
	w      []float64
	cut    [2]float64
	lambda float64
	cvFPM  float64 // out-of-fold mean F_macro± at the choice
	report string
}

// fitSentiment chooses the L2 weight and the cuts on rows by
// cross-validation (trainFolds folds by a hash of the text), then fits
// every row.
func fitSentiment(rows []sentRow) sentFit {
	var fit sentFit
	var b strings.Builder
	fit.cvFPM = -1
	for _, lam := range sentLambdas {
		z := make([]float64, len(rows))
		for fold := range trainFolds {
			var train, test []sentRow
			var at []int
			for i, r := range rows {
				if r.fold == fold {
					test = append(test, r)
					at = append(at, i)
				} else {
					train = append(train, r)
				}
			}
			index, names := sentIndex(train)
			w := fitOrdinal(encode(train, index), len(names), lam)
			for k, er := range encode(test, index) {
				z[at[k]] = zScore(&er, w)
			}
		}
		cut, v := chooseCuts(rows, z)
		if sentFixCut != nil {
			cut = *sentFixCut
			v = meanFPM(rows, func(i int) string { return ordLabel(z[i], cut) })
		}
		fmt.Fprintf(&b, "  λ %5.1f: out-of-fold F± %.3f at cuts %+.2f %+.2f\n", lam, v, cut[0], cut[1])
		if v > fit.cvFPM {
			fit.cvFPM, fit.lambda, fit.cut = v, lam, cut
		}
	}
	fit.index, fit.names = sentIndex(rows)
	fit.w = fitOrdinal(encode(rows, fit.index), len(fit.names), fit.lambda)
	fit.report = b.String()
	return fit
}

// strongest lists the n weights of the largest size.
func (f *sentFit) strongest(n int) string {
	idx := make([]int, len(f.w))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(math.Abs(f.w[b]), math.Abs(f.w[a])) })
	var parts []string
	for _, i := range idx[:min(n, len(idx))] {
		parts = append(parts, fmt.Sprintf("%s %+.2f", f.names[i], f.w[i]))
	}
	return strings.Join(parts, ", ")
}

// labels are the fitted model's labels of rows.
func (f *sentFit) labels(rows []sentRow) []string {
	out := make([]string, len(rows))
	for i, er := range encode(rows, f.index) {
		out[i] = ordLabel(zScore(&er, f.w), f.cut)
	}
	return out
}

// fpmOf is the F_macro± of set over rows labelled by labels.
func fpmOf(rows []sentRow, labels []string, set string) float64 {
	var c evalset.Confusion
	for i, r := range rows {
		if r.set == set {
			c.Add(sentLabels[r.y], labels[i])
		}
	}
	return c.FMacroPM()
}

func onlySet(rows []sentRow, set string, dev bool) []sentRow {
	var out []sentRow
	for _, r := range rows {
		if r.set == set && r.dev == dev {
			out = append(out, r)
		}
	}
	return out
}

// TestTrainSentimentModel (MW_TRAIN=1) learns the Russian sentiment model
// from the development halves of SentiRuEval-2015 banks and telecom; no
// held-out row is read. First the cross-domain protocol: fitted on one
// domain's development half (L2 weight and cuts by cross-validation
// inside it), scored on the other's, beside the rules tuned the same way.
// Then the shipped model: fitted on both development halves, its L2
// weight and cuts chosen by cross-validation over both (mean F_macro±),
// written to data/sentiment_ru.model.
func TestTrainSentimentModel(t *testing.T) {
	if os.Getenv("MW_TRAIN") == "" {
		t.Skip("MW_TRAIN=1 trains the sentiment model and rewrites data/sentiment_ru.model")
	}
	rows := readSentRows(t, false)
	if k := os.Getenv("MW_SENT_COMMON"); k != "" {
		min, _ := strconv.Atoi(k)
		per := map[string]map[string]int{}
		for _, r := range rows {
			if per[r.set] == nil {
				per[r.set] = map[string]int{}
			}
			for name := range r.f {
				per[r.set][name]++
			}
		}
		sentCommon = map[string]bool{}
		for name, n := range per[banks] {
			if n >= min && per[telecom][name] >= min {
				sentCommon[name] = true
			}
		}
		t.Logf("%d features seen in %d rows of each domain", len(sentCommon), min)
	}
	var ru []evalset.Set
	sets, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if s.Name == banks || s.Name == telecom {
			ru = append(ru, s)
		}
	}
	reads := readSets(t, ru)
	var b strings.Builder
	// the rules as shipped, on both development halves
	dev := confusions(reads, tuned, devHalf)
	fmt.Fprintf(&b, "\nrules as shipped: banks dev %.3f, telecom dev %.3f\n", dev[banks].FMacroPM(), dev[telecom].FMacroPM())
	for _, d := range [][2]string{{banks, telecom}, {telecom, banks}} {
		from, to := d[0], d[1]
		c := tuneRussian(reads, tuned, from)
		rules := confusions(reads, c, devHalf)
		if os.Getenv("MW_SENT_FIXCUT") != "" {
			sentFixCut = &[2]float64{-c.ruNegAt, c.ruPosAt}
		}
		fit := fitSentiment(onlySet(rows, from, true))
		target := onlySet(rows, to, true)
		if os.Getenv("MW_SENT_EVERY") != "" {
			// a diagnostic: the other domain's development half at every
			// L2 weight, with the cuts its own cross-validation chose
			for _, lam := range sentLambdas {
				f := fit
				f.w = fitOrdinal(encode(onlySet(rows, from, true), f.index), len(f.names), lam)
				fmt.Fprintf(&b, "  (λ %5.0f, cuts of the choice → %s dev %.3f)\n", lam, short(to), fpmOf(target, f.labels(target), to))
			}
		}
		got := fpmOf(target, fit.labels(target), to)
		fmt.Fprintf(&b, "%s dev → %s dev: rules %.3f (negAt %.2f posAt %.2f; in %s %.3f)  model %.3f (λ %.0f, cuts %+.2f %+.2f, out-of-fold in %s %.3f)\n%s  weights: %s\n",
			short(from), short(to), rules[to].FMacroPM(), c.ruNegAt, c.ruPosAt, short(from), rules[from].FMacroPM(), got, fit.lambda, fit.cut[0], fit.cut[1], short(from), fit.cvFPM, fit.report, fit.strongest(12))
	}
	fit := fitSentiment(rows)
	fmt.Fprintf(&b, "both dev: λ %.0f, cuts %+.2f %+.2f, out-of-fold mean F± %.3f\n%s", fit.lambda, fit.cut[0], fit.cut[1], fit.cvFPM, fit.report)
	t.Log(b.String())

	var out strings.Builder
	out.WriteString("# Russian sentiment model (sentiment_model.go): a weight per feature of a text about a company\n")
	out.WriteString("# and the negative and positive cuts of the score, learned from the development halves of\n")
	out.WriteString("# SentiRuEval-2015 banks and telecom by TestTrainSentimentModel\n")
	out.WriteString("# (MW_TRAIN=1 go test -run TestTrainSentimentModel ./matchers/score/). Do not edit: retrain.\n")
	fmt.Fprintf(&out, "# %d rows; λ %v\n", len(rows), fit.lambda)
	fmt.Fprintf(&out, "cut\t%s\t%s\n", fmtW(fit.cut[0]), fmtW(fit.cut[1]))
	kept := 0
	for f, name := range fit.names {
		if math.Abs(fit.w[f]) < 0.0005 {
			continue
		}
		kept++
		fmt.Fprintf(&out, "%s\t%s\n", name, strconvW(fit.w[f]))
	}
	path := filepath.Join("data", "sentiment_ru.model")
	if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d of %d features", path, kept, len(fit.names))
}

func strconvW(v float64) string { return fmt.Sprintf("%.4f", v) }

// brandSentence reports whether token i is in a sentence that names the
// brand (every sentence when the brand was not located).
func brandSentence(s *scratch, i int) bool {
	found := false
	for k := range s.d.toks {
		if s.brand[k] {
			found = true
			if s.sent[k] == s.sent[i] {
				return true
			}
		}
	}
	return !found
}
