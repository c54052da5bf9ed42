package evalset

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Resamples is the number of bootstrap resamples behind every interval.
const Resamples = 2000

// BootSeed is the fixed seed of the bootstrap, so that an interval is the
// same on every run.
const BootSeed = 20261203

// Level is the coverage of the percentile intervals: 95 %.
const Level = 0.95

// Interval is a figure with its bootstrap percentile interval.
type Interval struct {
	Point  float64 // the figure on the rows as they are
	Lo, Hi float64 // the 2.5th and 97.5th percentiles over the resamples
}

// Width is Hi − Lo.
func (iv Interval) Width() float64 { return iv.Hi - iv.Lo }

// String prints the interval as "0.723 [0.701, 0.745]".
func (iv Interval) String() string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", iv.Point, iv.Lo, iv.Hi)
}

// Diff is a paired difference between two systems on the same rows, with
// its interval and the share of resamples where it is at most zero (how
// often the first system fails to beat the second).
type Diff struct {
	Interval
	AtMostZero float64
}

// String prints the difference as "+0.012 [-0.010, +0.034] ≤0 in 14.2 %".
func (d Diff) String() string {
	return fmt.Sprintf("%+.3f [%+.3f, %+.3f] ≤0 in %.1f %%", d.Point, d.Lo, d.Hi, 100*d.AtMostZero)
}

// BootstrapCells resamples rows with replacement Resamples times (fixed
// seed) and returns stat on the rows as they are with the 95 % percentile
// interval of stat over the resamples. Each row is given as its cell, an
// integer in [0, k) (for a confusion count: gold*3 + pred); stat reads the
// number of rows in each cell, which is all a confusion-based figure
// needs, so a resample costs one random draw per row.
func BootstrapCells(cells []int, k int, stat func(counts []int) float64) Interval {
	return bootstrapGroups(cells, nil, k, stat)
}

// bootstrapGroups is BootstrapCells drawing groups of rows: group[i] is
// row i's group, and a draw takes every row of a group. Nil groups, or a
// group per row, is plain row resampling (the same draws).
func bootstrapGroups(cells, group []int, k int, stat func(counts []int) float64) Interval {
	vals := resample(cells, group, k, stat)
	counts := make([]int, k)
	for _, c := range cells {
		counts[c]++
	}
	return Interval{Point: stat(counts), Lo: percentile(vals, (1-Level)/2), Hi: percentile(vals, 1-(1-Level)/2)}
}

// resample returns stat over Resamples resamples of cells, unsorted:
// each resample draws as many groups as there are, with replacement (a
// group per row when group is nil).
func resample(cells, group []int, k int, stat func(counts []int) float64) []float64 {
	rng := rand.New(rand.NewPCG(BootSeed, BootSeed^0x9e3779b97f4a7c15))
	vals := make([]float64, Resamples)
	counts := make([]int, k)
	// members[g] are the cells of group g's rows
	var members [][]int
	for i, g := range group {
		for len(members) <= g {
			members = append(members, nil)
		}
		members[g] = append(members[g], cells[i])
	}
	n := len(cells)
	for b := range vals {
		clear(counts)
		switch {
		case members != nil:
			for range len(members) {
				for _, c := range members[rng.IntN(len(members))] {
					counts[c]++
				}
			}
		case n > 0:
			for range n {
				counts[cells[rng.IntN(n)]]++
			}
		}
		vals[b] = stat(counts)
	}
	return vals
}

// percentile is the q-quantile of vals (sorted in place), interpolating
// linearly between order statistics (the usual definition: position
// (len−1)·q).
func percentile(vals []float64, q float64) float64 {
	if len(vals) == 0 {
		return math.NaN()
	}
	if !slices.IsSorted(vals) {
		slices.Sort(vals)
	}
	h := float64(len(vals)-1) * q
	i := int(math.Floor(h))
	if i+1 >= len(vals) {
		return vals[len(vals)-1]
	}
	return vals[i] + (h-float64(i))*(vals[i+1]-vals[i])
}

// Pairs keeps the (gold, pred) label pairs a Confusion is built from, in
// row order, so that the rows can be resampled. Rows recorded with
// AddGrouped under one key (one text labelled for several companies) are
// drawn together, as they are not independent; every other row is a
// group of its own.
type Pairs struct {
	gold, pred []int8
	group      []int          // the group of each row, numbered from 0
	keys       map[string]int // the group of each AddGrouped key
	groups     int
}

// Add records one prediction; rows with an unknown label are skipped, as
// Confusion.Add skips them.
func (p *Pairs) Add(gold, pred string) { p.AddGrouped("", gold, pred) }

// AddGrouped records one prediction for a row of the group key (its
// text, say); an empty key is a group of its own.
func (p *Pairs) AddGrouped(key, gold, pred string) {
	g, q := Index(gold), Index(pred)
	if g < 0 || q < 0 {
		return
	}
	p.gold = append(p.gold, int8(g))
	p.pred = append(p.pred, int8(q))
	k, ok := p.keys[key]
	if !ok || key == "" {
		k = p.groups
		p.groups++
		if key != "" {
			if p.keys == nil {
				p.keys = map[string]int{}
			}
			p.keys[key] = k
		}
	}
	p.group = append(p.group, k)
}

// Groups is the number of groups the rows are drawn in.
func (p *Pairs) Groups() int { return p.groups }

// Len is the number of recorded rows.
func (p *Pairs) Len() int { return len(p.gold) }

// Confusion is the confusion count of the recorded rows.
func (p *Pairs) Confusion() Confusion {
	var c Confusion
	for i, g := range p.gold {
		c[g][p.pred[i]]++
	}
	return c
}

// Metric is a figure computed from a confusion count, such as
// (*Confusion).MacroF1.
type Metric func(*Confusion) float64

// Interval is metric on the recorded rows with its 95 % bootstrap
// percentile interval (rows resampled with replacement).
func (p *Pairs) Interval(metric Metric) Interval {
	cells := make([]int, len(p.gold))
	for i, g := range p.gold {
		cells[i] = int(g)*3 + int(p.pred[i])
	}
	return bootstrapGroups(cells, p.group, 9, func(n []int) float64 {
		var c Confusion
		for g := range 3 {
			for q := range 3 {
				c[g][q] = n[g*3+q]
			}
		}
		return metric(&c)
	})
}

// ErrUnpaired is returned by PairedDiff when the two systems were not
// recorded on the same rows.
var ErrUnpaired = errors.New("evalset: the two systems were not recorded on the same rows")

// PairedDiff is metric(a) − metric(b) for two systems recorded on the same
// rows in the same order (and groups), with its 95 % interval from a
// paired bootstrap: each resample draws rows, and both systems are scored
// on the rows drawn.
// AtMostZero is the share of resamples where the difference is ≤ 0.
func PairedDiff(a, b *Pairs, metric Metric) (Diff, error) {
	if len(a.gold) != len(b.gold) {
		return Diff{}, fmt.Errorf("%w (%d rows against %d)", ErrUnpaired, len(a.gold), len(b.gold))
	}
	cells := make([]int, len(a.gold))
	for i, g := range a.gold {
		if b.gold[i] != g {
			return Diff{}, fmt.Errorf("%w (row %d: gold %d against %d)", ErrUnpaired, i, g, b.gold[i])
		}
		if a.group[i] != b.group[i] {
			return Diff{}, fmt.Errorf("%w (row %d is in different groups)", ErrUnpaired, i)
		}
		cells[i] = int(g)*9 + int(a.pred[i])*3 + int(b.pred[i])
	}
	stat := func(n []int) float64 {
		var ca, cb Confusion
		for g := range 3 {
			for p := range 3 {
				for q := range 3 {
					v := n[g*9+p*3+q]
					ca[g][p] += v
					cb[g][q] += v
				}
			}
		}
		return metric(&ca) - metric(&cb)
	}
	vals := resample(cells, a.group, 27, stat)
	atMost := 0
	for _, v := range vals {
		if v <= 0 {
			atMost++
		}
	}
	counts := make([]int, 27)
	for _, c := range cells {
		counts[c]++
	}
	return Diff{
		Interval:   Interval{Point: stat(counts), Lo: percentile(vals, (1-Level)/2), Hi: percentile(vals, 1-(1-Level)/2)},
		AtMostZero: float64(atMost) / float64(len(vals)),
	}, nil
}
