package score

import "strings"

// A company's own statement about a problem — its account's post or
// reply, a headline that opens with its name and a colon, a quotation
// attributed to it: "МТС: Мы знаем о перебоях и уже работаем над их
// устранением", "We're aware of the issue and our engineers are on it" —
// is in the brand's voice. By the labelling guide (docs/labelling.md,
// rule 2: posts and replies by the brand's own accounts) it carries no
// complaint, question, praise, purchase intent or churn; its unfavourable
// words count ownVoiceDamp, as a retweet of the brand's account does
// (ru_register.go), and its favourable ones ("apologise", "restore")
// nothing: news of a problem, at most mildly unfavourable. Fraud and legal threats
// are judged on what the text reports, and stay.
//
// It is told by what only a company says of its own service in the first
// person plural: "мы знаем о …", "мы в курсе проблемы", "(мы) работаем
// над …", "приносим извинения", "наши специалисты уже …", "we are aware",
// "we're working on", "we apologise", "we're looking into", "our
// engineers are …". A customer's own voice beside it (I, my, я, мне, a
// "!" or "?", a verdict closing the text, a leaving, "our internet":
// customerBeside) makes it a customer quoting the brand, and "Мы знаем,
// что вы нас ненавидите" is no statement of a problem.

// statementTeams are whom a company says is on a problem ("наши
// специалисты уже работают", "our engineers are on it").
var statementTeams = wordSet(`инженеры специалисты сотрудники техники engineers team teams technicians specialists staff`)

// statementTroubles are what a company says it knows of ("мы в курсе
// проблемы").
var statementTroubles = []string{"проблем", "ситуац", "сбо", "перебо", "неполад", "трудност", "неисправност", "задержк"}

// singularSpeaker are the first person singular of both languages.
var singularSpeaker = wordSet(`i me my mine myself i'm i've i'd i'll im ive я мне меня мной мой моя мое мои моего моей моему моих моим моими мою`)

// statementAt reports whether a company's acknowledgement opens at token i.
func statementAt(toks []token, i int) bool {
	w := func(k int) string {
		if i+k < len(toks) && toks[i+k].kind == tokWord {
			return strings.ReplaceAll(toks[i+k].norm, "’", "'")
		}
		return ""
	}
	switch w(0) {
	case "мы":
		switch {
		case w(1) == "знаем" && (w(2) == "о" || w(2) == "об" || w(2) == "про"):
			return true
		case w(1) == "в" && w(2) == "курсе" && (hasStem(w(3), statementTroubles) || hasStem(w(4), statementTroubles)):
			return true
		case w(1) == "работаем" && w(2) == "над", w(1) == "уже" && w(2) == "работаем" && w(3) == "над":
			return true
		case strings.HasPrefix(w(1), "устраня") || w(1) == "уже" && strings.HasPrefix(w(2), "устраня"):
			return true
		}
	case "приносим":
		return w(1) == "извинения" || w(1) == "свои" && w(2) == "извинения"
	case "наши":
		return statementTeams[w(1)] && (w(2) == "уже" || strings.HasPrefix(w(2), "работа") || strings.HasPrefix(w(2), "занима"))
	case "we're", "were":
		if w(0) == "were" && i > 0 && toks[i-1].kind == tokWord {
			return false // "staff were aware of …": a past told of others
		}
		return w(1) == "aware" || w(1) == "working" && (w(2) == "on" || w(2) == "to") || w(1) == "looking" && w(2) == "into" ||
			w(1) == "investigating" || w(1) == "currently" && (w(2) == "working" || w(2) == "investigating")
	case "we":
		switch w(1) {
		case "are":
			return w(2) == "aware" || w(2) == "working" && (w(3) == "on" || w(3) == "to") || w(2) == "looking" && w(3) == "into" ||
				w(2) == "investigating" || w(2) == "currently" && (w(3) == "working" || w(3) == "investigating")
		case "apologise", "apologize", "sincerely":
			return w(1) != "sincerely" || strings.HasPrefix(w(2), "apolog")
		}
	case "our":
		// "our engineers are on it", "our team is working to restore …",
		// not "our team is about to buy …"
		return statementTeams[w(1)] && (w(2) == "are" || w(2) == "is") &&
			(w(3) == "on" && w(4) == "it" || w(3) == "working" || w(3) == "investigating" || w(3) == "aware" || w(3) == "looking" && w(4) == "into")
	}
	return false
}

// brandStatementOf reports whether the text is a company's own statement
// about a problem (see the file's comment).
func brandStatementOf(s *scratch) bool {
	if s.d.excl > 0 || s.d.quest > 0 {
		return false
	}
	toks := s.d.toks
	found := false
	for i := range toks {
		switch toks[i].kind {
		case tokEmoticon, tokEmoji:
			return false
		case tokWord:
			if singularSpeaker[strings.ReplaceAll(toks[i].norm, "’", "'")] {
				return false
			}
			if !found && statementAt(toks, i) {
				found = true
			}
		}
	}
	return found && !customerBeside(s)
}

// leaveGerunds are the verbs of leaving a customer works on or looks into
// ("we're looking into cancelling X", "we are investigating switching
// from X", "работаем над тем, чтобы уйти от X"): no company says them of
// its own service.
var leaveGerunds = wordSet(`switching cancelling canceling moving leaving migrating ditching dropping replacing porting
	уйти перейти сменить отказаться расторгнуть`)

// customerThings are what a customer calls "our" and a company does not:
// "but our internet has been down for three days", "наш интернет".
var customerThings = wordSet(`internet wifi broadband connection phone phones bill bills money power electricity router
	parcel order flight интернет связь деньги роутер телефон свет посылка заказ`)

// ourWords are the plural possessives before customerThings.
var ourWords = wordSet(`our наш наша наше наши нашу нашего нашей`)

// customerBeside reports whether a customer speaks beside words that
// read as a company's statement: a verdict closes the text (verdict_close.go:
// "Acme keeps saying we are aware of the issue. Pathetic"), the text
// leaves the brand (a churn hit, a verb of leaving), or "our" names what
// a customer has ("our internet has been down").
func customerBeside(s *scratch) bool {
	if closingVerdict(s) {
		return true
	}
	for _, h := range s.hits {
		if h.tags&tChurn != 0 {
			return true
		}
	}
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		if leaveGerunds[toks[i].norm] {
			return true
		}
		if i+1 < len(toks) && ourWords[toks[i].norm] && customerThings[toks[i+1].norm] {
			return true
		}
	}
	return false
}

// brandStatement reads a company's own statement: its words count
// ownVoiceDamp, and s.statement tells the intents.
func (s *scratch) brandStatement(a *analysis) {
	s.statement = a.about && (a.lang == "ru" || a.lang == "en") && brandStatementOf(s)
	if !s.statement {
		return
	}
	for k := range s.hits {
		h := &s.hits[k]
		if h.val > 0 {
			h.val = 0 // an apology, a repair promised: no approval of anyone
		}
		h.val *= ownVoiceDamp
		h.tags &^= tComplaint | tPraise
	}
}

// quietTags are the intents a text's voice rules out: a company's own
// statement voices none of a customer's, news of a company's non-action
// (news_nonaction.go) is no complaint or praise, and news that lifts a
// charge (news_cleared.go) no complaint, praise, fraud or legal threat.
func (s *scratch) quietTags() tagSet {
	var q tagSet
	switch {
	case s.statement:
		q = tComplaint | tPraise | tQuestion | tPurchase | tChurn
	case s.nonAction:
		q = tComplaint | tPraise
	}
	if s.cleared {
		q |= tComplaint | tPraise | tFraud | tLegal // news_cleared.go
	}
	return q
}
