package score

import (
	"math"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// General English is decided by a small multinomial logistic model over
// features of the text the engine has already read: how much sentiment
// there is and of what kind (VADER's compound and its favourable and
// unfavourable parts, how many contributions of each sign and the
// strongest), and the register the text is written in (a report — names,
// numbers, dates, links, "via", "says" — or an opinion — first person,
// second person, questions, exclamations, emoticons). A text that reads
// like a report needs stronger evidence to be polar than one that reads
// like an opinion; one mild word in a news-like tweet stays neutral while
// the same word in "I love …" does not.
//
// The weights are fitted on the development halves of the English sets
// (genmodel_test.go, DATA.md): weights over these features, never over
// words. Messages addressed to the brand (customer care) keep the care
// curve; texts without any sentiment evidence stay at NeutralNegativity.

// Features of general English (indices into genFeat).
const (
	gfBias       = iota // 1
	gfCompound          // VADER's compound of the net valence, x/√(x²+15)
	gfPos               // the favourable part alone, normalised the same way
	gfNeg               // the unfavourable part alone, normalised the same way
	gfNPos              // favourable contributions, counted (at most 4) / 4
	gfNNeg              // unfavourable contributions, counted (at most 4) / 4
	gfMaxPos            // the strongest favourable contribution / 4 (at most 1)
	gfMaxNeg            // the strongest unfavourable contribution / 4 (at most 1)
	gfNames             // capitalised words inside sentences, as a share of the words
	gfNumber            // a number in the text
	gfLink              // a link in the text
	gfReport            // a word of reporting ("via", "says", "according", "breaking")
	gfDate              // a day, month or "tomorrow", "tonight"
	gfFirst             // first person singular ("I", "my", "me")
	gfSecond            // second person ("you", "your")
	gfQuestion          // a question mark
	gfExclaim           // an exclamation mark
	gfEmo               // an emoticon or emoji
	gfLong              // a long text: words beyond 10, / 30 (at most 1)
	gfReportish         // the marks of a report together: names (×2, at most 1), number, link, reporting word, date, / 5
	gfOpinionish        // the marks of an opinion together: first, second person, question, exclamation, emoticon, / 5
	nGenFeat
)

// genFeat is the feature vector of one text.
type genFeat [nGenFeat]float64

// genWeights are the model's weights: the logit of the negative and of
// the positive class against neutral (whose logit is 0), to be fitted by
// genmodel_test.go (MW_FIT=1) on the development halves of TweetEval, the
// airline tweets (texts not addressed to an airline) and the four VADER
// sets, every set weighted equally. Empty: no fit has yet raised the
// least margin over govader in the cross-validation inside the
// development halves (DATA.md), so the model is off.
var genWeights = [2]genFeat{
	// negative
	{},
	// positive
	{},
}

// useGenModel switches the model on; off, general English follows the
// VADER curve and its neutral band (vaderNegCut, vaderPosCut) and the
// features are not computed.
var useGenModel = false

var (
	reportWords = map[string]bool{"via": true, "says": true, "said": true, "say": true, "reports": true, "reported": true, "report": true, "according": true, "announced": true, "announces": true, "breaking": true, "news": true, "officials": true, "statement": true, "update": true, "live": true}
	dateWords   = map[string]bool{
		"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
		"mon": true, "tue": true, "tues": true, "thu": true, "thurs": true, "fri": true,
		"january": true, "february": true, "april": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
		"jan": true, "feb": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
		"tomorrow": true, "tonight": true, "yesterday": true, "weekend": true, "th": true, "st": true, "nd": true, "rd": true,
	}
	firstWords  = map[string]bool{"i": true, "i'm": true, "im": true, "i've": true, "i'd": true, "i'll": true, "me": true, "my": true, "myself": true, "mine": true}
	secondWords = map[string]bool{"you": true, "your": true, "you're": true, "u": true, "ur": true, "yours": true, "yourself": true, "ya": true}
)

// features computes the feature vector of general English text from the
// analysis and the tokens of s.
func (a *analysis) features(s *scratch) genFeat {
	var f genFeat
	f[gfBias] = 1
	f[gfCompound] = a.sum / math.Sqrt(a.sum*a.sum+vaderAlpha)
	f[gfPos] = a.pos / math.Sqrt(a.pos*a.pos+vaderAlpha)
	f[gfNeg] = a.neg / math.Sqrt(a.neg*a.neg+vaderAlpha)
	var np, nn int
	var mp, mn float64
	for _, h := range s.hits {
		switch {
		case h.val > 0:
			np++
			mp = math.Max(mp, h.val)
		case h.val < 0:
			nn++
			mn = math.Max(mn, -h.val)
		}
	}
	f[gfNPos] = float64(min(np, 4)) / 4
	f[gfNNeg] = float64(min(nn, 4)) / 4
	f[gfMaxPos] = math.Min(mp/4, 1)
	f[gfMaxNeg] = math.Min(mn/4, 1)

	toks := s.d.toks
	words, names := 0, 0
	sentStart := true
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokWord:
			words++
			if !t.hashtag && !sentStart && (t.title || t.caps) && t.norm != "i" {
				names++
			}
			switch {
			case reportWords[t.norm]:
				f[gfReport] = 1
			case dateWords[t.norm]:
				f[gfDate] = 1
			case firstWords[t.norm]:
				f[gfFirst] = 1
			case secondWords[t.norm]:
				f[gfSecond] = 1
			}
			sentStart = false
		case tokNumber:
			f[gfNumber] = 1
			sentStart = false
		case tokEmoticon, tokEmoji:
			if t.val != 0 {
				f[gfEmo] = 1
			}
		case tokPunct:
			if isSentenceEnd(t) {
				sentStart = true
			}
		}
	}
	if words > 0 {
		f[gfNames] = float64(names) / float64(words)
	}
	f[gfLong] = math.Min(float64(max(words-10, 0))/30, 1)
	if s.d.links > 0 {
		f[gfLink] = 1
	}
	if s.d.quest > 0 {
		f[gfQuestion] = 1
	}
	if s.d.excl > 0 {
		f[gfExclaim] = 1
	}
	f[gfReportish] = (math.Min(2*f[gfNames], 1) + f[gfNumber] + f[gfLink] + f[gfReport] + f[gfDate]) / 5
	f[gfOpinionish] = (f[gfFirst] + f[gfSecond] + f[gfQuestion] + f[gfExclaim] + f[gfEmo]) / 5
	return f
}

// genLogits are the logits of the negative and the positive class
// (neutral: 0); a class without evidence of its sign is ruled out.
func genLogits(w *[2]genFeat, f *genFeat, hasPos, hasNeg bool) (zn, zp float64) {
	for k := range f {
		zn += w[0][k] * f[k]
		zp += w[1][k] * f[k]
	}
	if !hasNeg {
		zn = math.Inf(-1)
	}
	if !hasPos {
		zp = math.Inf(-1)
	}
	return zn, zp
}

// genNegativity maps the logits to negativity so that the default
// thresholds give the model's most likely class: negative (≥ 0.6) when
// the negative logit is above both others, positive (≤ 0.3) when the
// positive one is, and between them when neutral is the most likely,
// nearer the threshold of the class that comes closer.
func genNegativity(zn, zp float64) float64 {
	switch {
	case zn > 0 && zn > zp:
		m := math.Min(zn, zn-zp)
		return config.DefaultNegative + (1-config.DefaultNegative)*(1-math.Exp(-m))
	case zp > 0 && zp >= zn:
		m := math.Min(zp, zp-zn)
		return config.DefaultPositive * math.Exp(-m)
	}
	// both at most 0: neutral, leaning toward the nearer class
	return NeutralNegativity + 0.149*(math.Exp(zn)-math.Exp(zp))
}

// negativity is the negativity of the analysis: the model's for general
// English with sentiment evidence, the register's curve otherwise.
func (a *analysis) negativity() float64 {
	if useGenModel && a.register() == regGeneralEN && (a.pos > 0 || a.neg > 0) {
		zn, zp := genLogits(&genWeights, &a.feat, a.pos > 0, a.neg > 0)
		return genNegativity(zn, zp)
	}
	return negativity(a.sum, a.register())
}
