package score

// The register and target of a Russian text about a named company: who is
// speaking (the company itself, a news or advertising post, a person) and
// whether what it says is an opinion at all.
var (
	// ownVoiceDamp is what a text keeps when the company's own account
	// speaks ("RT @Beeline_RUS: …"): a company's announcement of itself is
	// not anyone's opinion of it.
	ownVoiceDamp = 0.2
	// linkPraiseDamp is what favourable words keep in an advertisement: a
	// post with a link, no voice of a person in it (no first or second
	// person, smiley, exclamation or question) and the shape of an ad
	// (adShape). An offer describes ("быстрый кредит", "бесплатно"), it
	// does not praise.
	linkPraiseDamp = 0.4
)

// russianRegister reweighs the contributions of a Russian text that names
// the company: the company's own voice (its account retweeted, its
// support's replies) counts little, and the favourable
// words of an advertisement little more. Unfavourable words of an ad keep
// their weight, except in a listing (no capital letter, addressed to no
// one: the title of a page a search found), where they name a problem
// rather than complain of it.
func (s *scratch) russianRegister(a *analysis) {
	if !a.about {
		return
	}
	// who speaks does not depend on where the brand is named: a support
	// reply may name it only in an address ("pomogite@beeline.ru")
	if s.ownVoice() || s.companyReply() {
		for k := range s.hits {
			s.hits[k].val *= ownVoiceDamp
		}
		return
	}
	if !a.brand {
		return
	}
	if s.d.links > 0 && !s.personVoice(a) && s.adShape() {
		// a listing: no capital letter and addressed to no one ("как
		// закрыть кредит в сбербанке http://…", the title of a page
		// found by a search) names a problem, it does not complain of it
		listing := s.d.capsLet == 0 && len(s.d.toks) > 0 && s.d.toks[0].kind != tokMention
		for k := range s.hits {
			if h := &s.hits[k]; h.val > 0 || listing {
				h.val *= linkPraiseDamp
			}
		}
	}
}

// ownVoice reports whether the text is the company's own account
// retweeted: it opens with "RT @brand" — the brand's post, whoever passes
// it on. Sentiment and intents both read it so.
func (s *scratch) ownVoice() bool {
	toks := s.d.toks
	return len(toks) > 1 && toks[0].kind == tokWord && toks[0].norm == "rt" && toks[1].kind == tokMention && s.brand[1]
}

// personVoice reports whether a person speaks in the text: first or
// second person, a smiley or emoji, an exclamation or a question.
func (s *scratch) personVoice(a *analysis) bool {
	if a.personal || s.d.excl > 0 || s.d.quest > 0 {
		return true
	}
	for i := range s.d.toks {
		if k := s.d.toks[i].kind; k == tokEmoticon || k == tokEmoji {
			return true
		}
	}
	return false
}

// adShape reports whether a post with a link has the shape of an
// advertisement or a search-engine listing rather than a headline: it
// opens with the link, or it has no capital letter, or it is mostly
// hashtags.
func (s *scratch) adShape() bool {
	toks := s.d.toks
	if s.d.capsLet == 0 {
		return true
	}
	if s.d.linkFirst {
		return true
	}
	tags, words := 0, 0
	for i := range toks {
		if toks[i].kind == tokWord {
			words++
			if toks[i].hashtag {
				tags++
			}
		}
	}
	return words > 0 && tags*2 >= words
}

// companyReply reports whether the text is a reply in the voice of a
// company's support: it opens by addressing someone other than the
// company (@handle) and speaks to them with the capitalised formal "Вы"
// inside a sentence ("Напишите, пожалуйста, Ваш номер", "свяжемся с
// Вами"), the way support accounts write and customers seldom do.
func (s *scratch) companyReply() bool {
	toks := s.d.toks
	if s.d.signed() {
		return true
	}
	if len(toks) == 0 || toks[0].kind != tokMention || s.brand[0] {
		return false
	}
	if s.supportGreeting() {
		return true
	}
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || !t.title || !formalYou[t.norm] {
			continue
		}
		if p := &toks[i-1]; p.kind != tokMention && !isSentenceEnd(p) {
			return true
		}
	}
	return false
}

// formalYou are the forms of "вы" and "ваш" that, capitalised, address one
// person formally.
var formalYou = map[string]bool{
	"вы": true, "вас": true, "вам": true, "вами": true,
	"ваш": true, "ваша": true, "ваше": true, "ваши": true, "вашего": true, "вашей": true,
	"вашему": true, "вашим": true, "ваших": true, "вашу": true, "вашем": true, "вашими": true,
}

// supportGreeting reports whether a reply opens, after the handles it is
// addressed to, with the greeting formula of a support desk ("@anna
// Добрый день! …", "@anna, здравствуйте.", "@anna доброго времени
// суток"): customers replying to each other do not greet that way.
func (s *scratch) supportGreeting() bool {
	toks := s.d.toks
	i := 0
	for i < len(toks) && (toks[i].kind == tokMention || toks[i].kind == tokPunct) {
		i++
	}
	if i >= len(toks) || toks[i].kind != tokWord {
		return false
	}
	w := toks[i].norm
	next := ""
	if k := nextWord(toks, i); k >= 0 {
		next = toks[k].norm
	}
	switch w {
	case "здравствуйте", "здрав-те", "приветствуем":
		return true
	case "добрый":
		return next == "день" || next == "вечер"
	case "доброе":
		return next == "утро"
	case "доброго":
		return next == "дня" || next == "вечера" || next == "утра" || next == "времени"
	}
	return false
}
