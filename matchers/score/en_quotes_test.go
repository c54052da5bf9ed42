package score

import (
	"math"
	"testing"
)

// evidenceOf is the valence the engine gives word w of text (0 if absent).
func evidenceOf(t *testing.T, e *Engine, in Input, w string) float64 {
	t.Helper()
	for _, ev := range e.Score(in).Evidence {
		if ev.Text == w {
			return ev.Valence
		}
	}
	return 0
}

// TestShortQuotations checks that general English weighs the words of a
// short quotation at quoteDamp, and leaves alone a quotation that is the
// whole text, a long one, a word outside the quotes and a message
// addressed to the brand.
func TestShortQuotations(t *testing.T) {
	e := newTestEngine(t)
	en := func(text string) Input { return Input{Text: text, Lang: "en"} }
	plain := evidenceOf(t, e, en(`I clicked on the legal disclaimer link and got a free page.`), "free")
	if plain == 0 {
		t.Fatal(`"free" has no valence: the test needs a rated word`)
	}
	cases := []struct {
		name   string
		in     Input
		damped bool
	}{
		{"scare quotes", en(`I clicked on the "legal disclaimer" link and got a "free" page.`), true},
		{"curly quotes", en(`I clicked on the legal disclaimer link and got a “free” page.`), true},
		{"whole text quoted", en(`"free"`), false},
		{"outside the quotes", en(`I got a free page after the "legal disclaimer" link.`), false},
		{"a long quotation", en(`He said "the legal disclaimer link gave me a free page" and left.`), false},
		{"unclosed quote", en(`I clicked on the legal disclaimer link and got a "free page.`), false},
	}
	for _, c := range cases {
		want := plain
		if c.damped {
			want = plain * 0.5 // quoteDamp
		}
		if got := evidenceOf(t, e, c.in, "free"); math.Abs(got-want) > 0.011 {
			t.Errorf("%s: free counts %.2f, want %.2f", c.name, got, want)
		}
	}
	// customer care keeps its own reading: no damping in a message to the brand
	to := func(text string) Input { return Input{Text: text, Lang: "en", Brand: "Acme"} }
	a := evidenceOf(t, e, to(`@Acme you promised "free" delivery`), "free")
	b := evidenceOf(t, e, to(`@Acme you promised free delivery`), "free")
	if a != b {
		t.Errorf("addressed: quoted free counts %.2f, unquoted %.2f; want the same", a, b)
	}
}
