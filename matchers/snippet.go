package matchers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

const (
	// snippetRunes is the snippet's target length.
	snippetRunes = 200
	// snippetSlack is how far past the target a snippet may reach to end
	// at a sentence boundary, or how much longer a whole text may be and
	// still be shown whole.
	snippetSlack = 40
	// clusterRunes bounds the stretch of matched words a snippet centres
	// on, leaving room for context.
	clusterRunes = 150
	ellipsis     = "…"
)

// makeSnippet cuts about snippetRunes characters of text around the
// densest cluster of marks (byte ranges, sorted, not overlapping), at
// sentence boundaries where one is near, else at word boundaries, with
// "…" where text was cut. Whitespace runs become single spaces. The
// returned marks are byte ranges into the snippet text.
func makeSnippet(text string, marks [][2]int) model.Snippet {
	ws, we := 0, len(text)
	long := false
	if len(text) > snippetRunes+snippetSlack { // bytes >= runes
		_, n := runesFwd(text, 0, snippetRunes+snippetSlack+1)
		long = n > snippetRunes+snippetSlack
	}
	if long && len(marks) > 0 {
		ws, we = window(text, marks)
	} else if long {
		e, _ := runesFwd(text, 0, snippetRunes)
		we = wordEndBefore(text, e, 0)
	}
	return build(text, ws, we, marks)
}

// window chooses the byte range of the snippet.
func window(text string, marks [][2]int) (int, int) {
	// Rune offsets of the marks.
	rs := make([]int, len(marks))
	re := make([]int, len(marks))
	// Rune offsets relative to the first mark. A gap between two marks
	// is counted up to clusterRunes+1 runes only: a longer one parts any
	// cluster either way, and a page mentioning many brands costs each
	// brand its marks, not the length of the page.
	pos, runes := marks[0][0], 0
	for i, mk := range marks {
		runes += runeCountMax(text[pos:mk[0]], clusterRunes+1)
		rs[i] = runes
		runes += utf8.RuneCountInString(text[mk[0]:mk[1]])
		re[i] = runes
		pos = mk[1]
	}

	// The densest cluster: most distinct words, then the longest word
	// (brand names tend to be longer than the context words a query
	// asks for), then most marks.
	bi, bj, bestScore := 0, 0, -1
	for i := range marks {
		distinct := map[string]bool{}
		longest := 0
		for j := i; j < len(marks) && (j == i || re[j]-rs[i] <= clusterRunes); j++ {
			distinct[strings.ToLower(text[marks[j][0]:marks[j][1]])] = true
			longest = max(longest, min(re[j]-rs[j], 99))
			if score := len(distinct)*10000 + longest*100 + min(j-i+1, 99); score > bestScore {
				bi, bj, bestScore = i, j, score
			}
		}
	}
	csB, ceB := marks[bi][0], marks[bj][1]
	free := max(snippetRunes-(re[bj]-rs[bi]), 0)
	left := free / 3
	// Walk out from the cluster; context the text lacks on one side goes
	// to the other.
	ws, gotL := runesBack(text, csB, left)
	we, gotR := runesFwd(text, ceB, free-left+(left-gotL))
	if short := free - left - gotR; short > 0 && gotL == left {
		ws, _ = runesBack(text, ws, short)
	}
	if ws > 0 {
		lo, _ := runesBack(text, ws, snippetSlack)
		if s, ok := sentenceStart(text, lo, csB, ws); ok {
			ws = s
		} else {
			ws = wordStartAfter(text, ws, csB)
		}
	}
	if we < len(text) {
		hi, _ := runesFwd(text, we, snippetSlack)
		if e, ok := sentenceEnd(text, ceB, hi, we); ok {
			we = e
		} else {
			we = wordEndBefore(text, we, ceB)
		}
	}
	return ws, we
}

// runeCountMax is utf8.RuneCountInString(s), or max when that is more.
func runeCountMax(s string, max int) int {
	if len(s) <= max { // bytes >= runes
		return utf8.RuneCountInString(s)
	}
	_, n := runesFwd(s, 0, max)
	return n
}

// runesFwd returns the byte offset n runes after byte offset from (or the
// end of text) and how many runes it moved.
func runesFwd(text string, from, n int) (int, int) {
	i, k := from, 0
	for ; k < n && i < len(text); k++ {
		_, sz := utf8.DecodeRuneInString(text[i:])
		i += sz
	}
	return i, k
}

// runesBack returns the byte offset n runes before byte offset from (or
// 0) and how many runes it moved.
func runesBack(text string, from, n int) (int, int) {
	i, k := from, 0
	for ; k < n && i > 0; k++ {
		_, sz := utf8.DecodeLastRuneInString(text[:i])
		i -= sz
	}
	return i, k
}

func isSentenceEnd(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// sentenceStart finds the sentence start in [lo, limit] nearest to want:
// a letter or digit after ". " (or !, ?, …) or a line break.
func sentenceStart(text string, lo, limit, want int) (int, bool) {
	best, found := 0, false
	for i := lo; i <= limit && i < len(text); {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if i > 0 && !unicode.IsSpace(r) {
			p, psz := utf8.DecodeLastRuneInString(text[:i])
			start := p == '\n'
			if unicode.IsSpace(p) && i-psz > 0 {
				q, _ := utf8.DecodeLastRuneInString(text[:i-psz])
				start = start || isSentenceEnd(q)
			}
			if start && (!found || abs(i-want) < abs(best-want)) {
				best, found = i, true
			}
		}
		i += sz
	}
	return best, found
}

// sentenceEnd finds the end of a sentence (just after its final
// punctuation, before a space, line break or the end) in [lo, hi]
// nearest to want.
func sentenceEnd(text string, lo, hi, want int) (int, bool) {
	best, found := 0, false
	for i := lo; i < hi && i < len(text); {
		r, sz := utf8.DecodeRuneInString(text[i:])
		end := -1
		if isSentenceEnd(r) {
			if n, _ := utf8.DecodeRuneInString(text[i+sz:]); i+sz == len(text) || unicode.IsSpace(n) {
				end = i + sz
			}
		} else if r == '\n' {
			end = i
		}
		if end >= lo && (!found || abs(end-want) < abs(best-want)) {
			best, found = end, true
		}
		i += sz
	}
	return best, found
}

// wordStartAfter moves i forward to the start of a word, not past limit;
// if there is none it moves back to the start of the word i is in.
func wordStartAfter(text string, i, limit int) int {
	if i == 0 || unicode.IsSpace(lastRune(text[:i])) {
		return i
	}
	for j := i; j <= limit && j < len(text); {
		r, sz := utf8.DecodeRuneInString(text[j:])
		j += sz
		if unicode.IsSpace(r) && j <= limit {
			return j
		}
	}
	for i > 0 && !unicode.IsSpace(lastRune(text[:i])) {
		_, sz := utf8.DecodeLastRuneInString(text[:i])
		i -= sz
	}
	return i
}

// wordEndBefore moves i back to the end of a word, not before limit; if
// there is none it moves forward to the end of the word i is in.
func wordEndBefore(text string, i, limit int) int {
	if i >= len(text) {
		return len(text)
	}
	if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
		return i
	}
	for j := i; j > limit; {
		r, sz := utf8.DecodeLastRuneInString(text[:j])
		j -= sz
		if unicode.IsSpace(r) && j >= limit {
			return j
		}
	}
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += sz
	}
	return i
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// build copies text[ws:we] with whitespace collapsed, ellipses where cut,
// and the marks that fall inside moved to the new offsets.
func build(text string, ws, we int, marks [][2]int) model.Snippet {
	var b strings.Builder
	b.Grow(we - ws + 2*len(ellipsis))
	if ws > 0 {
		b.WriteString(ellipsis)
	}
	var out [][2]int
	mi := 0
	for mi < len(marks) && marks[mi][0] < ws {
		mi++
	}
	open := -1
	wrote, pending := false, false
	for i := ws; i < we; {
		if open < 0 && mi < len(marks) && i == marks[mi][0] && marks[mi][1] <= we {
			if pending && wrote {
				b.WriteByte(' ')
			}
			pending = false
			open = b.Len()
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			pending = true
		} else {
			if pending && wrote {
				b.WriteByte(' ')
			}
			pending = false
			wrote = true
			if r == utf8.RuneError && sz <= 1 {
				b.WriteString("\uFFFD")
			} else {
				b.WriteString(text[i : i+sz])
			}
		}
		i += sz
		if open >= 0 && i >= marks[mi][1] {
			out = append(out, [2]int{open, b.Len()})
			open = -1
			mi++
		}
	}
	if we < len(text) {
		b.WriteString(ellipsis)
	}
	return model.Snippet{Text: b.String(), Marks: out}
}
