// Package suggest finds what a person probably meant: the known names
// nearest to a misspelt one, for "did you mean …?" in config errors and
// on the command line.
package suggest

import "strings"

// Distance is the Levenshtein distance between a and b, in runes (so a
// Cyrillic letter counts as one edit, not two).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest returns the name of names nearest to key (compared in lower
// case) when it is within two edits, the first such in names on a tie;
// "" when none is that near.
func Nearest(key string, names []string) string {
	key = strings.ToLower(key)
	best, bestD := "", 3
	for _, n := range names {
		if d := Distance(key, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
