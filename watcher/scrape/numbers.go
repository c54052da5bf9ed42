package scrape

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// parseCount reads the first count in s as pages print them: "11",
// "1,234", "1 234", "2.8k comments", "37.2K", "3.9M", "1,2 тыс.", "#12".
// It reports false when s holds no number.
func parseCount(s string) (int, bool) {
	rs := []rune(strings.ToLower(s))
	i := 0
	for i < len(rs) && !isDigit(rs[i]) {
		i++
	}
	if i == len(rs) {
		return 0, false
	}
	// Digits with group separators (",", ".", spaces) and one decimal mark.
	var intPart, frac strings.Builder
	j := i
	inFrac := false
	for j < len(rs) {
		c := rs[j]
		if isDigit(c) {
			if inFrac {
				frac.WriteRune(c)
			} else {
				intPart.WriteRune(c)
			}
			j++
			continue
		}
		if (c == ',' || c == '.' || c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009') && j+1 < len(rs) && isDigit(rs[j+1]) && !inFrac {
			k := j + 1
			for k < len(rs) && isDigit(rs[k]) {
				k++
			}
			if k-(j+1) == 3 && !(c != ' ' && hasSuffixAt(rs, k)) {
				j++ // a thousands separator: 1,234 / 1 234
				continue
			}
			if c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009' {
				break // "12 34": two numbers
			}
			inFrac = true // a decimal mark: 2.8k, 1,2 тыс
			j++
			continue
		}
		break
	}
	v, err := strconv.ParseFloat(intPart.String()+"."+frac.String()+"0", 64)
	if err != nil {
		return 0, false
	}
	// A multiplier right after the number.
	k := j
	for k < len(rs) && unicode.IsSpace(rs[k]) {
		k++
	}
	switch mult := suffixAt(rs, k); mult {
	case 0:
	default:
		v *= mult
	}
	if v > math.MaxInt32 {
		return math.MaxInt32, true
	}
	return int(v), true
}

// suffixAt returns the multiplier a suffix at rs[k:] stands for (0 if none).
func suffixAt(rs []rune, k int) float64 {
	rest := string(rs[k:])
	word := rest
	if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		word = rest[:i]
	}
	switch word {
	case "k", "к", "тыс":
		return 1e3
	case "m", "м", "млн":
		return 1e6
	case "b", "млрд":
		return 1e9
	}
	return 0
}

func hasSuffixAt(rs []rune, k int) bool {
	for k < len(rs) && unicode.IsSpace(rs[k]) {
		k++
	}
	return suffixAt(rs, k) != 0
}
