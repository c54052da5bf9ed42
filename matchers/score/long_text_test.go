package score

import (
	"strings"
	"testing"
	"time"
)

// scoreTime is the least of three timings of scoring in.
func scoreTime(e *Engine, in Input) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		st := time.Now()
		e.Score(in)
		best = min(best, time.Since(st))
	}
	return best
}

// TestLongTextCost: a long text made of many short quotations or of many
// moves between companies costs about what a text of as many plain words
// does, not the square of its length (each quotation or move looking at
// every token and contribution of the text).
func TestLongTextCost(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e := newTestEngine(t)
	const n = 4000
	for _, c := range []struct{ name, text, plain string }{
		{"quotations", strings.Repeat(`"bad" plan "bad" plan `, n), strings.Repeat("bad plan bad plan ", n)},
	} {
		plain := scoreTime(e, Input{Text: c.plain, Lang: "en", Brand: "Verizon"})
		got := scoreTime(e, Input{Text: c.text, Lang: "en", Brand: "Verizon"})
		// quadratic, it is several times the same words without the
		// quotations or moves, and grows with the length
		t.Logf("%s: %v, plain %v", c.name, got, plain)
		if got > 3*plain+20*time.Millisecond {
			t.Errorf("%s: %v for %d bytes, plain words %v", c.name, got, len(c.text), plain)
		}
	}
}
