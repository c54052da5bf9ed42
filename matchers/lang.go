package matchers

import (
	"bytes"
	"strings"
)

// Language codes returned by DetectLang and used by Brand.Lang.
const (
	LangRU    = "ru"
	LangEN    = "en"
	LangOther = "other"
)

// langWords bounds the words language detection reads.
const langWords = 400

// DetectLang returns the language of a plain text: "ru" or "en", one of
// the neighbours' Cyrillic languages ("uk", "be", "kk", "bg", "sr", "mk")
// or the common Latin-script ones ("de", "fr", "es", "it", "pt", "pl",
// "tr", "nl"), or "other".
//
// It weighs scripts and stopwords rather than letter statistics, so that
// short texts do not flip: Cyrillic text is Russian unless letters or
// stopwords of Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian or
// Kazakh outweigh the Russian evidence, and then it is the language they
// point to; Latin text is English unless stopwords of other Latin-script
// languages and diacritics outweigh English stopwords (a three-word
// English title with no stopwords is English), and then likewise. A text
// whose evidence names no language is "other". Latin brand names inside Russian text count for less than
// Russian words; links, @handles and Latin words with digits only count
// when nothing else does (a tweet of just "@united thnx" is English).
// Text with no letters, or mostly other scripts, is "other". Only the
// first 400 words are read.
func DetectLang(text string) string {
	var z tokenizer
	z.add(text)
	return z.detect(0, len(z.toks))
}

// detect classifies tokens [from, to).
func (z *tokenizer) detect(from, to int) string {
	to = min(to, from+langWords)
	var cyr, lat, other int
	var ru, nonRu, en, nonEn, weakLat int
	for i := from; i < to; i++ {
		t := &z.toks[i]
		w := z.norm(i)
		var sw uint8
		if len(w) <= maxStopLen {
			sw = stopwords[string(w)]
		}
		switch {
		case t.cyr > t.lat && t.cyr >= t.other:
			cyr++
			switch {
			case t.flags&tOtherCyr != 0:
				nonRu += 2 // і ї є ґ ў ј …: decisive (with ы or ё: Belarusian)
			case t.flags&tRuOnly != 0:
				ru++ // ы э ё: not Ukrainian or Bulgarian
			}
			if bulgarianHardSign(w) {
				nonRu++
			}
			if sw&swRU != 0 {
				ru += 2
			}
			if sw&swOtherCyr != 0 {
				nonRu++
			}
		case t.lat > 0 && t.lat >= t.other:
			if t.flags&(tDigit|tWeb) != 0 || sw&swWeb != 0 {
				weakLat++ // t.co/j6OeTe1mop, @united, RT
				continue
			}
			lat++
			if sw&swEN != 0 {
				en += 2
			}
			if sw&swOtherLat != 0 {
				nonEn++
			}
			if t.flags&tAccent != 0 {
				nonEn++
			}
		case t.other > 0:
			other++
		}
	}
	if cyr+lat+other == 0 {
		if weakLat > 0 {
			return LangEN // only handles, links, words with digits
		}
		return LangOther
	}
	if other > cyr+lat {
		return LangOther
	}
	// Russian words weigh more than Latin ones: Russian text names Latin
	// brands, English text rarely carries Cyrillic.
	if 2*(cyr+ru) >= lat+en && cyr > 0 {
		// Russian stopwords are a fifth of Russian text: with fewer, or
		// with letters or words Russian does not use, weigh the others.
		if nonRu > 0 || 5*ru < 2*cyr {
			if l, score := z.otherLang(from, to, true); score >= 2 && score > ru && 8*score >= cyr {
				return l
			}
		}
		if nonRu >= 2 && nonRu > ru {
			return LangOther
		}
		return LangRU
	}
	if lat == 0 {
		return LangOther
	}
	if nonEn > 0 || 4*en < 2*lat {
		if l, score := z.otherLang(from, to, false); score >= 2 && score > en && 8*score >= lat {
			return l
		}
	}
	if nonEn >= 2 && nonEn > en {
		return LangOther
	}
	return LangEN
}

// bulgarianHardSign reports a ъ used as a vowel (път, България): in
// Russian it only comes before е, ё, ю, я.
func bulgarianHardSign(w []byte) bool {
	i := bytes.IndexRune(w, 'ъ')
	if i < 0 {
		return false
	}
	rest := w[i+len("ъ"):]
	if len(w) <= len("ъ") {
		return false // «Ъ», the newspaper
	}
	return len(rest) == 0 || !bytes.ContainsAny(rest[:min(len(rest), 2)], "еюя")
}

// Stopword kinds.
const (
	swRU uint8 = 1 << iota
	swOtherCyr
	swEN
	swOtherLat
	swWeb
)

// stopwords maps the words that tell the languages apart to their kinds;
// words shared between the languages compared are left out.
var stopwords, maxStopLen = func() (map[string]uint8, int) {
	m := map[string]uint8{}
	n := 0
	add := func(kind uint8, words string) {
		for _, w := range strings.Fields(words) {
			m[w] |= kind
			n = max(n, len(w))
		}
	}
	add(swWeb, `http https www rt com ru org net html php`)
	add(swRU, `что это или если уже еще был была было были который которая которые
		которых только также когда чтобы его ее мы вы он она они так же от при все всех
		этот эта эти этого себя быть есть нет очень может можно будет свой своей после
		через где тоже нас вас них ли бы ничего сейчас теперь здесь чем`)
	add(swOtherCyr, `та що це від або але також який яка яке які буде й її він вона вони ми ви
		цей ця після між коли дуже зі із ще са като това които който която което във със през
		също към бъде беше най сте съм сме ден е ја је як гэта дзе вельмі таксама калі`)
	add(swEN, `the and of to in is for on that with as by at it this from are be was were has
		have had an or not you your we our but will can its their they he she his her which
		who what how about been more after into than would there all if also new just up out
		so do does did said my me i a`)
	add(swOtherLat, `de der und ist nicht den dem von zu ein eine einen auf sich auch es im ich
		sie wir aber oder wie bei nach le la les des et est un une du en dans pour pas sur au
		aux avec ce cette qui que il elle ne se sa ses nous vous sont ou mais el del y por con
		para una lo como mas pero sus ya di che della gli sono anche si um uma nao dos das em
		het een dat zijn niet voor ook az hogy nem egy nie ze jest jak`)
	return m, n
}()
