package score

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// emoticons are text smileys with their valence (VADER scale, −4…+4),
// longest first so ":-)" wins over ":-". Cyrillic look-alikes are listed
// too (":Р", "Т_Т", "хД").
var emoticons = []struct {
	s string
	v float64
}{
	{">:-(", -2.6}, {">:(", -2.6}, {":'-(", -2.5}, {":'(", -2.5}, {":-((", -2.3}, {":((", -2.3},
	{":-)))", 2.4}, {":)))", 2.4}, {":-))", 2.2}, {":))", 2.2},
	{".__.", -1.0}, {"._.", -1.0}, {"-_-", -1.2}, {"T_T", -2.3}, {"Т_Т", -2.3}, {"t_t", -2.3},
	{"^_^", 2.0}, {"^^", 1.8}, {"^.^", 1.8}, {"</3", -2.2}, {"<3", 2.5},
	{"o_O", -0.4}, {"O_o", -0.4}, {"о_О", -0.4}, {"О_о", -0.4}, {"0_0", -0.4}, {"O_O", -0.4}, {"О_О", -0.4},
	{":-D", 2.3}, {":D", 2.3}, {"=D", 2.3}, {"xD", 2.0}, {"XD", 2.0}, {"хД", 2.0}, {"ХД", 2.0}, {"xd", 1.8},
	{":-)", 2.0}, {":)", 2.0}, {"=)", 2.0}, {"(:", 1.8}, {":]", 1.8}, {":}", 1.6}, {":3", 1.5},
	{";-)", 1.5}, {";)", 1.5}, {":-P", 1.2}, {":P", 1.2}, {":p", 1.2}, {":-p", 1.2}, {":Р", 1.2}, {":р", 1.2},
	{"=P", 1.2}, {"=p", 1.2}, {":-*", 1.8}, {":*", 1.8}, {"8-)", 1.5},
	{":-(", -2.0}, {":(", -2.0}, {"=(", -2.0}, {";(", -1.8}, {":[", -1.8}, {"D:", -2.0},
	{":-/", -1.2}, {":/", -1.2}, {":\\", -1.2}, {":-|", -0.8}, {":|", -0.8}, {":@", -2.0},
	{":-с", -1.6}, {":с", -1.6}, {":-c", -1.6}, {":c", -1.6}, {":-S", -1.0}, {":S", -1.0},
	// more of VADER's emoticons, with its ratings
	{":'-)", 2.7}, {":')", 2.3}, {":^)", 2.1}, {":>", 2.1}, {"=]", 1.6}, {"=3", 2.1}, {"(-:", 1.6},
	{"\\o/", 2.2}, {"o:)", 1.5}, {"O:)", 1.5}, {";D", 0.8}, {">:)", 0.4},
	{"=/", -1.4}, {"=\\", -1.2}, {"=|", -0.8}, {":<", -2.1}, {":-<", -1.5}, {":-[", -1.6}, {":{", -1.9},
	{">:/", -1.6}, {">:[", -2.1}, {">.<", -1.3}, {")-:", -2.1}, {"):", -1.8}, {":o", -0.4}, {":O", -0.4},
}

// emoticonsByByte indexes emoticons by their first byte.
var emoticonsByByte = func() (idx [256][]int) {
	for k, e := range emoticons {
		idx[e.s[0]] = append(idx[e.s[0]], k)
	}
	return idx
}()

// emoticonPairs has a bit for each pair of an emoticon's first two bytes:
// a text whose two bytes at i are not a pair has no emoticon at i.
var emoticonPairs = func() (set [256][4]uint64) {
	for _, e := range emoticons {
		set[e.s[0]][e.s[1]>>6] |= 1 << (e.s[1] & 63)
	}
	return set
}()

// emoticonAt matches an emoticon at s[i:] standing on its own (not glued to
// a word or a number on its left, not followed by a letter or digit).
func emoticonAt(s string, i int, prevSpace bool) (float64, int) {
	if i+1 >= len(s) || emoticonPairs[s[i]][s[i+1]>>6]&(1<<(s[i+1]&63)) == 0 {
		return 0, 0
	}
	cands := emoticonsByByte[s[i]]
	if i > 0 && !prevSpace {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(p) || unicode.IsDigit(p) {
			return 0, 0
		}
	}
	for _, k := range cands {
		e := emoticons[k]
		if !strings.HasPrefix(s[i:], e.s) {
			continue
		}
		j := i + len(e.s)
		if j < len(s) {
			r, _ := utf8.DecodeRuneInString(s[j:])
			if isLetter(r) || isDigit(r) {
				continue
			}
		}
		return e.v, len(e.s)
	}
	return 0, 0
}

// emoji valences (VADER scale), judged for complaint and praise messages.
var emojiVal = map[rune]float64{
	// joy, love, approval
	'😀': 2.0, '😁': 2.2, '😃': 2.2, '😄': 2.2, '😆': 2.0, '😅': 1.0, '🤣': 0.5, '😂': 0.3,
	'🙂': 1.5, '😊': 2.3, '😇': 2.0, '🥰': 2.8, '😍': 2.8, '😘': 2.3, '😗': 1.5, '😙': 1.5, '😚': 1.8,
	'😋': 1.8, '😎': 1.8, '🤗': 2.2, '🤩': 2.6, '😌': 1.5, '😉': 1.5, '😏': 0.5, '😛': 1.2, '😜': 1.2, '😝': 1.2,
	'👍': 2.0, '👌': 1.8, '👏': 2.2, '🙌': 2.2, '🙏': 1.5, '💪': 1.8, '✌': 1.5, '🤝': 1.5, '🥳': 2.5,
	'❤': 2.6, '♥': 2.4, '💕': 2.5, '💖': 2.6, '💗': 2.5, '💓': 2.4, '💞': 2.4, '💝': 2.3, '💘': 2.3,
	'💙': 2.2, '💚': 2.2, '💛': 2.2, '💜': 2.2, '🧡': 2.2, '😻': 2.4, '😺': 1.5, '😸': 1.8,
	'🎉': 2.2, '🎊': 2.0, '✨': 1.2, '🌟': 1.6, '⭐': 1.4, '🏆': 1.8, '🥇': 1.8, '💯': 1.8, '🔥': 1.0,
	'☺': 2.0, '✅': 1.0, '🆒': 1.2, '🌈': 1.2, '☀': 0.8, '🌴': 0.8, '🍾': 1.5, '🥂': 1.5,
	// anger, sadness, disgust, disapproval
	'😞': -2.2, '😟': -1.8, '😠': -2.6, '😡': -3.0, '🤬': -3.2, '😢': -2.2, '😭': -2.4, '😤': -2.2,
	'😩': -2.2, '😫': -2.2, '😒': -1.8, '🙄': -1.6, '😔': -1.8, '😕': -1.4, '🙁': -1.8, '☹': -2.0,
	'😣': -1.8, '😖': -2.0, '😓': -1.4, '😰': -1.8, '😱': -2.0, '😨': -1.8, '😧': -1.5, '😦': -1.5,
	'😬': -1.0, '😑': -0.8, '😐': -0.6, '🤔': -0.3, '🤨': -0.8, '😶': -0.5, '🥺': -1.2, '😿': -2.0,
	'👎': -2.2, '💔': -2.4, '🤮': -3.0, '🤢': -2.6, '💩': -2.4, '😈': -1.6, '👿': -2.6, '🖕': -3.0,
	'😷': -1.0, '🤦': -1.8, '🤷': -0.4, '❌': -1.2, '⛔': -1.2, '🚫': -1.4, '😪': -1.2, '😴': -0.6,
	'💀': -1.0, '☠': -1.6, '😵': -1.4, '🤯': -1.2, '🙈': 0.2,
}

// emojiAt reads one pictograph at s[i:] with its variation selector, skin
// tone and zero-width-joiner continuations; an unknown pictograph has
// valence 0.
func emojiAt(s string, i int) (float64, int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	if !isPictograph(r) {
		return 0, 0
	}
	v := emojiVal[r]
	j := i + size
	for j < len(s) {
		c, sz := utf8.DecodeRuneInString(s[j:])
		switch {
		case c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF):
			j += sz
			continue
		case c == 0x200D: // ZWJ: the joined pictograph belongs to this one
			j += sz
			if j < len(s) {
				_, sz2 := utf8.DecodeRuneInString(s[j:])
				j += sz2
			}
			continue
		}
		break
	}
	return v, j - i
}

func isPictograph(r rune) bool {
	return (r >= 0x1F300 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) ||
		r == 0x2B50 || r == 0x2B55 || r == 0x2764 || r == 0x263A || r == 0x2639 || r == 0x274C
}
