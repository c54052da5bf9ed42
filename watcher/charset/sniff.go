package charset

import (
	"golang.org/x/text/encoding/charmap"
)

// russianFreq is the frequency, in percent, of each lower-case Russian
// letter in running text.
var russianFreq = map[rune]float64{
	'о': 10.97, 'е': 8.45, 'а': 8.01, 'и': 7.35, 'н': 6.70, 'т': 6.26, 'с': 5.47,
	'р': 4.73, 'в': 4.54, 'л': 4.40, 'к': 3.49, 'м': 3.21, 'д': 2.98, 'п': 2.81,
	'у': 2.62, 'я': 2.01, 'ы': 1.90, 'ь': 1.74, 'г': 1.70, 'з': 1.65, 'б': 1.59,
	'ч': 1.44, 'й': 1.21, 'х': 0.97, 'ж': 0.94, 'ш': 0.73, 'ю': 0.64, 'ц': 0.48,
	'щ': 0.36, 'э': 0.32, 'ф': 0.26, 'ъ': 0.04, 'ё': 0.04,
}

// Sniffer tuning. A byte decoded as a frequent lower-case letter scores
// its frequency, an upper-case letter a tenth of it (capitals are rare in
// running text, and reading windows-1251 as KOI8-R swaps the cases), and
// anything that is not a Russian letter scores a penalty.
const (
	upperWeight   = 0.1
	nonLetter     = -1.0
	minHighBytes  = 8   // fewer non-ASCII bytes than this: too little to judge
	minRunRatio   = 0.5 // share of non-ASCII bytes next to another one (words, not accents)
	minScore      = 2.5 // average score per byte of a plausible decoding (right one ≈ 5, wrong ones < 1.7)
	clearMargin   = 1.5 // how much better a sniffed charset must score than a declared one
	sniffMaxBytes = 64 << 10
)

// sniffCandidates are the encodings the sniffer chooses between.
var sniffCandidates = []struct {
	name string
	cm   *charmap.Charmap
}{
	{Windows1251, charmap.Windows1251},
	{KOI8R, charmap.KOI8R},
	{ISO88595, charmap.ISO8859_5},
	{IBM866, charmap.CodePage866},
}

// weights[i][b-0x80] is the score of high byte b under sniffCandidates[i].
var weights = func() [][128]float64 {
	w := make([][128]float64, len(sniffCandidates))
	for i, c := range sniffCandidates {
		for b := 0x80; b < 0x100; b++ {
			r := c.cm.DecodeByte(byte(b))
			s := nonLetter
			if f, ok := russianFreq[r]; ok {
				s = f
			} else if f, ok := russianFreq[toLowerCyr(r)]; ok {
				s = f * upperWeight
			}
			w[i][b-0x80] = s
		}
	}
	return w
}()

func toLowerCyr(r rune) rune {
	switch {
	case r >= 'А' && r <= 'Я':
		return r + ('а' - 'А')
	case r == 'Ё':
		return 'ё'
	}
	return r
}

// sniffed is the sniffer's verdict: the best encoding and every
// candidate's average score.
type sniffed struct {
	name   string
	scores map[string]float64
}

// clearlyBeats reports whether the sniffed encoding is clearly better than
// the named one. An encoding the sniffer does not score (windows-1252)
// is beaten by any confident verdict.
func (s sniffed) clearlyBeats(name string) bool {
	other, ok := s.scores[name]
	if !ok || other <= 0 {
		return true
	}
	return s.scores[s.name] >= clearMargin*other
}

// sniffCyrillic decides whether body is Russian text in one of the
// single-byte Cyrillic encodings, and which. It looks at no more than the
// first 64 KiB.
func sniffCyrillic(body []byte) (sniffed, bool) {
	if len(body) > sniffMaxBytes {
		body = body[:sniffMaxBytes]
	}
	var hist [128]int
	high, inRun := 0, 0
	for i, c := range body {
		if c < 0x80 {
			continue
		}
		hist[c-0x80]++
		high++
		if (i > 0 && body[i-1] >= 0x80) || (i+1 < len(body) && body[i+1] >= 0x80) {
			inRun++
		}
	}
	if high < minHighBytes || float64(inRun) < minRunRatio*float64(high) {
		return sniffed{}, false
	}
	s := sniffed{scores: make(map[string]float64, len(sniffCandidates))}
	best := -1e9
	for i, c := range sniffCandidates {
		sum := 0.0
		for b, n := range hist {
			sum += float64(n) * weights[i][b]
		}
		avg := sum / float64(high)
		s.scores[c.name] = avg
		if avg > best {
			best, s.name = avg, c.name
		}
	}
	if best < minScore {
		return sniffed{}, false
	}
	return s, true
}
