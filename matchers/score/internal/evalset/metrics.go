package evalset

// Confusion counts predictions against gold labels; indices are
// 0 negative, 1 neutral, 2 positive (gold first).
type Confusion [3][3]int

// Index maps a label to its index, -1 for an unknown label.
func Index(label string) int {
	switch label {
	case Negative:
		return 0
	case Neutral:
		return 1
	case Positive:
		return 2
	}
	return -1
}

// Add counts one prediction.
func (c *Confusion) Add(gold, pred string) {
	g, p := Index(gold), Index(pred)
	if g < 0 || p < 0 {
		return
	}
	c[g][p]++
}

// N is the number of counted rows.
func (c *Confusion) N() int {
	n := 0
	for g := range 3 {
		for p := range 3 {
			n += c[g][p]
		}
	}
	return n
}

// Accuracy is the share of correct predictions.
func (c *Confusion) Accuracy() float64 {
	n := c.N()
	if n == 0 {
		return 0
	}
	return float64(c[0][0]+c[1][1]+c[2][2]) / float64(n)
}

func (c *Confusion) counts(k int) (tp, predicted, gold int) {
	tp = c[k][k]
	for i := range 3 {
		predicted += c[i][k]
		gold += c[k][i]
	}
	return
}

// F1 is the F1 of class k.
func (c *Confusion) F1(k int) float64 {
	tp, pr, gd := c.counts(k)
	return f1(tp, pr, gd)
}

func f1(tp, predicted, gold int) float64 {
	if tp == 0 {
		return 0
	}
	p := float64(tp) / float64(predicted)
	r := float64(tp) / float64(gold)
	return 2 * p * r / (p + r)
}

// MacroF1 is the mean F1 over the three classes.
func (c *Confusion) MacroF1() float64 {
	return (c.F1(0) + c.F1(1) + c.F1(2)) / 3
}

// FMacroPM is SentiRuEval's F_macro±: the mean of the positive and the
// negative class F1.
func (c *Confusion) FMacroPM() float64 {
	return (c.F1(0) + c.F1(2)) / 2
}

// FMicroPM is SentiRuEval's F_micro±: F1 with true positives, predictions
// and gold items pooled over the positive and negative classes.
func (c *Confusion) FMicroPM() float64 {
	tpN, prN, gdN := c.counts(0)
	tpP, prP, gdP := c.counts(2)
	return f1(tpN+tpP, prN+prP, gdN+gdP)
}
