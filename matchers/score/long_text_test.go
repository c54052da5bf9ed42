package score

import (
	"strings"
	"testing"
)

// BenchmarkLongText scores a long text made of many short quotations
// beside one of as many plain words: the two should cost about the same,
// not the square of the length (each quotation looking at every token and
// contribution of the text). Run it beside its plain twin:
//
//	go test -run '^$' -bench BenchmarkLongText -benchtime 20x ./matchers/score/
func BenchmarkLongText(b *testing.B) {
	e := newTestEngine(b)
	const n = 4000
	for _, c := range []struct{ name, text string }{
		{"quotations", strings.Repeat(`"bad" plan "bad" plan `, n)},
		{"plain", strings.Repeat("bad plan bad plan ", n)},
	} {
		in := Input{Text: c.text, Lang: "en", Brand: "Verizon"}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				e.Score(in)
			}
		})
	}
}
