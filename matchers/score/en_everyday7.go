package score

import "strings"

// Readings of everyday English found in the seventh round (DATA.md,
// "Everyday English, seventh round"): a price rise told flatly.

// riseWords are the verbs and nouns of a price put up: "raised Standard to
// $17.99", "put my plan up by $15", "a 40% hike".
var riseWords = map[string]bool{
	"raise": true, "raised": true, "raises": true, "raising": true,
	"hike": true, "hiked": true, "hikes": true, "hiking": true,
	"increase": true, "increased": true, "increases": true, "increasing": true,
	"jump": true, "jumped": true, "jumps": true, "jumping": true,
}

// upVerbs come before "up" in a rise told with a particle: "put my plan
// up", "prices going up", "renewal went up".
var upVerbs = map[string]bool{
	"going": true, "goes": true, "go": true, "gone": true, "went": true, "shot": true,
	"creeping": true, "crept": true,
}

// putPeople are objects of "put … up" that mean a stay, not a price: "put
// us up in a hotel".
var putPeople = map[string]bool{"me": true, "us": true, "him": true, "her": true, "them": true, "you": true, "everyone": true}

// putVerbs put a price up with its object between: "put my plan up".
var putVerbs = map[string]bool{"put": true, "puts": true, "putting": true}

// riseOff are words of a text where a rise is not the customer's cost:
// savings, pay, shares.
var riseOff = map[string]bool{
	"savings": true, "saving": true, "interest": true, "apy": true, "salary": true,
	"wage": true, "wages": true, "pay": true, "shares": true, "stock": true, "stocks": true,
	"dividend": true, "profit": true, "profits": true, "revenue": true, "sales": true,
	"cashback": true, "rewards": true, "points": true, "bonus": true, "charity": true,
	"donation": true, "donated": true, "funding": true, "valuation": true, "benefit": true,
	"benefits": true, "pension": true, "living": true, "limit": true, "off": true,
	"discount": true,
}

// priceNouns name what a customer pays: a rise told as a share ("went up
// 40%") is a price's only with one of them in its sentence.
var priceNouns = map[string]bool{
	"price": true, "prices": true, "bill": true, "bills": true, "plan": true, "plans": true,
	"fee": true, "fees": true, "renewal": true, "premium": true, "premiums": true,
	"subscription": true, "membership": true, "fare": true, "fares": true, "cost": true,
	"costs": true, "rent": true, "tariff": true, "tariffs": true, "charge": true,
	"charges": true, "quote": true, "rate": true, "rates": true, "insurance": true,
}

// enAmount reports whether token i is a number told as money or a share: a
// currency sign before it or "%" after it.
func enAmount(s *scratch, i int) bool {
	t := s.d.toks[i]
	if t.kind != tokNumber {
		return false
	}
	text := s.d.text
	if b := t.start; b > 0 {
		if text[b-1] == '$' || strings.HasSuffix(text[:b], "£") || strings.HasSuffix(text[:b], "€") {
			return true
		}
	}
	if e := t.end; e < len(text) && text[e] == '%' {
		return true
	}
	return false
}

// enPriceRise adds a complaint for a price put up told flatly: a rise word
// (riseWords, "up" after upVerbs, "from A to B", "now charging") in the
// sentence of an amount of money or a share, with the brand named, in a text
// where no rise is the customer's gain (riseOff). A rise word read as
// approval ("increase") keeps none. Cue: "$", "£", "€" or "%" in the text.
func enPriceRise(s *scratch) {
	text := s.d.text
	if !strings.ContainsAny(text, "$£€%") {
		return
	}
	toks := s.d.toks
	if strings.Contains(text, "?") && !strings.Contains(s.d.lower, "why") {
		return // a question about a price, not a complaint of one
	}
	brand := false
	for i := range toks {
		if toks[i].kind == tokWord && riseOff[toks[i].norm] {
			return
		}
		brand = brand || s.brand[i]
	}
	if !brand {
		return // news of a rise is told by nobody (the award's convention)
	}
	for i := range toks {
		if !enAmount(s, i) {
			continue
		}
		rise, named, paid := -1, false, s.d.text[toks[i].start-min(toks[i].start, 1)] != '%' && !strings.HasPrefix(s.d.text[toks[i].end:], "%")
		for j := range toks {
			named = named || s.brand[j] && s.sent[j] == s.sent[i]
			paid = paid || priceNouns[toks[j].norm] && s.sent[j] == s.sent[i]
			if s.sent[j] != s.sent[i] || toks[j].kind != tokWord {
				continue
			}
			n := toks[j].norm
			switch {
			case riseWords[n]:
				rise = j
			case n == "up" && j > 0 && (upVerbs[toks[j-1].norm] || putVerbs[toks[j-1].norm] || j > 1 && putVerbs[toks[j-2].norm] && !putPeople[toks[j-1].norm] || j > 2 && putVerbs[toks[j-3].norm]):
				rise = j
			case n == "charging" && j > 0 && toks[j-1].norm == "now":
				rise = j
			case n == "from" && j < i && j+1 < len(toks) && enAmount(s, j+1):
				for k := j + 2; k < len(toks) && k <= j+4; k++ {
					if toks[k].norm == "to" && k+1 < len(toks) && enAmount(s, k+1) && amountOf(s, k+1) > amountOf(s, j+1) {
						rise = j
					}
				}
			}
			if rise >= 0 {
				break
			}
		}
		if rise < 0 || !named || !paid {
			continue // no rise, a rise of another company's, or of no price
		}
		if w := toks[rise].norm; (headlineVerbs[w] || rise > 0 && toks[rise-1].norm == "to") && !enPerson(s) {
			return // a headline: "X raises prices 5%", "X to hike fares" (news told by nobody)
		}
		for k := range s.hits {
			if h := &s.hits[k]; h.val > 0 && h.tok == h.last && riseWords[toks[h.tok].norm] {
				h.val = 0
				h.tags &^= tPraise
			}
		}
		for _, h := range s.hits {
			if h.val <= -flatFailure && h.tags&tComplaint != 0 {
				return // told with feeling already
			}
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: -flatFailure * s.weight(i), tags: tComplaint, ph: -1})
		return
	}
}

// amountOf is the value of the number at token i as written ("17.99",
// "2,300": a full stop begins the decimals, commas separate thousands).
func amountOf(s *scratch, i int) float64 {
	t := s.d.toks[i]
	v, frac, dec := 0.0, 0.1, false
	for _, c := range s.d.text[t.start:t.end] {
		switch {
		case c == '.':
			dec = true
		case c < '0' || c > '9':
		case dec:
			v += float64(c-'0') * frac
			frac /= 10
		default:
			v = v*10 + float64(c-'0')
		}
	}
	return v
}

// enEveryday7 applies the readings of this file.
func enEveryday7(s *scratch) {
	enPriceRise(s)
}
