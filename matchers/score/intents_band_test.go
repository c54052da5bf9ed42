package score

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

// bandUnits are the half-widths of the band around a cut the trainer
// chooses among, in units of the spread (standard deviation) of the
// out-of-fold scores: within the band the rules' decision stands.
var bandUnits = []float64{0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4}

// bandTolerance is how far below the best out-of-fold F1 of the band grid
// the widest band chosen may be: differences of this size are a row or
// two and within the noise of choosing λ and cut on the same folds.
const bandTolerance = 0.002

// bandDecide is intent k's decision for r at a score, cut and band: the
// rules' within the band, the model's outside it (the shapes the model
// does not overrule give infinite scores, outside every band).
func bandDecide(r trainRow, score, cut, band float64, k int) bool {
	if d := score - cut; d < band && d > -band {
		return r.rules[k]
	}
	return score >= cut
}

// scoreSpread is the standard deviation of the finite scores.
func scoreSpread(scores []float64) float64 {
	n, sum, sum2 := 0.0, 0.0, 0.0
	for _, s := range scores {
		if !math.IsInf(s, 0) {
			n, sum, sum2 = n+1, sum+s, sum2+s*s
		}
	}
	if n < 2 {
		return 0
	}
	m := sum / n
	return math.Sqrt(math.Max(sum2/n-m*m, 0))
}

// chooseBand chooses intent k's band around cut (the cut the folds chose
// without a band, bestCut) out of fold: the widest width of bandUnits
// whose design-weighted F1 on the scores of rows is within bandTolerance
// of the best of the grid. It returns the cut and the band in score
// units, and the F1 at each width. With MW_BAND_JOINT=1 the cut is chosen
// again at each width (cutAtBand): a variant measured and not kept
// (DATA.md), which the trainer then prints and does not write.
func chooseBand(rows []trainRow, scores []float64, k int, cut float64) (float64, float64, []float64) {
	spread := scoreSpread(scores)
	cuts := make([]float64, len(bandUnits))
	f1s := make([]float64, len(bandUnits))
	best := -1.0
	for i, u := range bandUnits {
		cuts[i] = cut
		if jointBand() {
			cuts[i], f1s[i] = cutAtBand(rows, scores, k, u*spread)
		} else {
			f1s[i] = bandF1(rows, scores, k, cut, u*spread)
		}
		best = math.Max(best, f1s[i])
	}
	chosen, band := cut, 0.0
	for i, u := range bandUnits {
		if f1s[i] >= best-bandTolerance {
			chosen, band = cuts[i], u*spread
		}
	}
	return chosen, band, f1s
}

// jointBand (MW_BAND_JOINT=1): the trainer chooses the cut again at each
// band width, prints its figures and writes no model.
func jointBand() bool { return os.Getenv("MW_BAND_JOINT") != "" }

// cutAtBand is the cut of intent k on rows at the band, and its
// design-weighted F1: of the midpoints between neighbouring distinct
// finite scores, those whose F1 is within bandTolerance of the best are
// equally good by the folds, and the cut is their median — the middle of
// the plateau, not its highest point, which moves far with a few rows
// (the F1 of the cuts near the best is flat).
func cutAtBand(rows []trainRow, scores []float64, k int, band float64) (float64, float64) {
	var fin []float64
	for _, s := range scores {
		if !math.IsInf(s, 0) {
			fin = append(fin, s)
		}
	}
	slices.Sort(fin)
	fin = slices.Compact(fin)
	if len(fin) < 2 {
		return 0, bandF1(rows, scores, k, 0, band)
	}
	cuts := make([]float64, len(fin)-1)
	fs := make([]float64, len(cuts))
	best := -1.0
	for i := range cuts {
		cuts[i] = (fin[i] + fin[i+1]) / 2
		fs[i] = bandF1(rows, scores, k, cuts[i], band)
		best = math.Max(best, fs[i])
	}
	var near []float64
	for i, c := range cuts {
		if fs[i] >= best-bandTolerance {
			near = append(near, c)
		}
	}
	cut := near[len(near)/2]
	return cut, bandF1(rows, scores, k, cut, band)
}

// bandF1 is the design-weighted F1 of intent k on rows at scores, cut and
// band.
func bandF1(rows []trainRow, scores []float64, k int, cut, band float64) float64 {
	var c weighedCount
	for i, r := range rows {
		c.add(bandDecide(r, scores[i], cut, band, k), r.gold[k], r.w)
	}
	return c.f1()
}

// oofAt is the out-of-fold scores of intent k on rows at regularisation
// lam (five folds by the rows' fold).
func oofAt(rows []trainRow, nFeat, k int, lam float64) []float64 {
	scores := make([]float64, len(rows))
	for fold := range trainFolds {
		var train []trainRow
		for _, r := range rows {
			if r.fold != fold {
				train = append(train, r)
			}
		}
		w := fitLogistic(train, nFeat, k, lam)
		for i, r := range rows {
			if r.fold == fold {
				scores[i] = rowScore(r, w, k)
			}
		}
	}
	return scores
}

// bandStability (MW_BAND_STABILITY=1 with the trainer): the trainer
// prints the band it would choose around each cut and its stability
// (measureBandStability); the band is measured, not shipped (DATA.md).
func bandStability() bool { return os.Getenv("MW_BAND_STABILITY") != "" }

// measureBandStability (MW_BAND_STABILITY=1 with the trainer) measures how many
// of rows change intent k's decision when the model is retrained on a
// perturbed set — every row but half of fold 0 (about a tenth), its cut
// and band chosen again out of fold at the same λ — without the band (the
// cut of stableCut alone) and with it (cut and band of
// chooseBand), and without the band with the cut held (the share of the
// weights alone). It prints the counts to b.
func measureBandStability(rows []trainRow, nFeat, k int, lam, cut0, cut, band float64, b *strings.Builder) {
	if !bandStability() {
		return
	}
	full := fitLogistic(rows, nFeat, k, lam)
	var kept []trainRow
	for i, r := range rows {
		if r.fold != 0 || i%2 == 1 {
			kept = append(kept, r)
		}
	}
	oof := oofAt(kept, nFeat, k, lam)
	cut02, _, _, _ := stableCut(kept, oof, k)
	cut2, band2, _ := chooseBand(kept, oof, k, cut02)
	w2 := fitLogistic(kept, nFeat, k, lam)
	flips, flipsBand, flipsWeights := 0, 0, 0
	for _, r := range rows {
		s1 := rowScore(r, full, k)
		s2 := rowScore(r, w2, k)
		if (s1 >= cut0) != (s2 >= cut02) {
			flips++
		}
		if (s1 >= cut0) != (s2 >= cut0) {
			flipsWeights++ // the weights' share: the cut held
		}
		if bandDecide(r, s1, cut, band, k) != bandDecide(r, s2, cut2, band2, k) {
			flipsBand++
		}
	}
	fmt.Fprintf(b, "%-10s stability: refitted without %d of %d rows: without the band cut %+.3f → %+.3f, %d rows change decision (%d with the cut held); with it cut %+.3f → %+.3f, band %.3f → %.3f, %d rows\n",
		tagName(modelIntents[k]), len(rows)-len(kept), len(rows), cut0, cut02, flips, flipsWeights, cut, cut2, band, band2, flipsBand)
}
