package score

import (
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/jonreiter/govader"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// genRow is one English development row as the model sees it.
type genRow struct {
	set            string
	text           string
	label          int // evalset.Index
	gen            bool
	feat           genFeat
	hasPos, hasNeg bool
	sum            float64
	register       string
	vader          int    // govader's label
	hash           uint32 // of the text: the cross-validation fold inside the development half
}

// genRows reads the development rows of the English sets. No held-out
// row is read.
func genRows(t testing.TB, sets []evalset.Set) []genRow {
	t.Helper()
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vader := govader.NewSentimentIntensityAnalyzer()
	s := new(scratch)
	// the features are computed only with the model on
	defer func(on bool) { useGenModel = on }(useGenModel)
	useGenModel = true
	var out []genRow
	for _, set := range sets {
		english := false
		for _, n := range englishSets {
			english = english || n == set.Name
		}
		if !english {
			continue
		}
		for _, r := range set.Rows {
			if !r.Dev {
				continue
			}
			in := Input{Text: r.Text, Lang: r.Lang}
			in.Brand, in.Matched = evalBrand(set.Name, r)
			a, _, _ := e.read(&in, s)
			h := fnv.New32a()
			h.Write([]byte(r.Text))
			out = append(out, genRow{
				set: set.Name, text: r.Text, label: evalset.Index(r.Label), gen: a.register() == regGeneralEN,
				feat: a.feat, hasPos: a.pos > 0, hasNeg: a.neg > 0, sum: a.sum, register: a.register(),
				vader: evalset.Index(vaderLabel(vader.PolarityScores(r.Text).Compound)),
				hash:  h.Sum32(),
			})
		}
	}
	return out
}

var labelNames = [3]string{evalset.Negative, evalset.Neutral, evalset.Positive}

// predict is the label of r under the weights w (nil: the shipped curves
// without the model).
func (r *genRow) predict(w *[2]genFeat) int {
	if w == nil || !r.gen || !(r.hasPos || r.hasNeg) {
		cs := tuned.curves()
		neg := round2(cs.negativity(r.sum, r.register))
		switch {
		case neg >= config.DefaultNegative:
			return evalset.Index(evalset.Negative)
		case neg <= config.DefaultPositive && r.hasPos:
			return evalset.Index(evalset.Positive)
		}
		return evalset.Index(evalset.Neutral)
	}
	zn, zp := genLogits(w, &r.feat, r.hasPos, r.hasNeg)
	neg := round2(genNegativity(zn, zp))
	switch {
	case neg >= config.DefaultNegative:
		return evalset.Index(evalset.Negative)
	case neg <= config.DefaultPositive && r.hasPos:
		return evalset.Index(evalset.Positive)
	}
	return evalset.Index(evalset.Neutral)
}

// genFigures are per-set confusions of the model (or the shipped curves)
// and of govader on the rows keep selects.
func genFigures(rows []genRow, w *[2]genFeat, keep func(*genRow) bool) (ours, gv map[string]*evalset.Confusion) {
	ours, gv = map[string]*evalset.Confusion{}, map[string]*evalset.Confusion{}
	for i := range rows {
		r := &rows[i]
		if !keep(r) {
			continue
		}
		if ours[r.set] == nil {
			ours[r.set], gv[r.set] = new(evalset.Confusion), new(evalset.Confusion)
		}
		ours[r.set].Add(labelNames[r.label], labelNames[r.predict(w)])
		gv[r.set].Add(labelNames[r.label], labelNames[r.vader])
	}
	return ours, gv
}

// leastMargin is the least margin over govader of any set, in macro-F1
// and (with the accuracy guard) accuracy, plus the mean macro-F1 / 100.
func leastMargin(ours, gv map[string]*evalset.Confusion) float64 {
	worst, sum := 1.0, 0.0
	for s, c := range ours {
		worst = min(worst, c.MacroF1()-gv[s].MacroF1())
		if accGuard {
			worst = min(worst, c.Accuracy()-gv[s].Accuracy())
		}
		sum += c.MacroF1()
	}
	return worst + sum/float64(len(ours))/100
}

// softMargin is a smooth least margin (soft minimum, temperature 0.005)
// over the sets' macro-F1 and accuracy margins: the search's objective
// when MW_FIT_SOFT is set, less flat than the minimum itself.
func softMargin(ours, gv map[string]*evalset.Confusion) float64 {
	const tau = 0.005
	var z float64
	for s, c := range ours {
		z += math.Exp(-(c.MacroF1() - gv[s].MacroF1()) / tau)
		z += math.Exp(-(c.Accuracy() - gv[s].Accuracy()) / tau)
	}
	return -tau * math.Log(z)
}

// fitGen fits the multinomial logistic model on the general-English rows
// keep selects with evidence: every set weighs the same in all, and
// within a set every gold class the same (macro-F1 counts classes
// equally); lambda is the L2 penalty on the weights other than the bias.
func fitGen(rows []genRow, keep func(*genRow) bool, lambda float64) [2]genFeat {
	var idx []int
	perSet := map[string]*[3]float64{}
	for i := range rows {
		r := &rows[i]
		if keep(r) && r.gen && (r.hasPos || r.hasNeg) {
			idx = append(idx, i)
			if perSet[r.set] == nil {
				perSet[r.set] = new([3]float64)
			}
			perSet[r.set][r.label]++
		}
	}
	wt := make([]float64, len(idx))
	for k, i := range idx {
		r := &rows[i]
		c := perSet[r.set]
		classes := 0.0
		for _, n := range c {
			if n > 0 {
				classes++
			}
		}
		wt[k] = 1 / (float64(len(perSet)) * classes * c[r.label])
		if os.Getenv("MW_FIT_BAL") == "0" {
			wt[k] = 1 / (float64(len(perSet)) * (c[0] + c[1] + c[2]))
		}
	}
	var w [2]genFeat
	var m, v [2]genFeat // Adam
	const lr, b1, b2 = 0.05, 0.9, 0.999
	for it := 1; it <= 3000; it++ {
		var g [2]genFeat
		for k, i := range idx {
			r := &rows[i]
			var zn, zp float64
			for j := range r.feat {
				zn += w[0][j] * r.feat[j]
				zp += w[1][j] * r.feat[j]
			}
			// a class without evidence of its sign is ruled out
			en, ep := math.Exp(zn), math.Exp(zp)
			if !r.hasNeg {
				en = 0
			}
			if !r.hasPos {
				ep = 0
			}
			z := 1 + en + ep
			pn, pp := en/z, ep/z
			yn, yp := 0.0, 0.0
			switch labelNames[r.label] {
			case evalset.Negative:
				yn = 1
			case evalset.Positive:
				yp = 1
			}
			for j := range r.feat {
				g[0][j] += wt[k] * (pn - yn) * r.feat[j]
				g[1][j] += wt[k] * (pp - yp) * r.feat[j]
			}
		}
		for c := range g {
			for j := range g[c] {
				if j != gfBias {
					g[c][j] += lambda * w[c][j]
				}
				m[c][j] = b1*m[c][j] + (1-b1)*g[c][j]
				v[c][j] = b2*v[c][j] + (1-b2)*g[c][j]*g[c][j]
				mh := m[c][j] / (1 - math.Pow(b1, float64(it)))
				vh := v[c][j] / (1 - math.Pow(b2, float64(it)))
				w[c][j] -= lr * mh / (math.Sqrt(vh) + 1e-8)
			}
		}
	}
	return w
}

// shiftBiases moves the two biases of w on a grid to raise the least
// margin over govader on the rows keep selects.
func shiftBiases(rows []genRow, w [2]genFeat, keep func(*genRow) bool) ([2]genFeat, float64) {
	best, bestV := w, -9.0
	for _, dn := range steps(-1.5, 1.5, 0.1) {
		for _, dp := range steps(-1.5, 1.5, 0.1) {
			c := w
			c[0][gfBias] += dn
			c[1][gfBias] += dp
			if v := leastMargin(genFigures(rows, &c, keep)); v > bestV+1e-9 {
				best, bestV = c, v
			}
		}
	}
	return best, bestV
}

// curveWeights are weights that reproduce the shipped neutral band of
// general English: negative from compound −vaderNegCut, positive from
// +vaderPosCut (steep logits on the compound alone).
func curveWeights() [2]genFeat {
	const steep = 10
	var w [2]genFeat
	w[0][gfBias], w[0][gfCompound] = -steep*tuned.vaderNegCut, -steep
	w[1][gfBias], w[1][gfCompound] = -steep*tuned.vaderPosCut, steep
	return w
}

// searchGen starts from the shipped band (curveWeights) and moves one
// weight at a time on a grid while the least margin over govader on the
// rows keep selects rises: the guarded objective itself, not a
// likelihood.
func searchGen(rows []genRow, keep func(*genRow) bool, only map[int]bool) ([2]genFeat, float64) {
	obj := leastMargin
	if os.Getenv("MW_FIT_SOFT") != "" {
		obj = softMargin
	}
	signed := os.Getenv("MW_FIT_SIGNED") != ""
	w := curveWeights()
	bestV := obj(genFigures(rows, &w, keep))
	deltas := []float64{-2, -1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1, 2}
	for pass := 0; pass < 6; pass++ {
		improved := false
		for c := range w {
			for j := range w[c] {
				if only != nil && !only[j] {
					continue
				}
				for _, d := range deltas {
					t := w
					t[c][j] += d
					if signed && registerSign[j]*t[c][j] < 0 {
						continue
					}
					if v := obj(genFigures(rows, &t, keep)); v > bestV+1e-5 {
						w, bestV, improved = t, v, true
					}
				}
			}
		}
		if !improved {
			break
		}
	}
	return w, bestV
}

// registerSign is the sign a register feature's weight may take under
// MW_FIT_SIGNED, in both polar classes: the marks of a report (names,
// numbers, links, reporting words, dates) may only make a text less
// polar, the marks of an opinion (first and second person, a question,
// exclamation, emoticons) only more; 0 leaves a feature free.
var registerSign = genFeat{
	gfNames: -1, gfNumber: -1, gfLink: -1, gfReport: -1, gfDate: -1,
	gfFirst: 1, gfSecond: 1, gfQuestion: 1, gfExclaim: 1, gfEmo: 1,
	gfReportish: -1, gfOpinionish: 1,
}

// fit is the fit MW_FIT_MODE chooses: "search" (default) the coordinate
// search from the shipped band, "lr" the likelihood fit with the biases
// shifted afterwards.
func fit(rows []genRow, keep func(*genRow) bool, lambda float64) ([2]genFeat, float64) {
	if os.Getenv("MW_FIT_MODE") == "lr" {
		w := fitGen(rows, keep, lambda)
		return shiftBiases(rows, w, keep)
	}
	return searchGen(rows, keep, fitFeatures())
}

// fitFeatures are the features the search may weigh: MW_FIT_FEATS="0,8,9"
// limits it to those indices (nil: all).
func fitFeatures() map[int]bool {
	v := os.Getenv("MW_FIT_FEATS")
	if v == "" {
		return nil
	}
	only := map[int]bool{}
	for _, f := range strings.Split(v, ",") {
		var j int
		fmt.Sscan(f, &j)
		only[j] = true
	}
	return only
}

// outOfFold is k-fold cross-validation inside the development halves:
// every fold is predicted with what fitter chose on the other folds, and
// the per-set confusions pool those out-of-fold predictions.
func outOfFold(rows []genRow, folds int, fitter func(keep func(*genRow) bool) [2]genFeat) (ours, gv map[string]*evalset.Confusion, ws [][2]genFeat) {
	ours, gv = map[string]*evalset.Confusion{}, map[string]*evalset.Confusion{}
	for k := 0; k < folds; k++ {
		w := fitter(func(r *genRow) bool { return int(r.hash%uint32(folds)) != k })
		ws = append(ws, w)
		for i := range rows {
			r := &rows[i]
			if int(r.hash%uint32(folds)) != k {
				continue
			}
			if ours[r.set] == nil {
				ours[r.set], gv[r.set] = new(evalset.Confusion), new(evalset.Confusion)
			}
			ours[r.set].Add(labelNames[r.label], labelNames[r.predict(&w)])
			gv[r.set].Add(labelNames[r.label], labelNames[r.vader])
		}
	}
	return ours, gv, ws
}

func cvTable(b *strings.Builder, title string, ours, gv map[string]*evalset.Confusion) {
	fmt.Fprintf(b, "%s\n", title)
	for _, s := range englishSets {
		if ours[s] == nil {
			continue
		}
		fmt.Fprintf(b, "  %-26s %.3f (acc %.3f)  govader %.3f (acc %.3f)  margin %+.3f / %+.3f\n", s,
			ours[s].MacroF1(), ours[s].Accuracy(), gv[s].MacroF1(), gv[s].Accuracy(), ours[s].MacroF1()-gv[s].MacroF1(), ours[s].Accuracy()-gv[s].Accuracy())
	}
	fmt.Fprintf(b, "  least margin (with mean/100): %.4f\n", leastMargin(ours, gv))
}

func marginTable(b *strings.Builder, title string, rows []genRow, w *[2]genFeat, keep func(*genRow) bool) {
	ours, gv := genFigures(rows, w, keep)
	shipped, _ := genFigures(rows, nil, keep)
	fmt.Fprintf(b, "%s\n", title)
	for _, s := range englishSets {
		if ours[s] == nil {
			continue
		}
		fmt.Fprintf(b, "  %-26s model %.3f (acc %.3f)  curve %.3f (acc %.3f)  govader %.3f (acc %.3f)\n", s,
			ours[s].MacroF1(), ours[s].Accuracy(), shipped[s].MacroF1(), shipped[s].Accuracy(), gv[s].MacroF1(), gv[s].Accuracy())
	}
	fmt.Fprintf(b, "  least margin (with mean/100): model %.4f  curve %.4f\n", leastMargin(ours, gv), leastMargin(shipped, gv))
}

// TestFitGeneral fits the general-English model on the development halves
// only and reads no held-out row. It first cross-validates inside them
// (MW_FIT_FOLDS folds, default 2, by a hash of the text): every fold is
// predicted with what was fitted on the others, once for the neutral band
// alone (its two cuts re-chosen on the training folds, the baseline) and
// once for the model, and the least margins over govader of the pooled
// out-of-fold predictions are compared. Then it fits on the whole
// development halves and prints the weights as Go for genWeights.
// MW_FIT=1 runs it. The fit: by default a coordinate search of the
// weights from the shipped band on the guarded objective (leastMargin;
// MW_FIT_SOFT=1 a soft minimum), MW_FIT_FEATS="0,8,9" limiting it to
// those features, MW_FIT_SIGNED=1 holding the register features to their
// registerSign; MW_FIT_MODE=lr a class-balanced likelihood fit
// (MW_FIT_BAL=0 unbalanced, MW_FIT_LAMBDA its L2 penalty) with the biases
// shifted afterwards on the guarded objective. MW_FIT_SHOW=set prints that
// set's development rows where the whole-development fit and the band
// disagree.
func TestFitGeneral(t *testing.T) {
	if os.Getenv("MW_FIT") == "" {
		t.Skip("MW_FIT=1 fits the general-English model")
	}
	lambda := 0.001
	if v := os.Getenv("MW_FIT_LAMBDA"); v != "" {
		fmt.Sscan(v, &lambda)
	}
	sets, err := evalset.Load(testenv.Eval(t))
	if err != nil {
		t.Fatal(err)
	}
	rows := genRows(t, sets)
	var b strings.Builder
	folds := 2
	if v := os.Getenv("MW_FIT_FOLDS"); v != "" {
		fmt.Sscan(v, &folds)
	}
	// the baseline is the shipped band re-chosen on the training folds
	// (its two cuts only), so that both sides are measured out of fold
	band, gvb, _ := outOfFold(rows, folds, func(keep func(*genRow) bool) [2]genFeat {
		w, _ := searchGen(rows, keep, map[int]bool{gfBias: true})
		return w
	})
	cvTable(&b, fmt.Sprintf("%d-fold, out of fold: the neutral band alone, re-chosen on the training folds", folds), band, gvb)
	model, gvm, ws := outOfFold(rows, folds, func(keep func(*genRow) bool) [2]genFeat {
		w, _ := fit(rows, keep, lambda)
		return w
	})
	cvTable(&b, fmt.Sprintf("%d-fold, out of fold: the model fitted on the training folds", folds), model, gvm)
	for k, w := range ws {
		fmt.Fprintf(&b, "  fold %d weights: %.2f\n", k, w)
	}
	all := func(*genRow) bool { return true }
	w, _ := fit(rows, all, lambda)
	marginTable(&b, "whole development halves (fit and measured there)", rows, &w, all)
	if useGenModel {
		marginTable(&b, "shipped genWeights on the whole development halves", rows, &genWeights, all)
	}
	// MW_FIT_SHOW=set prints the development rows of that set where the
	// whole-development fit and the shipped band disagree
	if show := os.Getenv("MW_FIT_SHOW"); show != "" {
		for i := range rows {
			r := &rows[i]
			if !strings.Contains(r.set, show) {
				continue
			}
			if m, c := r.predict(&w), r.predict(nil); m != c {
				verdict := "="
				switch r.label {
				case m:
					verdict = "MODEL"
				case c:
					verdict = "BAND"
				}
				fmt.Fprintf(&b, "%-5s gold=%s model=%s band=%s %.2f | %s\n", verdict, labelNames[r.label], labelNames[m], labelNames[c], r.feat, r.text)
			}
		}
	}
	fmt.Fprintf(&b, "var genWeights = [2]genFeat{\n")
	for c, name := range []string{"negative", "positive"} {
		fmt.Fprintf(&b, "\t// %s\n\t{", name)
		for j := range w[c] {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%.3f", w[c][j])
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	t.Log(b.String())
}

// TestGenNegativity checks that the logits map to negativity so that the
// default thresholds give the most likely class, leaning toward the
// nearer class inside the neutral band.
func TestGenNegativity(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct {
		zn, zp float64
		want   string
	}{
		{1, -1, "negative"}, {0.01, 0, "negative"}, {2, 1, "negative"},
		{-1, 1, "positive"}, {0, 0.01, "positive"}, {1, 2, "positive"},
		{-0.5, -0.5, "neutral"}, {-3, -0.01, "neutral"}, {-0.01, -3, "neutral"}, {math.Inf(-1), math.Inf(-1), "neutral"},
	}
	for _, c := range cases {
		neg := round2(genNegativity(c.zn, c.zp))
		if got := e.label(neg, true); got != c.want {
			t.Errorf("logits %.2f/%.2f: negativity %.2f is %s, want %s", c.zn, c.zp, neg, got, c.want)
		}
	}
	if a, b := genNegativity(-0.2, -2), genNegativity(-2, -0.2); a <= b {
		t.Errorf("neutral leaning negative %.3f not above leaning positive %.3f", a, b)
	}
}

// TestGenFeatures checks the register features on a report and on an
// opinion.
func TestGenFeatures(t *testing.T) {
	defer func(on bool) { useGenModel = on }(useGenModel)
	useGenModel = true
	e := newTestEngine(t)
	s := new(scratch)
	read := func(text string) genFeat {
		in := Input{Text: text, Lang: "en"}
		a, _, _ := e.read(&in, s)
		return a.feat
	}
	news := read("Apple shares rose 3% on Friday, Reuters says via Bloomberg Markets https://example.com/x")
	for _, k := range []int{gfNumber, gfLink, gfReport, gfDate} {
		if news[k] != 1 {
			t.Errorf("report: feature %d = %v, want 1", k, news[k])
		}
	}
	if news[gfNames] < 0.3 || news[gfFirst] != 0 || news[gfSecond] != 0 {
		t.Errorf("report: names %.2f first %v second %v", news[gfNames], news[gfFirst], news[gfSecond])
	}
	op := read("I love this phone so much, you should get one! :)")
	for _, k := range []int{gfFirst, gfSecond, gfExclaim, gfEmo} {
		if op[k] != 1 {
			t.Errorf("opinion: feature %d = %v, want 1", k, op[k])
		}
	}
	if op[gfNames] != 0 || op[gfLink] != 0 || op[gfNPos] == 0 || op[gfCompound] <= 0 {
		t.Errorf("opinion: %v", op)
	}
}
