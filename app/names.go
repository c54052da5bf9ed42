package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/suggest"

	"golang.org/x/text/cases"
)

// NameError says that a name a user gave (of a brand, a source) is not one
// of the known names, or matches several of them but none exactly.
type NameError struct {
	Kind      string   // "brand", "source"
	Given     string   // as the user wrote it
	Ambiguous []string // several names equal to Given but for case
	Suggest   []string // the nearest names, when none is equal
	Known     []string // every known name
}

func (e *NameError) Error() string {
	switch {
	case len(e.Ambiguous) > 0:
		return fmt.Sprintf("%s %q is ambiguous: %s", e.Kind, e.Given, orList(e.Ambiguous))
	case len(e.Suggest) > 0:
		return fmt.Sprintf("no %s %q; did you mean %s?", e.Kind, e.Given, orList(e.Suggest))
	case len(e.Known) == 0:
		return fmt.Sprintf("no %s %q; there are no %ss", e.Kind, e.Given, e.Kind)
	}
	const most = 20
	known := quoteAll(e.Known[:min(len(e.Known), most)])
	more := ""
	if len(e.Known) > most {
		more = fmt.Sprintf(" and %d more", len(e.Known)-most)
	}
	return fmt.Sprintf("no %s %q; known %ss: %s%s", e.Kind, e.Given, e.Kind, strings.Join(known, ", "), more)
}

// ResolveName finds the name a user meant by given among the known names,
// which come in tiers (the config's names, then names only the store still
// holds): a name equal to given; else the only name of the first tier
// that has any equal to given without regard to case — Unicode case, so
// "т-банк" finds "Т-Банк" — and with ё read as е. It returns a *NameError
// naming the candidates when several are equal but for case, or the
// nearest names when none is.
func ResolveName(kind, given string, tiers ...[]string) (string, error) {
	for _, names := range tiers {
		if slices.Contains(names, given) {
			return given, nil
		}
	}
	key := foldName(given)
	for _, names := range tiers {
		var same []string
		for _, n := range names {
			if foldName(n) == key && !slices.Contains(same, n) {
				same = append(same, n)
			}
		}
		switch len(same) {
		case 0:
			continue
		case 1:
			return same[0], nil
		default:
			return "", &NameError{Kind: kind, Given: given, Ambiguous: same}
		}
	}
	var all []string
	for _, names := range tiers {
		for _, n := range names {
			if !slices.Contains(all, n) {
				all = append(all, n)
			}
		}
	}
	return "", &NameError{Kind: kind, Given: given, Suggest: nearest(key, all), Known: all}
}

// foldName is a name's key for comparing without regard to case or to
// spacing: Unicode case folding, ё as е, runs of spaces as one.
func foldName(s string) string {
	s = cases.Fold().String(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(s, "ё", "е")
}

// nearest returns the names closest to key (a folded name) by edit
// distance, when they are close enough to be a likely misspelling, or
// contain it.
func nearest(key string, names []string) []string {
	if key == "" {
		return nil
	}
	k := []rune(key)
	limit := max(2, len(k)/3)
	best, bestD := []string(nil), -1
	for _, n := range names {
		f := foldName(n)
		d := suggest.Distance(key, f)
		if d > limit && !(len(k) >= 3 && strings.Contains(f, key)) {
			continue
		}
		switch {
		case bestD < 0 || d < bestD:
			best, bestD = []string{n}, d
		case d == bestD:
			best = append(best, n)
		}
	}
	return best[:min(len(best), 3)]
}

// orList quotes names and joins them: `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
func orList(names []string) string {
	q := quoteAll(names)
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// quoteAll quotes each name. %q keeps printable Unicode as it is, so
// Cyrillic names read as written.
func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}
