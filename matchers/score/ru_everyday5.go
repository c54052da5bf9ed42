package score

import (
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Fifth round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, fifth round").

// ruEveryday5 applies the fifth round's readings to a Russian text about
// the brand, after the model and the earlier rounds (ruSettle,
// ruComplaintTone): a news report that says where it comes from, that the
// trouble it tells of is over, or that a company announced something is
// neutral — the news is told, not judged ("Сбербанк сообщил о временных
// сбоях в работе СБП, которые были устранены в течение часа", "Фирма «1С»
// объявила о повышении цен на лицензии").
func (e *Engine) ruEveryday5(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about || !v.news || res.Sentiment == model.Neutral {
		return tags
	}
	if s.ruReported() && !closingVerdict(s) { // verdict_close.go
		s.adverseNews = res.Sentiment == model.Negative // news_severity.go
		res.Sentiment = model.Neutral
		res.Negativity = NeutralNegativity
		tags &^= tComplaint | tPraise
	}
	return tags
}

// ruReportStems begin the words that say the trouble a report tells of is
// over or looked into: "связь восстановлена", "сбои были устранены",
// "компания расследует инцидент", Ukrainian "усунуто", "відновлено".
var ruReportStems = []string{"устранен", "устранил", "восстановлен", "восстановил", "расследу", "усунут", "відновлен"}

// ruReportVerbs name a report's source before its name in quotes or in
// capitals ("пишет «Интерфакс»", "сообщает РБК"); "по данным" and "со
// ссылкой на" name one too.
var ruReportVerbs = wordSet(`пишет пишут сообщает сообщают передает передаёт передают утверждает пише повідомляє`)

// ruAnnounceStems begin the verbs of a company's announcement before "о",
// "об" or ", что" ("объявила о повышении тарифов", "сообщил о сбоях",
// "отчиталась о выручке", "заявили, что …").
var ruAnnounceStems = []string{"объявил", "отчитал", "сообщил", "заявил", "оголосил", "повідомил"}

// ruReported reports a news text that names its source ("пишет
// «Интерфакс»", "по данным …"), says that the trouble is over or looked
// into, or tells what a company announced. It reads words only, one
// pass, and answers on the first cue.
func (s *scratch) ruReported() bool {
	toks, text := s.d.toks, s.d.text
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		var nx *token
		if i+1 < len(toks) {
			nx = &toks[i+1]
		}
		switch {
		case len(t.norm) >= reportStemMin && hasStem(t.norm, ruReportStems):
			return true
		case nx != nil && (nx.kind == tokWord && nx.caps && !s.brand[i+1] || strings.HasPrefix(strings.TrimLeft(text[t.end:], " "), "«")) && ruReportVerbs[t.norm]:
			return true
		case i > 0 && (t.norm == "данным" && toks[i-1].norm == "по" || t.norm == "ссылкой" && toks[i-1].norm == "со"):
			return true
		case nx != nil && (nx.norm == "о" || nx.norm == "об") && hasStem(t.norm, ruAnnounceStems):
			return true
		case nx != nil && nx.kind == tokPunct && nx.punct == ',' && i+2 < len(toks) && (toks[i+2].norm == "что" || toks[i+2].norm == "що") && hasStem(t.norm, ruAnnounceStems):
			return true
		}
	}
	return false
}

// reportStemMin is the length in bytes of the shortest of ruReportStems:
// shorter words are not looked at.
const reportStemMin = len("усунут")
