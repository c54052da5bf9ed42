package score

import (
	"fmt"
	"os"
	"strings"

	"github.com/mentionwatch/mentionwatch/matchers/score/internal/evalset"
)

// How sure the figures are (DATA.md): MW_EVAL_CI=1 prints, under the rows
// TestEval, TestEvalCrossDomain and TestEvalIntents print (and only those),
// the 95 % bootstrap percentile interval of each row's headline figure
// (evalset.Resamples resamples of the rows, a fixed seed), and for the
// English sets the paired difference between the engine and govader on
// the same rows.

// evalCI reports whether MW_EVAL_CI asks for intervals.
func evalCI() bool { return os.Getenv("MW_EVAL_CI") != "" && os.Getenv("MW_EVAL_CI") != "0" }

// headlineMetric is the figure a set is judged by (see metric): F_macro± for
// SentiRuEval, 3-class macro-F1 for the others.
func headlineMetric(set string) (string, evalset.Metric) {
	if strings.HasPrefix(set, "sentirueval") {
		return "F±mac", (*evalset.Confusion).FMacroPM
	}
	return "mF1-3", (*evalset.Confusion).MacroF1
}

// ciRow is the interval line printed under a row of TestEval: the
// engine's headline figure, govader's when gv is not nil, and the paired
// difference engine − govader.
func ciRow(set string, ours, gv *evalset.Pairs) string {
	name, m := headlineMetric(set)
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s %-8s %5s   95 %%: ours %s %s", "", "", "", name, ours.Interval(m))
	if gv != nil {
		fmt.Fprintf(&b, " | govader %s", gv.Interval(m))
		if d, err := evalset.PairedDiff(ours, gv, m); err == nil {
			fmt.Fprintf(&b, " | ours − govader %s", d)
		} else {
			fmt.Fprintf(&b, " | no paired difference: %v", err)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// pairsOf records the (gold, label) pairs of set's rows of h under the
// constants c, as confusions counts them; rows sharing a text are drawn
// together.
func pairsOf(reads []read, c cuts, h half, set string) *evalset.Pairs {
	cs := c.curves()
	p := new(evalset.Pairs)
	for i := range reads {
		rd := &reads[i]
		if rd.set == set && h.has(rd) {
			p.AddGrouped(rd.text, rd.label, labelWith(&cs, rd))
		}
	}
	return p
}

// crossFig names a figure of TestEvalCrossDomain: a domain and a half.
type crossFig struct {
	set string
	h   half
}

// ciCross is the interval line printed under a line of
// TestEvalCrossDomain: F_macro± of each figure named, with the constants c
// fixed (the grid search is not rerun per resample).
func ciCross(reads []read, c cuts, figs ...crossFig) string {
	var parts []string
	for _, f := range figs {
		iv := pairsOf(reads, c, f.h, f.set).Interval((*evalset.Confusion).FMacroPM)
		parts = append(parts, fmt.Sprintf("%s %s %s", short(f.set), f.h, iv))
	}
	return "    95 %: " + strings.Join(parts, " | ") + "\n"
}

func (h half) String() string {
	switch h {
	case devHalf:
		return "dev"
	case heldHalf:
		return "held-out"
	}
	return "all"
}

// intentCells records, per row, whether an intent was labelled and
// whether it was tagged (cell gold*2 + pred), so that F1 can be
// resampled.
type intentCells []int

func (c *intentCells) add(gold, pred bool) {
	k := 0
	if gold {
		k += 2
	}
	if pred {
		k++
	}
	*c = append(*c, k)
}

// interval is the intent's F1 (as intentCount.f1 computes it) with its
// 95 % bootstrap interval over the rows.
func (c intentCells) interval() evalset.Interval {
	return evalset.BootstrapCells(c, 4, func(n []int) float64 {
		return intentCount{tp: n[3], fp: n[1], fn: n[2]}.f1()
	})
}
