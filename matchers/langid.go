package matchers

// Language codes DetectLang returns besides ru, en and other: the
// Cyrillic languages of Russian-speaking audiences' neighbours and the
// common Latin-script languages.
const (
	LangUK = "uk" // Ukrainian
	LangBE = "be" // Belarusian
	LangKK = "kk" // Kazakh
	LangBG = "bg" // Bulgarian
	LangSR = "sr" // Serbian
	LangMK = "mk" // Macedonian
	LangDE = "de" // German
	LangFR = "fr" // French
	LangES = "es" // Spanish
	LangIT = "it" // Italian
	LangPT = "pt" // Portuguese
	LangPL = "pl" // Polish
	LangTR = "tr" // Turkish
	LangNL = "nl" // Dutch
)

// Langs lists every code DetectLang returns.
var Langs = []string{LangRU, LangUK, LangBE, LangKK, LangBG, LangSR, LangMK,
	LangEN, LangDE, LangFR, LangES, LangIT, LangPT, LangPL, LangTR, LangNL, LangOther}

// Language indexes of the evidence tables.
const (
	lUK = iota
	lBE
	lKK
	lBG
	lSR
	lMK
	lDE
	lFR
	lES
	lIT
	lPT
	lPL
	lTR
	lNL
	nLangs
	firstLatin = lDE
)

var langCodes = [nLangs]string{LangUK, LangBE, LangKK, LangBG, LangSR, LangMK,
	LangDE, LangFR, LangES, LangIT, LangPT, LangPL, LangTR, LangNL}

// langSet is a set of language indexes.
type langSet uint16

// letterLangs maps letters that only some languages use to them. A word
// with such letters counts for each of its languages once.
var letterLangs = func() map[rune]langSet {
	m := map[rune]langSet{}
	add := func(letters string, langs ...int) {
		var s langSet
		for _, l := range langs {
			s |= 1 << l
		}
		for _, r := range letters {
			m[r] |= s
		}
	}
	add("їєґЇЄҐ", lUK)
	// і is Ukrainian and Kazakh (and Belarusian, told by ы, э, ў and its
	// common words): its evidence is split, and a tie goes to Ukrainian
	// (the first); with ы or э in the word it is Belarusian, with a Kazakh
	// letter Kazakh (lettersOf)
	add("іІ", lUK, lKK)
	add("ўЎ", lBE)
	add("әғқңөұүһӘҒҚҢӨҰҮҺ", lKK)
	add("ђћЂЋ", lSR)
	add("јљњџЈЉЊЏ", lSR, lMK)
	add("ѓќѕЃЌЅ", lMK)
	add("äßÄ", lDE)
	add("öüÖÜ", lDE, lTR)
	add("ëœŒ", lFR)
	add("èÈ", lFR, lIT)
	add("àùÀÙ", lFR, lIT)
	add("âîûÂÎÛ", lFR)
	add("êôÊÔ", lFR, lPT)
	add("çÇ", lFR, lPT, lTR)
	add("ñÑ¿¡", lES)
	add("áíúÁÍÚ", lES, lPT)
	add("óÓ", lES, lPT, lPL)
	add("éÉ", lFR, lES, lPT)
	add("ìòÌÒ", lIT)
	add("ãõÃÕ", lPT)
	add("ąćęłńśźżĄĆĘŁŃŚŹŻ", lPL)
	add("ğışİĞŞ", lTR)
	return m
}()

// langStop maps short common words, normalised as the tokenizer does
// (accents folded), to the languages they are frequent in (words shared
// with Russian or English are left out).
var langStop, maxLangStop = func() (map[string]langSet, int) {
	m := map[string]langSet{}
	n := 0
	var z tokenizer
	add := func(l int, words string) {
		z.reset()
		z.add(words)
		for i := range z.toks {
			w := string(z.norm(i))
			m[w] |= 1 << l
			n = max(n, len(w))
		}
	}
	add(lUK, `що це від або але також який яка яке які буде її він вона вони ми ви цей ця після між коли дуже зі із ще як мене мій мені працює немає був була було були щоб якщо вже навіть чи де картку картка гроші рахунок
		дякую знову чому`)
	add(lBE, `гэта дзе вельмі таксама калі што ён яны як але ці таму няма быў былі мяне ўжо праз толькі трэба грошы картку
		чаму дзякуй сёння нават яшчэ цяпер зноў гэты гэтая`)
	add(lKK, `және бұл мен деп үшін жоқ емес қалай менің маған сіз біз олар осы сол де ақша
		неге керек рахмет бүгін әлі`)
	add(lBG, `това които който която което във със през също към бъде беше най сте съм сме ще ако се пари картата`)
	add(lSR, `је ја није што који која које али од се са ће бити картица новац`)
	add(lMK, `се од што кој која кое беше ќе има нема картичка пари`)
	add(lDE, `der das und ist nicht dem von zu ein eine einen auf sich auch es ich sie wir aber oder wie bei nach mit mein meine meinen wurde kann nur noch schon seit keine kein geht funktioniert mir mich
		wieder immer heute leider bitte kam gar`)
	add(lFR, `le la les des et est un une du en dans pour pas sur au aux avec ce cette qui que il elle ne se sa ses nous vous sont ou mais mon ma mes depuis fonctionne plus ça`)
	add(lES, `el los las del por con para una lo como mas pero sus esta está mi es que se desde funciona tarjeta hoy muy
		este ha han hay veces gracias la`)
	add(lIT, `il di che della gli sono anche una un lo le mi ho da del nel alla funziona più sempre oggi carta
		mia mio stata stato perché grazie la`)
	add(lPT, `não nao um uma dos das os as do da com para mais meu minha foi está esta muito hoje cartão funciona
		pela pelo obrigado obrigada você`)
	add(lPL, `nie jest się na że jak ale już mnie mój moja czy jestem od po tak co mam działa karta dzisiaj`)
	add(lTR, `bir bu ve ile için da de çok ama ne var yok değil benim bana kartım kart bugün neden hala
		yine hiç artık teşekkürler`)
	add(lNL, `het een dat zijn niet voor ook van de en ik mijn met op werkt geen nog`)
	return m, n
}()

// otherLang returns the language of tokens [from, to) among the Cyrillic
// (cyr) or Latin ones other than Russian and English, and its score: two
// for each word with letters only it (and a few others) use, two for each
// of its common words, shared evidence split.
func (z *tokenizer) otherLang(from, to int, cyr bool) (string, int) {
	var score [nLangs]int
	lo, hi := 0, firstLatin
	if !cyr {
		lo, hi = firstLatin, nLangs
	}
	for i := from; i < to; i++ {
		t := &z.toks[i]
		if t.flags&tWeb != 0 {
			continue
		}
		// letters and common words are two pieces of evidence, each
		// split among the languages it points to
		var stop langSet
		if w := z.norm(i); len(w) <= maxLangStop {
			stop = langStop[string(w)]
		}
		for _, ls := range [2]langSet{z.letters[i], stop} {
			n := 0
			for l := lo; l < hi; l++ {
				if ls&(1<<l) != 0 {
					n++
				}
			}
			for l := lo; l < hi; l++ {
				if ls&(1<<l) != 0 {
					score[l] += 6 / n
				}
			}
		}
		if cyr {
			w := z.norm(i)
			if bulgarianHardSign(w) {
				score[lBG] += 6
			}
			if ukrainianEnding(w) {
				score[lUK] += 6
			}
		}
	}
	best, bestScore := -1, 0
	for l := lo; l < hi; l++ {
		if score[l] > bestScore {
			best, bestScore = l, score[l]
		}
	}
	if best < 0 {
		return LangOther, 0
	}
	// scores are in sixths of a word's evidence; report in the units of
	// detect (two per word)
	return langCodes[best], bestScore / 3
}

// lettersOf returns the languages that the letters of a word point to.
func lettersOf(rs []rune) langSet {
	var ls langSet
	be, i := false, false
	for _, r := range rs {
		if r >= 0x80 {
			switch r {
			case 'і', 'І':
				i = true
				continue
			case 'ы', 'э', 'Ы', 'Э':
				be = true
			}
			// a word is in one language: letters pointing to several
			// narrow each other down (ü and ş: Turkish, not German)
			if l := letterLangs[r]; l != 0 {
				if ls&l != 0 {
					ls &= l
				} else {
					ls |= l
				}
			}
		}
	}
	if i {
		switch {
		case ls&(1<<lKK) != 0:
			// і in a Kazakh word
		case be:
			ls |= 1 << lBE // і beside ы or э: Belarusian (прывітанне)
		case ls&(1<<lUK|1<<lBE) != 0:
			// і beside ї, є, ґ (Ukrainian) or ў (Belarusian)
		default:
			ls |= letterLangs['і']
		}
	}
	return ls
}

// ukrainianEndings are word endings Ukrainian has and Russian does not
// (заблокував, списали → списали is shared; навчання, з'єднання).
var ukrainianEndings = []string{"ував", "ював", "увала", "ували", "ювали", "ння", "нням", "ннях"}

func ukrainianEnding(w []byte) bool {
	for _, e := range ukrainianEndings {
		if len(w) > len(e)+2 && string(w[len(w)-len(e):]) == e {
			return true
		}
	}
	return false
}

// langAllowed reports whether a brand's language filter admits lang:
// listed, or "other" listed and lang is neither Russian nor English (as
// before the neighbours' languages were told apart).
func langAllowed(filter []string, lang string) bool {
	return contains(filter, lang) || lang != LangRU && lang != LangEN && contains(filter, LangOther)
}
