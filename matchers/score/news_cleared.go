package score

import (
	"encoding/binary"
	"strings"
)

// News that lifts a charge from the brand — "Quasar Bank cleared of fraud
// charges", "Court acquits Quasar Bank", "Regulator drops probe into
// Quasar Bank", "Judge dismisses lawsuit against Quasar Bank", "Суд
// оправдал Квазар Банк по делу о мошенничестве", "С Квазар Банка сняли
// обвинения", "Прокуратура прекратила проверку Квазар Банка" — tells of no
// fraud and no legal threat: the charge is named only to say it is gone.
// The words of the sentence that lifts it keep no valence (news, told by
// nobody), and the text carries neither fraud nor legal_threat, nor a
// complaint or praise.
// A charge kept is not lifted: "not cleared", "refuses to drop the
// charges", "не оправдал ожиданий" (a Russian idiom of disappointment,
// not of a court), "суд отказался прекратить дело". Where a person speaks
// (the first or second person) the text keeps its tags — "Quasar was
// cleared of fraud, but they stole my savings" — and only the lifting
// sentence loses its weight.

// clearedEN are the English words that lift a charge by themselves or
// with an object of clearedObjectsEN nearby, every form.
var clearedEN = wordSet(`cleared clears clear acquitted acquits acquit acquittal exonerated
	exonerates exonerate exoneration guilty wrongdoing drop drops dropped dropping dismiss dismisses
	dismissed dismissing dismissal thrown throws toss tosses tossed close closes closed closing
	win wins won`)

// clearedWordsEN is the filter of clearedEN (wordfilter.go).
var clearedWordsEN = newWordFilter(clearedEN)

// clearedObjectsEN begin what a court or a regulator drops, dismisses or
// throws out, or a company wins.
// A customer's claim or complaint dismissed is none ("Aviva dismissed the
// claim").
var clearedObjectsEN = []string{"charge", "probe", "investigation", "inquiry", "enquiry", "case",
	"lawsuit", "suit", "prosecution", "appeal", "indictment", "allegation", "action"}

// clearedProbesEN begin what a regulator closes: "closes probe", not
// "closed the case on my claim".
var clearedProbesEN = []string{"probe", "investigation", "inquiry", "enquiry"}

// clearedChargesEN begin what a company is cleared of.
var clearedChargesEN = append([]string{"fraud", "wrongdoing", "misconduct", "launder", "breach",
	"violat", "discriminat", "negligen", "mis-sell", "missell", "manipulat", "brib", "corrupt",
	"mislead", "deceiv", "decept"}, clearedObjectsEN...)

// clearedStemsRU begin the Russian words of lifting a charge.
var clearedStemsRU = []string{"оправда", "снял", "снят", "прекрат", "прекращ", "закрыл", "закрыт",
	"отклонил", "отклонен", "отклонён", "выиграл", "невиновн", "выявил", "нашел", "нашёл", "нашл", "обнаружил"}

// What each Russian verb of lifting lifts: charges (снять), cases and
// probes (прекратить, закрыть), a claim (отклонить), a case won
// (выиграть). A customer's dispute, complaint or return closed or
// rejected is no charge lifted ("спор закрыли в пользу продавца",
// "возврат отклонили по результатам проверки").
var (
	clearedChargesRU = []string{"обвинени", "претензи", "арест"}
	clearedCasesRU   = []string{"дело", "дела", "делу", "деле", "расследовани", "проверк", "преследовани", "производств"}
	clearedClaimsRU  = []string{"иск"}
	clearedWonRU     = []string{"дело", "суд", "апелляц", "иск"}
)

// clearedCourtRU begin the words that make "оправдал" a court's: without
// one it is "justified" or "lived up to".
var clearedCourtRU = []string{"суд", "дело", "дела", "делу", "деле", "обвинени", "мошеннич",
	"присяжн", "приговор", "уголовн", "следств", "прокурат", "статье", "статьи"}

// keptChargeEN begin the English words before a verb of lifting that
// keep the charge: "refuses to drop", "declined to dismiss", "not cleared".
var keptChargeEN = []string{"refus", "declin", "fail", "reject", "won't", "wont", "not", "never",
	"isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "didn't", "doesn't", "can't"}

// keptChargeRU are the Russian ones: "не", "отказался прекратить".
var keptChargeRU = []string{"отказ", "отклонил"}

// clearedAt reports whether the word at i lifts a charge in its sentence.
func (s *scratch) clearedAt(i int, lang string) bool {
	toks := s.d.toks
	w := toks[i].norm
	word := func(k int) string {
		if k < 0 || k >= len(toks) || s.sent[k] != s.sent[i] || toks[k].kind != tokWord {
			return ""
		}
		return toks[k].norm
	}
	near := func(from, to int, stems []string) bool {
		for k := from; k <= to; k++ {
			if k != i && hasStem(word(k), stems) {
				return true
			}
		}
		return false
	}
	if lang == "en" {
		switch w {
		case "guilty":
			return word(i-1) == "not"
		case "wrongdoing":
			return word(i-1) == "no" || word(i-2) == "no" || word(i-3) == "no" // "found no evidence of wrongdoing"
		}
	}
	notFound := lang == "ru" && (strings.HasPrefix(w, "выяв") || strings.HasPrefix(w, "наш") || strings.HasPrefix(w, "обнаруж"))
	for k := i - 3; k < i; k++ {
		x := word(k)
		switch {
		case x == "":
		case lang == "en" && hasStem(x, keptChargeEN), lang == "ru" && hasStem(x, keptChargeRU):
			return false
		case x == "не" && !(notFound && k == i-1):
			return false
		}
	}
	if lang == "en" {
		switch {
		case strings.HasPrefix(w, "clear"):
			// "cleared of fraud", "clears Quasar Bank of wrongdoing"
			for k := i + 1; k <= i+5; k++ {
				if word(k) == "of" {
					return near(k+1, k+3, clearedChargesEN)
				}
			}
			return false
		case strings.HasPrefix(w, "acquit"), strings.HasPrefix(w, "exonerat"):
			return true
		case strings.HasPrefix(w, "win") || w == "won":
			return near(i+1, i+3, clearedObjectsEN) && s.brandBefore(i)
		case strings.HasPrefix(w, "clos"):
			return near(i+1, i+3, clearedProbesEN) || near(i-3, i-1, clearedProbesEN)
		}
		// drop, dismiss, throw out, toss: with the object on either side
		return near(i+1, i+4, clearedObjectsEN) || near(i-4, i-1, clearedObjectsEN)
	}
	switch {
	case strings.HasPrefix(w, "оправда"):
		if near(i+1, i+2, []string{"ожидани", "довери", "надежд", "вложени", "цен", "себя", "свои", "своё", "свое"}) {
			return false // "оправдал свои деньги", "оправдала ожидания"
		}
		return near(i-8, i+8, clearedCourtRU)
	case strings.HasPrefix(w, "невиновн"):
		return true
	case strings.HasPrefix(w, "выигр"):
		return near(i+1, i+3, clearedWonRU) && s.brandBefore(i)
	case notFound:
		return word(i-1) == "не" && near(i+1, i+3, []string{"нарушени"})
	}
	objects := clearedChargesRU
	switch {
	case strings.HasPrefix(w, "прекра"), strings.HasPrefix(w, "закры"):
		objects = clearedCasesRU
	case strings.HasPrefix(w, "отклон"):
		objects = clearedClaimsRU
	}
	return near(i+1, i+4, objects) || near(i-3, i-1, objects)
}

// speakerIn reports whether sentence n of the text has a word of the first
// or second person.
func (s *scratch) speakerIn(n int32) bool {
	for i := range s.d.toks {
		if s.sent[i] == n && s.d.toks[i].kind == tokWord && speakerWords[strings.ReplaceAll(s.d.toks[i].norm, "’", "'")] {
			return true
		}
	}
	return false
}

// clearedHeadsRU has a bit for the first four letters (eight bytes) of
// every stem of clearedStemsRU, at headBit.
var clearedHeadsRU = func() (f [16]uint64) {
	for _, st := range clearedStemsRU {
		b := headBit(st)
		f[b>>6] |= 1 << (b & 63)
	}
	return f
}()

// headBit is the place of a word's first eight bytes in a 1,024-bit set.
func headBit(w string) uint32 {
	x := binary.LittleEndian.Uint64([]byte(w[:8]))
	return uint32((x * 0x9E3779B97F4A7C15) >> 54)
}

// clearedHeadRU reports whether a Russian word can begin with one of
// clearedStemsRU: four letters at least, and its first four those of a
// stem (a false yes is settled by hasStem).
func clearedHeadRU(w string) bool {
	if len(w) < 8 {
		return false
	}
	b := headBit(w)
	return clearedHeadsRU[b>>6]&(1<<(b&63)) != 0
}

// newsCleared reads news that lifts a charge from the brand (the file's
// comment): the lifting sentence's words keep no valence and, where nobody
// speaks, s.cleared rules out fraud, legal_threat, a complaint and praise.
func (s *scratch) newsCleared(a *analysis) {
	s.cleared = false
	if !a.about || a.addressed || a.lang != "en" && a.lang != "ru" {
		return
	}
	adverse := a.lang == "en" // English news has lost its words' weight by now (enNewsOf)
	for k := range s.hits {
		if s.hits[k].val < 0 || s.hits[k].tags&(tFraud|tLegal) != 0 {
			adverse = true
			break
		}
	}
	if !adverse {
		return // no charge told in Russian, and riskIntents finds none without a word of one
	}
	toks := s.d.toks
	lifted := int32(-1)
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		w := toks[i].norm
		if a.lang == "en" && !(clearedWordsEN.may(w) && clearedEN[w]) || a.lang == "ru" && !(clearedHeadRU(w) && hasStem(w, clearedStemsRU)) {
			continue
		}
		if s.clearedAt(i, a.lang) && !s.speakerIn(s.sent[i]) {
			lifted = s.sent[i]
			break
		}
	}
	if lifted < 0 {
		return
	}
	for k := range s.hits {
		if h := &s.hits[k]; s.sent[h.tok] == lifted {
			h.val = 0 // "cleared", "wins" are the news's words, not a verdict
			h.tags &^= tComplaint | tPraise | tFraud | tLegal
		}
	}
	for i := range toks {
		if toks[i].kind == tokWord && speakerWords[strings.ReplaceAll(toks[i].norm, "’", "'")] {
			return
		}
	}
	s.cleared = true
}

// brandBefore reports whether the brand is named before token i in its
// sentence: the brand wins the case, not a customer against it.
func (s *scratch) brandBefore(i int) bool {
	for k := i - 1; k >= 0 && s.sent[k] == s.sent[i]; k-- {
		if s.brand[k] {
			return true
		}
	}
	return false
}
