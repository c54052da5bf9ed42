package score

import (
	"slices"
	"testing"
)

// TestRegulatorFullNames: a report to a regulator written out in full is
// a legal threat, in capitals or not; the same words in news of the body
// or in another sense are none.
func TestRegulatorFullNames(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text  string
		legal bool
	}{
		{"Reported them to the Office of Fair Trading", true},
		{"Reported them to the office of fair trading", true},
		{"Reported Acme to the Fair Work Commission", true},
		{"Reported Acme to the Fair Work Ombudsman", true},
		{"Reported Acme to the Competition and Markets Authority", true},
		{"Filed a complaint about Acme with the Competition Authority", true},
		{"The Office of Fair Trading published its annual report on Acme", false},
		{"Acme supports fair trading and pays its growers well", false},
		{"Acme won an award from the work commission of the chamber", false},
	} {
		r := e.Score(Input{Text: c.text, Lang: "en", Brand: "Acme"})
		if got := slices.Contains(r.Tags, TagLegalThreat); got != c.legal {
			t.Errorf("%q: tags %v, legal threat want %v", c.text, r.Tags, c.legal)
		}
	}
}
