package score

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// The rarer intents with the most at stake: fraud and legal threats (a
// fraud or a legal threat with substance is a critical alert out of the
// box, severity.go). The words of fraud and of the law are in the
// lexicons (#fraud, #legal); these rules add the shapes the guide
// (docs/labelling.md) draws the boundaries by:
//
//   - fraud is also money taken without consent, said without a fraud
//     word ("списали деньги без моего ведома", "втихую подключили платную
//     услугу", "charged me for a subscription I never ordered"), money gone
//     from the author's account ("с карты пропали деньги"), scammers
//     posing as the brand ("звонят от имени банка", "a fake site"), and a
//     crime of the brand's staff in the news;
//   - a robbery (a stolen ATM) and a theft of data are no fraud unless a
//     word of deceit stands beside them, nor is rip-off talk about prices
//     ("a rip-off", "грабительские тарифы");
//   - a legal threat is also a claim (претензия, small claims), going to
//     court with the brand ("судиться с"), a fine imposed on the brand, a
//     licence revoked, and a regulator's step beyond the common ones;
//   - it is none when the brand is the plaintiff or the creditor (a case
//     it files, bailiffs collecting a debt owed to it), when the police
//     and courts pursue robbers or staff, when a lawyer is neither the
//     author's own nor turned to, and when the step is only wished ("я бы
//     подал в суд").

//go:embed data/risk.cue
var riskCueData string

// Fraud cue kinds (the first part of data/risk.cue).
const (
	rkTake cueKind = 1 << iota
	rkVanish
	rkConnect
	rkService
	rkNocons
	rkNotMine
	rkFrom
	rkAccount
	rkRobbery
	rkTarget
	rkData
	rkDeceit
	rkStaff
	rkCrime
	rkImpersonate
	rkRipoff
)

// Legal cue kinds (the part after "legal:").
const (
	lkClaim cueKind = 1 << iota
	lkSue
	lkFine
	lkObject
	lkLicense
	lkRevoke
	lkRegStep
	lkFile
	lkAgainst
	lkDebt
	lkBailiff
	lkLawyer
	lkMine
	lkLodge
	lkHypo
	lkSuit
)

var fraudKinds = map[string]cueKind{"take": rkTake, "vanish": rkVanish, "connect": rkConnect,
	"service": rkService, "nocons": rkNocons, "notmine": rkNotMine, "from": rkFrom, "account": rkAccount,
	"robbery": rkRobbery, "target": rkTarget, "data": rkData, "deceit": rkDeceit, "staff": rkStaff,
	"crime": rkCrime, "impersonate": rkImpersonate, "ripoff": rkRipoff}

var legalKinds = map[string]cueKind{"claim": lkClaim, "sue": lkSue, "fine": lkFine, "object": lkObject,
	"license": lkLicense, "revoke": lkRevoke, "regstep": lkRegStep, "file": lkFile, "against": lkAgainst,
	"debt": lkDebt, "bailiff": lkBailiff, "lawyer": lkLawyer, "mine": lkMine, "lodge": lkLodge,
	"hypo": lkHypo, "suit": lkSuit}

// riskList holds the cue words of data/risk.cue in one trie: an entry's
// flags are its fraud kinds, its tags its legal kinds; hasNeg marks the
// first word of a pair and hasCare the first word of a triple, so that a
// pair is looked up only after such a word.
type riskList struct {
	words *lexicon
	pairs map[string][2]cueKind
}

var (
	riskOnce sync.Once
	riskVal  *riskList
	riskErr  error
)

// riskCues returns the parsed cue list; the data is embedded and checked
// by the tests, so failing to parse it is a defect of the build.
func riskCues() *riskList {
	riskOnce.Do(func() { riskVal, riskErr = parseRiskCues(riskCueData) })
	if riskErr != nil {
		panic(riskErr)
	}
	return riskVal
}

func parseRiskCues(data string) (*riskList, error) {
	rl := &riskList{words: newLexicon(), pairs: map[string][2]cueKind{}}
	type term struct {
		k           [2]cueKind
		head, head3 bool
	}
	terms := map[string]*term{}
	var order []string
	at := func(t string) *term {
		if terms[t] == nil {
			terms[t] = &term{}
			order = append(order, t)
		}
		return terms[t]
	}
	part, kinds := 0, fraudKinds
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line, _, _ := strings.Cut(sc.Text(), "//")
		switch strings.TrimSpace(line) {
		case "":
			continue
		case "legal:":
			part, kinds = 1, legalKinds
			continue
		}
		head, list, ok := strings.Cut(line, "|")
		k, known := kinds[strings.TrimSpace(head)]
		if !ok || !known {
			return nil, fmt.Errorf("score: risk.cue:%d: want kind | terms", ln)
		}
		for _, t := range strings.Fields(list) {
			t = foldString(t)
			ws := strings.Split(t, "_")
			switch {
			case len(ws) == 1:
				at(t).k[part] |= k
				continue
			case len(ws) > 3:
				return nil, fmt.Errorf("score: risk.cue:%d: %q: at most three words", ln, t)
			case len(ws) == 2:
				at(ws[0]).head = true
			default:
				at(ws[0]).head3 = true
			}
			key := strings.Join(ws, " ")
			v := rl.pairs[key]
			v[part] |= k
			rl.pairs[key] = v
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if part != 1 {
		return nil, fmt.Errorf(`score: risk.cue: no line "legal:"`)
	}
	for _, t := range order {
		tm := terms[t]
		if strings.HasSuffix(t, "*") && (tm.head || tm.head3) {
			return nil, fmt.Errorf("score: risk.cue: %q: a pair's word is no stem", t)
		}
		rl.words.add(entry{term: t, flags: uint16(tm.k[0]), tags: tagSet(tm.k[1]), hasNeg: tm.head, hasCare: tm.head3})
	}
	rl.words.finish()
	return rl, nil
}

// pairKinds returns the kinds of the words a b (c) side by side.
func (rl *riskList) pairKinds(buf []byte, ws ...string) [2]cueKind {
	k := 0
	for j, w := range ws {
		if k+len(w)+1 > len(buf) {
			return [2]cueKind{}
		}
		if j > 0 {
			buf[k] = ' '
			k++
		}
		k += copy(buf[k:], w)
	}
	return rl.pairs[string(buf[:k])]
}

// riskWindow is how many tokens apart two words of one fraud shape may
// stand ("снимают за это деньги … просто так").
const riskWindow = 10

// riskKinds reads the fraud and legal cue kinds of every token of s into
// f and l (reused when long enough), the pairs and triples included: a
// pair's kinds go to its last word. The words' own kinds are those
// readVoice found (s.risk).
func riskKinds(s *scratch, f, l []cueKind) ([]cueKind, []cueKind, cueKind, cueKind) {
	rl := riskCues()
	toks := s.d.toks
	n := len(toks)
	if cap(f) < n || cap(l) < n {
		f, l = make([]cueKind, n), make([]cueKind, n)
	}
	f, l = f[:n], l[:n]
	var tf, tl cueKind
	var buf [96]byte
	// whether the word before opens a pair, the one before it a triple,
	// and the word before a triple
	head, head3, prev3 := false, false, false
	for i := range toks {
		f[i], l[i] = 0, 0
		t := &toks[i]
		if t.kind != tokWord {
			head, head3, prev3 = false, false, false
			continue
		}
		wk := &s.risk[i]
		fk, lk, h, h3 := wk.fraud, wk.legal, wk.head, wk.head3
		if head {
			v := rl.pairKinds(buf[:], toks[i-1].norm, t.norm)
			fk, lk = fk|v[0], lk|v[1]
		}
		if prev3 {
			v := rl.pairKinds(buf[:], toks[i-2].norm, toks[i-1].norm, t.norm)
			fk, lk = fk|v[0], lk|v[1]
		}
		f[i], l[i] = fk, lk
		tf |= fk
		tl |= lk
		head, prev3, head3 = h, head3, h3
	}
	return f, l, tf, tl
}

// near reports whether a token of kind k stands within w tokens of i.
func near(ks []cueKind, i, w int, k cueKind) bool {
	for j := max(0, i-w); j <= i+w && j < len(ks); j++ {
		if ks[j]&k != 0 {
			return true
		}
	}
	return false
}

// riskIntents decides fraud and legal_threat.
func riskIntents(s *scratch, a *analysis, v *voice, about bool) tagSet {
	if len(s.d.toks) == 0 || s.cleared { // a charge lifted (news_cleared.go)
		return 0
	}
	var fb, lb [64]cueKind
	f, l, tf, tl := riskKinds(s, fb[:0], lb[:0])
	var built tagSet
	if fraudShape(s, a, f, tf, about) {
		built |= tFraud
	}
	if legalShape(s, a, v, f, l, tf, tl) {
		built |= tLegal
	}
	return built
}

// fraudShape reports fraud: a word of fraud that no robbery, data theft or
// bargain explains, or one of the shapes of money taken without consent.
func fraudShape(s *scratch, a *analysis, f []cueKind, tf cueKind, about bool) bool {
	toks := s.d.toks
	if a.tags&tFraud != 0 {
		real, deceit := false, tf&rkDeceit != 0
		for _, h := range s.hits {
			if h.ph >= 0 && h.tags&tFraud != 0 && f[h.tok]&rkRipoff == 0 {
				real, deceit = true, true // a phrase: "развели на деньги", "rip off"
			}
		}
		for i := range toks {
			e := s.ent[i]
			if real || e == nil || e.tags&tFraud == 0 {
				continue
			}
			switch {
			case f[i]&(rkRobbery|rkRipoff) != 0 && f[i]&rkDeceit == 0:
				// "a rip-off", "грабительские тарифы": prices agreed to
				// "ограбили банкомат": a robbery
			case toks[i].norm == "steal" && i > 0 && toks[i-1].norm == "a":
				// "what a steal": a bargain
			case i > 0 && negator(toks[i-1].norm):
				// "не обманешь их", "never stole a thing"
			default:
				real = true
			}
		}
		// with no brand, a theft alone ("they will steal your address")
		// ties nothing to one: deceit must be named
		if real && (deceit || about && tf&(rkRobbery|rkTarget|rkData) == 0) {
			return true
		}
	}
	for i := range toks {
		k := f[i]
		switch {
		case k&(rkTake|rkConnect|rkVanish) != 0 && near(f, i, riskWindow, rkNocons|rkNotMine):
			return true // "списали деньги без моего ведома"
		case k&rkService != 0 && near(f, i, riskWindow, rkNotMine):
			return true // "услуги, которые я не заказывал"
		case k&rkVanish != 0 && fromAccount(s, f, i):
			return true // "с моей карты пропали деньги"
		case k&rkStaff != 0 && (i+1 >= len(f) || s.cues[i+1]&(cueChannel|cueRegulator) == 0) && tf&rkCrime != 0:
			return true // "кассир банка присвоил вклады", not "сотрудники полиции"
		case k&rkImpersonate != 0:
			return true // "звонят от имени банка", "a fake site copying your login"
		}
	}
	return false
}

// fromAccount reports a "from" before an account ("с моей карты", "from
// my account") near the vanishing of token i.
func fromAccount(s *scratch, f []cueKind, i int) bool {
	for j := max(0, i-6); j <= i+6 && j < len(f); j++ {
		if f[j]&rkFrom == 0 {
			continue
		}
		for k, w := j+1, 0; w < 2 && k < len(f); k++ {
			if f[k]&rkAccount != 0 {
				return true
			}
			if !s.brand[k] {
				w++ // "from my Quasar account": the name is no word apart
			}
		}
	}
	return false
}

// legalShape reports a legal threat with substance: a channel, a claim, a
// fine or a regulator's step, against the brand, not wished.
func legalShape(s *scratch, a *analysis, v *voice, f, l []cueKind, tf, tl cueKind) bool {
	toks := s.d.toks
	found := false
	for i := range toks {
		k := l[i]
		switch {
		case s.cues[i]&cueChannel != 0:
			switch {
			case a.tags&tLegal == 0:
				continue // no word of the law ("морские суда")
			case k&lkBailiff != 0, i+1 < len(l) && l[i+1]&lkBailiff != 0:
				continue // bailiffs ("судебные приставы") collect debts
			case k&lkLawyer != 0 && !near(l, i, 3, lkMine):
				continue // a lawyer in passing, a job title
			}
		case k&lkClaim != 0:
			if strings.HasPrefix(toks[i].norm, "претенз") && (v.linkTitle || !near(l, i, 3, lkLodge)) {
				continue // a template, a grievance: a claim must be lodged
			}
		case k&lkFine != 0:
			if i+1 < len(l) && l[i+1]&lkObject != 0 {
				continue // the brand fining its own customers
			}
		case k&(lkSue) != 0:
		case k&lkLicense != 0 && near(l, i, 3, lkRevoke):
		default:
			continue
		}
		if hypothetical(s, l, i) {
			continue
		}
		found = true
		break
	}
	if !found && v.cues&cueRegulator != 0 && v.cues&cueRoutine == 0 && (a.tags&tLegal != 0 && v.cues&cueStep != 0 || tl&lkRegStep != 0) {
		found = true
	}
	if !found {
		return false
	}
	switch {
	case tf&(rkRobbery|rkTarget) != 0:
		return false // the police after robbers, skimmers at an ATM
	case tf&rkStaff != 0 && tf&rkCrime != 0 && !v.person:
		return false // a case against staff, not the brand
	case tl&lkDebt != 0 && !v.person:
		return false // the brand as creditor
	case plaintiff(s, l):
		return false
	}
	return true
}

// hypothetical reports a conditional mood in the sentence of token i ("я
// бы подал в суд"): a wish, not a step.
func hypothetical(s *scratch, l []cueKind, i int) bool {
	sent := s.sent[i]
	for j := range l {
		if s.sent[j] == sent && l[j]&lkHypo != 0 {
			return true
		}
	}
	return false
}

// plaintiff reports the brand filing a case ("Квазар подал в суд на …",
// "Quasar sues …"), not one filed against it.
func plaintiff(s *scratch, l []cueKind) bool {
	for i := range l {
		if !s.brand[i] || i+1 < len(l) && s.brand[i+1] || openingAddress(s, i) {
			continue // an opening @address is whom the text speaks to, not who files
		}
		// the first token of the brand's run
		b := i
		for b > 0 && s.brand[b-1] {
			b--
		}
		// "иск «Квазар Лизинга» к …": the brand's own suit
		if b > 0 && (l[b-1]&lkSuit != 0 || b > 1 && l[b-2]&lkSuit != 0 && l[b-1]&lkAgainst == 0) {
			return true
		}
		if b > 0 && l[b-1]&lkAgainst != 0 {
			continue
		}
		for j := i + 1; j <= i+3 && j < len(l); j++ {
			if l[j]&lkFile != 0 {
				return true
			}
		}
	}
	return false
}

// negator reports a negation before a word of fraud.
func negator(w string) bool {
	switch w {
	case "не", "not", "never", "didn't", "didnt", "doesn't", "doesnt", "don't", "dont":
		return true
	}
	return false
}

// openingAddress reports whether token i is one of the @mentions that open the
// text.
func openingAddress(s *scratch, i int) bool {
	for j := 0; j <= i; j++ {
		if s.d.toks[j].kind != tokMention {
			return false
		}
	}
	return true
}
