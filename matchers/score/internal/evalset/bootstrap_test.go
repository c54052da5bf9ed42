package evalset

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// rowsOf records n rows with the given (gold, pred) pattern repeated.
func rowsOf(n int, pattern [][2]string) *Pairs {
	p := new(Pairs)
	for i := range n {
		r := pattern[i%len(pattern)]
		p.Add(r[0], r[1])
	}
	return p
}

// mixed is a three-class pattern with errors of every kind.
var mixed = [][2]string{
	{Negative, Negative}, {Negative, Neutral}, {Neutral, Neutral}, {Neutral, Positive},
	{Positive, Positive}, {Positive, Positive}, {Neutral, Negative}, {Negative, Negative},
	{Positive, Neutral}, {Neutral, Neutral},
}

func TestPairsConfusion(t *testing.T) {
	var c Confusion
	p := new(Pairs)
	for _, r := range append(mixed, [2]string{"unknown", Positive}, [2]string{Positive, ""}) {
		c.Add(r[0], r[1])
		p.Add(r[0], r[1])
	}
	if p.Len() != len(mixed) {
		t.Fatalf("Len %d, want %d (unknown labels skipped)", p.Len(), len(mixed))
	}
	if got := p.Confusion(); got != c {
		t.Fatalf("Confusion %v, want %v", got, c)
	}
}

func TestIntervalContainsPointAndNarrows(t *testing.T) {
	metrics := map[string]Metric{
		"accuracy": (*Confusion).Accuracy,
		"mF1":      (*Confusion).MacroF1,
		"F±macro":  (*Confusion).FMacroPM,
		"F±micro":  (*Confusion).FMicroPM,
	}
	for name, m := range metrics {
		small, large := rowsOf(200, mixed), rowsOf(1600, mixed)
		a, b := small.Interval(m), large.Interval(m)
		for _, iv := range []Interval{a, b} {
			if !(iv.Lo <= iv.Point && iv.Point <= iv.Hi) || iv.Width() <= 0 {
				t.Errorf("%s: interval %v does not hold its point", name, iv)
			}
		}
		if math.Abs(a.Point-b.Point) > 1e-12 {
			t.Errorf("%s: the same pattern gives %v and %v", name, a.Point, b.Point)
		}
		// eight times the rows: about √8 ≈ 2.8 times narrower
		if r := b.Width() / a.Width(); r < 0.25 || r > 0.5 {
			t.Errorf("%s: width with 8× the rows is %.2f of the width before (%v, %v), want about 0.35", name, r, a, b)
		}
	}
}

func TestIntervalKnownCases(t *testing.T) {
	// accuracy 300 of 400: the bootstrap interval is the binomial one,
	// 0.75 ± 1.96·√(0.75·0.25/400) = [0.708, 0.792]
	acc := rowsOf(400, [][2]string{{Positive, Positive}, {Negative, Negative}, {Neutral, Neutral}, {Neutral, Positive}}).Interval((*Confusion).Accuracy)
	if acc.Point != 0.75 || math.Abs(acc.Lo-0.7076) > 0.01 || math.Abs(acc.Hi-0.7924) > 0.01 {
		t.Errorf("accuracy 300/400: %v, want 0.750 [0.708, 0.792]", acc)
	}
	// one of two rows right: resamples give 0, ½ or 1 (¼, ½, ¼)
	two := rowsOf(2, [][2]string{{Positive, Positive}, {Negative, Positive}}).Interval((*Confusion).Accuracy)
	if two != (Interval{Point: 0.5, Lo: 0, Hi: 1}) {
		t.Errorf("accuracy 1/2: %v, want 0.500 [0.000, 1.000]", two)
	}
	// every row right: no resample can differ
	all := rowsOf(50, [][2]string{{Positive, Positive}, {Negative, Negative}, {Neutral, Neutral}}).Interval((*Confusion).MacroF1)
	if all != (Interval{Point: 1, Lo: 1, Hi: 1}) {
		t.Errorf("all right: %v", all)
	}
	if again := rowsOf(400, mixed).Interval((*Confusion).MacroF1); again != rowsOf(400, mixed).Interval((*Confusion).MacroF1) {
		t.Error("the interval changes between runs")
	}
}

func TestPairedDiffWithItselfIsZero(t *testing.T) {
	p := rowsOf(500, mixed)
	for _, m := range []Metric{(*Confusion).Accuracy, (*Confusion).MacroF1, (*Confusion).FMacroPM, (*Confusion).FMicroPM} {
		d, err := PairedDiff(p, p, m)
		if err != nil {
			t.Fatal(err)
		}
		if d.Point != 0 || d.Lo != 0 || d.Hi != 0 || d.AtMostZero != 1 {
			t.Errorf("a system against itself: %v, want exactly 0 with every resample ≤ 0", d)
		}
	}
}

func TestPairedDiffKnownCase(t *testing.T) {
	// a is right on all ten rows, b wrong on the first only: the
	// accuracy difference is (times row 1 is drawn)/10, Binomial(10, 0.1)/10,
	// so it is ≤ 0 when row 1 is not drawn, 0.9^10 = 34.9 % of resamples,
	// and its 97.5th percentile is 3/10
	a, b := new(Pairs), new(Pairs)
	for i := range 10 {
		a.Add(Positive, Positive)
		if i == 0 {
			b.Add(Positive, Negative)
		} else {
			b.Add(Positive, Positive)
		}
	}
	d, err := PairedDiff(a, b, (*Confusion).Accuracy)
	if err != nil {
		t.Fatal(err)
	}
	want := math.Pow(0.9, 10)
	if math.Abs(d.Point-0.1) > 1e-9 || d.Lo != 0 || math.Abs(d.Hi-0.3) > 1e-9 || math.Abs(d.AtMostZero-want) > 0.035 {
		t.Errorf("known case: %v, want +0.100 [+0.000, +0.300] ≤0 in %.1f %%", d, 100*want)
	}
	// the other way round the difference is never positive
	r, err := PairedDiff(b, a, (*Confusion).Accuracy)
	if err != nil {
		t.Fatal(err)
	}
	if r.AtMostZero != 1 || math.Abs(r.Lo+0.3) > 1e-9 || r.Hi != 0 {
		t.Errorf("reversed: %v", r)
	}
}

func TestPairedDiffNeedsTheSameRows(t *testing.T) {
	a, b := rowsOf(10, mixed), rowsOf(11, mixed)
	if _, err := PairedDiff(a, b, (*Confusion).Accuracy); !errors.Is(err, ErrUnpaired) {
		t.Errorf("different lengths: %v", err)
	}
	c := rowsOf(10, mixed[1:])
	if _, err := PairedDiff(a, c, (*Confusion).Accuracy); !errors.Is(err, ErrUnpaired) {
		t.Errorf("different gold labels: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	v := []float64{4, 1, 3, 2, 5}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.5, 3}, {1, 5}, {0.125, 1.5}} {
		if got := percentile(v, c.q); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("percentile %.3f = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestGroupedRowsAreDrawnTogether(t *testing.T) {
	// distinct keys are groups of one row: the same draws as plain rows
	plain, keyed := rowsOf(300, mixed), new(Pairs)
	for i := range 300 {
		r := mixed[i%len(mixed)]
		keyed.AddGrouped(fmt.Sprint("text ", i), r[0], r[1])
	}
	if a, b := plain.Interval((*Confusion).MacroF1), keyed.Interval((*Confusion).MacroF1); a != b {
		t.Errorf("a group per row: %v, plain rows %v", b, a)
	}
	// 300 texts each labelled for two companies alike: 600 rows, but only
	// 300 independent draws, so the interval is about √2 wider than
	// resampling the rows would say
	twice, asRows := new(Pairs), new(Pairs)
	for i := range 300 {
		r := mixed[i%len(mixed)]
		for range 2 {
			twice.AddGrouped(fmt.Sprint("text ", i), r[0], r[1])
			asRows.Add(r[0], r[1])
		}
	}
	if twice.Len() != 600 || twice.Groups() != 300 || asRows.Groups() != 600 {
		t.Fatalf("rows %d in %d groups, %d", twice.Len(), twice.Groups(), asRows.Groups())
	}
	g, r := twice.Interval((*Confusion).Accuracy), asRows.Interval((*Confusion).Accuracy)
	if g.Point != r.Point {
		t.Errorf("points %v and %v", g.Point, r.Point)
	}
	if q := g.Width() / r.Width(); q < 1.25 || q > 1.6 {
		t.Errorf("grouped width is %.2f of the row-resampled one (%v, %v), want about 1.41", q, g, r)
	}
	if _, err := PairedDiff(twice, asRows, (*Confusion).Accuracy); !errors.Is(err, ErrUnpaired) {
		t.Errorf("different groups: %v", err)
	}
	if d, err := PairedDiff(twice, twice, (*Confusion).Accuracy); err != nil || d.Lo != 0 || d.Hi != 0 {
		t.Errorf("grouped against itself: %v, %v", d, err)
	}
}
