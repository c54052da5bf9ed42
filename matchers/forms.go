package matchers

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Word forms. A query word compiles to a few bases, each with a class of
// endings it accepts; a document word matches when it is a base followed
// by an ending of that class. Bases come from the word itself and its
// snowball stem, so "банк" matches банка, банку, банком, банки but not
// банкомат or банкет (the rest is not an ending), and "Ростелеком"
// matches Ростелекома although its snowball stem is "ростелек".

// Ending classes.
const (
	cExact  uint16 = 1 << iota // the base only
	cRuNom                     // Russian noun and adjective endings
	cRuVerb                    // Russian verb endings
	cEnNom                     // -s, -es
	cEnVerb                    // -ed, -ing
	cEnIng                     // -ing, -ed only (run → running, make → making)
	cEnYi                      // -es, -ed only (company → compani-es)
	// cPrefix: the query word as written, which also matches an
	// @handle or #hashtag that begins with it (megafon → @megafonru).
	cPrefix
	// cHandle: a compound's words run together, matched only as an
	// @handle or #hashtag or a camel-case part of one (at&t → @ATT).
	cHandle
	// cTranslit: a Latin spelling of a Cyrillic query word, for Latin
	// handles only: never found in the spelling of a Cyrillic hashtag,
	// which is another word (Кент's cent is not #центр's centr).
	cTranslit
)

var ruNomEndings = []string{
	"", "а", "я", "о", "е", "ь", "й", "ы", "и", "у", "ю",
	"ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями", "ов", "ев",
	"ою", "ею", "ью", "ия", "ие", "ии", "ию", "ией", "ий", "иям", "иях", "иями",
	"ье", "ья", "ьи", "ьей", "ьев", "ьям", "ьях", "ьями",
	"ый", "ая", "яя", "ое", "ее", "ые", "ого", "его", "ому", "ему",
	"ым", "им", "ых", "их", "ую", "юю", "ыми", "ими",
}

var ruVerbEndings = []string{
	"", "ть", "ти", "ться", "тся", "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись",
	"ет", "ешь", "ем", "ете", "ут", "ют", "ит", "ишь", "им", "ите", "ат", "ят",
	"у", "ю", "й", "йте", "ется", "ются", "утся", "ится", "ятся",
	"ал", "ала", "али", "ало", "ил", "ила", "или", "ило", "ать", "ять", "ить", "еть",
	"ю", "ешься", "ишься", "ясь", "ась", "в", "вши",
}

var enNomEndings = []string{"", "s", "es"}
var enVerbEndings = []string{"ed", "ing"}

// endingClass maps an ending to the classes that accept it.
var endingClass = func() map[string]uint16 {
	m := map[string]uint16{"": cExact}
	add := func(list []string, c uint16) {
		for _, e := range list {
			m[e] |= c
		}
	}
	add(ruNomEndings, cRuNom)
	add(ruVerbEndings, cRuVerb)
	add(enNomEndings, cEnNom)
	add(enVerbEndings, cEnVerb|cEnIng)
	add([]string{"es", "ed"}, cEnYi)
	return m
}()

// form is one base of a query word and the endings it accepts.
type form struct {
	base string
	cls  uint16
}

// minFormRunes is the shortest word that matches other forms; shorter
// words (ВТБ is three, so three is allowed) match only as written.
const minFormRunes = 3

// wordForms returns the bases a normalised query word matches through.
// A word of at least minFormRunes that is not "=exact" also matches
// handles and hashtags that begin with it (cPrefix); a compound word
// (at&t) matches as written and, in handles, run together.
func wordForms(w string, exact bool) []form {
	if isCompound(w) {
		return compoundForms(w)
	}
	n := utf8.RuneCountInString(w)
	if exact || n < minFormRunes {
		return []form{{w, cExact}}
	}
	var out []form
	switch {
	case strings.ContainsAny(w, "0123456789"):
		out = []form{{w, cExact}}
	case script(w) == scriptCyrillic:
		out = ruForms(w)
		for _, l := range translitForms(w) {
			out = append(out, form{l, translitClass(l) | cTranslit}) // @mts_ru, @sberbank (translit.go)
		}
	case script(w) == scriptLatin:
		out = enForms(w)
	default:
		out = []form{{w, cExact}}
	}
	out[0].cls |= cPrefix // out[0] is w itself
	return out
}

func ruForms(w string) []form {
	out := []form{{w, cRuNom}}
	s := russian.Stem(w, true)
	if s != w && strings.HasPrefix(w, s) && utf8.RuneCountInString(s) >= minFormRunes {
		rest := w[len(s):]
		c := endingClass[rest]
		switch {
		case c&cRuNom != 0:
			out = append(out, form{s, cRuNom})
		case c&cRuVerb != 0:
			out = append(out, form{s, cRuVerb})
		}
	}
	// Fleeting vowel: рынок → рынка, продавец → продавца.
	rs := []rune(w)
	if k := len(rs); k >= 5 {
		last2 := string(rs[k-2:])
		if last2 == "ок" || last2 == "ек" || last2 == "ец" {
			out = append(out, form{string(rs[:k-2]) + string(rs[k-1]), cRuNom})
		}
	}
	return out
}

func enForms(w string) []form {
	out := []form{{w, cEnNom | cEnVerb | cRuNom}}
	s := english.Stem(w, true)
	if s != w && utf8.RuneCountInString(s) >= minFormRunes {
		switch {
		case strings.HasPrefix(w, s):
			switch w[len(s):] {
			case "e", "s", "es", "ed", "ing", "d":
				out = append(out, form{s, cEnNom | cEnVerb})
			}
		case strings.HasSuffix(w, "y") && s == w[:len(w)-1]+"i":
			out = append(out, form{s, cEnYi})
		}
	}
	k := len(w)
	if w[k-1] == 'e' && k-1 >= minFormRunes {
		out = append(out, form{w[:k-1], cEnIng})
	}
	if c := w[k-1]; isConsonant(c) && c != 'w' && c != 'x' && c != 'y' && k >= 2 && !isConsonant(w[k-2]) {
		out = append(out, form{w + string(c), cEnIng})
	}
	return out
}

func isConsonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !strings.ContainsRune("aeiou", rune(c))
}

type scriptKind uint8

const (
	scriptNone scriptKind = iota
	scriptLatin
	scriptCyrillic
	scriptMixed
	scriptOther
)

// script classifies the letters of a normalised word.
func script(w string) scriptKind {
	k := scriptNone
	for _, r := range w {
		var c scriptKind
		switch {
		case r >= '0' && r <= '9':
			continue
		case isLatin(r):
			c = scriptLatin
		case isCyrillic(r):
			c = scriptCyrillic
		default:
			c = scriptOther
		}
		if k == scriptNone {
			k = c
		} else if k != c {
			return scriptMixed
		}
	}
	return k
}
