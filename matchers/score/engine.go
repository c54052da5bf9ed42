// Package score is mentionwatch's scoring engine: it reads a mention and
// says how negative it is (negativity in [0,1] and a sentiment label), how
// important (importance in [0,1]), what it is about (intent tags such as
// complaint, question, fraud, legal_threat, churn), how urgent (severity),
// and which rules decided that.
//
// Sentiment is computed from lexicons and rules, for Russian and English:
// negation, intensifiers and diminishers, contrast ("но", "but"),
// emoticons and emoji, exclamation and capitals, profanity in masked
// spellings, multi-word complaint phrases, and — when the brand is known —
// more weight for the words near it. Russian words are matched by stem
// (prefix entries), so inflected forms count. The user's scoring.rules run
// after the built-in scoring, with expressions compiled by internal/when.
//
// An Engine is immutable after New and safe for concurrent use.
package score

import (
	"cmp"
	"errors"
	"io"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Options are the parts of the configuration outside scoring: that the
// engine needs.
type Options struct {
	// Hot is alerts.hot_thread: a thread growing by at least MinGrowth
	// replies with negativity at least MinNegativity is critical. A zero
	// MinGrowth disables the check.
	Hot config.HotThread
	// BrandVIP maps a brand name to its VIP authors (config.Brand.VIP);
	// they count in addition to scoring.vip.
	BrandVIP map[string][]string
	// Now is the clock used for freshness (default time.Now).
	Now func() time.Time
	// Logger receives warnings about rules that fail at run time
	// (default: discarded).
	Logger *slog.Logger
	// Brands are the names of every brand the user monitors. Scoring a
	// mention of one, the others are its competitors, as Input.Others:
	// what is said of them counts little toward it. Input.Others, when
	// set, is used instead.
	Brands []string
}

// Input is one text to score with what is known about it.
type Input struct {
	Text   string
	Title  string
	URL    string
	Author string
	// Lang is the language detected for the document (matchers.DetectLang:
	// "ru", "en", "uk", "de", …, "other"); empty detects ru, en or other
	// from the script.
	Lang string
	// Brand is the brand the sentiment is about; empty scores the whole
	// text.
	Brand string
	// Matched are the words of the text the brand's query matched (the
	// mention's matched terms); with Brand they locate the brand in the
	// text. Empty uses Brand's own words.
	Matched []string
	Source  model.Source
	// Tags are tags already on the mention; they are kept.
	Tags []string
	// Replies is the thread's reply count (-1 unknown); Growth is how many
	// replies it gained since the previous crawl.
	Replies, Growth int
	PublishedAt     time.Time
	// Others are the names and spellings of the other brands the user
	// monitors (competitors): what a clause or sentence says of one of
	// them and not of Brand counts little toward Brand. It may include
	// Brand's own names: words that name Brand never name another.
	// Empty uses Options.Brands.
	Others []string
}

// Evidence is one word, phrase, emoticon or emoji that moved the
// sentiment, with its weighted valence (negative: unfavourable).
type Evidence struct {
	Text    string  `json:"text"`
	Valence float64 `json:"valence"`
}

// Result is the outcome of scoring. Negativity and Importance are rounded
// to two decimals; Sentiment is derived from the rounded Negativity.
type Result struct {
	Lang       string            `json:"lang"`
	Sentiment  string            `json:"sentiment"`
	Negativity float64           `json:"negativity"`
	Importance float64           `json:"importance"`
	Severity   string            `json:"severity"`
	Tags       []string          `json:"tags"`
	Rules      []model.FiredRule `json:"rules"`
	// Evidence lists the strongest contributions to the sentiment, most
	// influential first (at most five).
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Engine scores mentions. It is safe for concurrent use.
type Engine struct {
	th        config.Thresholds
	sev       config.SeverityThresholds
	hotCfg    config.HotThread
	vip       map[string]bool
	brandVIP  map[string]map[string]bool
	rules     []rule
	now       func() time.Time
	log       *slog.Logger
	brands    *patternCache[*brandPattern]
	others    *patternCache[*otherPattern]
	allBrands *otherPattern // Options.Brands, nil without
	pool      sync.Pool
	// intentModels decide complaints, questions and praise by language
	// (intents_model.go); a language without one is left to the rules.
	// featHook, set by the models' training, sees the rules' signals
	// instead.
	intentModels map[string]*intentModel
	featHook     func(s *scratch, sg signals)
	// ablated are the English mechanisms switched off (ablate.go): set
	// only by the evaluation's ablation, zero otherwise.
	ablated ablation
}

// New builds an engine from the scoring configuration. Every rule problem
// is reported, each as a *RuleError, joined with errors.Join.
func New(cfg config.Scoring, opts Options) (*Engine, error) {
	e := &Engine{th: cfg.Thresholds, sev: cfg.Severity, hotCfg: opts.Hot, now: opts.Now, log: opts.Logger}
	if e.th.Negative == 0 && e.th.Positive == 0 {
		e.th = config.Thresholds{Negative: config.DefaultNegative, Positive: config.DefaultPositive}
	}
	if e.sev.Critical == 0 && e.sev.Warning == 0 {
		e.sev = config.SeverityThresholds{Critical: config.DefaultCritical, Warning: config.DefaultWarning}
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if len(opts.Brands) > 0 {
		e.allBrands = compileOthers(opts.Brands)
	}
	e.vip = authorSet(cfg.VIP)
	e.brandVIP = map[string]map[string]bool{}
	for b, list := range opts.BrandVIP {
		e.brandVIP[strings.ToLower(b)] = authorSet(list)
	}
	var errs []error
	for i, r := range cfg.Rules {
		cr, rerrs := compileRule(i, r)
		errs = append(errs, rerrs...)
		if len(rerrs) == 0 {
			e.rules = append(e.rules, cr)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	e.brands = &patternCache[*brandPattern]{compile: compileBrand, limit: 4096}
	e.others = &patternCache[*otherPattern]{compile: compileOthers, limit: 1024}
	e.pool.New = func() any { return new(scratch) }
	e.intentModels = builtinIntentModels()
	return e, nil
}

// Score scores one input.
func (e *Engine) Score(in Input) Result {
	s := e.pool.Get().(*scratch)
	defer e.pool.Put(s)
	a, full, titleEnd := e.read(&in, s)

	res := Result{Lang: a.lang}
	if knownLang(in.Lang) {
		res.Lang = in.Lang // analysed as a.lang, reported as detected
	}
	neg := round2(negativity(a.sum, a.register()))
	res.Negativity = neg
	res.Sentiment = e.label(neg, a.pos > 0)

	brandInTitle := false
	if titleEnd > 0 && a.brand {
		for i, t := range s.d.toks {
			if t.start >= titleEnd {
				break
			}
			if s.brand[i] {
				brandInTitle = true
				break
			}
		}
	}
	now := e.now()
	res.Importance = round2(e.importance(&in, brandInTitle, now))

	res.Tags = mergeTags(in.Tags, in.Source.Tags, e.intents(s, &a, &res, &in, full))
	res.Evidence = evidence(s, full)
	for _, h := range s.hits {
		if h.ph >= 0 && !math.IsNaN(h.val) {
			p := &lexiconData().phrases[h.ph]
			res.Rules = append(res.Rules, model.FiredRule{Name: phraseRuleName(p, full[s.d.toks[h.tok].start:s.d.toks[h.last].end]), Effect: phraseEffect(p, h.val)})
		}
	}

	st := state{posEvidence: a.pos > 0, adverseNews: s.adverseNews && !s.reliefNews()}
	e.defaultSeverity(&res, &in, &st)
	e.applyRules(&res, &in, now, &st)
	if res.Tags == nil {
		res.Tags = []string{}
	}
	if res.Rules == nil {
		res.Rules = []model.FiredRule{}
	}
	return res
}

// read tokenises the title and text of in into s and analyses them. It
// returns the text read (title, line break, text) and where the title
// ends in it (0 without a title).
func (e *Engine) read(in *Input, s *scratch) (analysis, string, int) {
	text := unescape(in.Text)
	title := unescape(in.Title)
	full := text
	titleEnd := 0
	if title != "" && !strings.HasPrefix(text, title) {
		full = title + "\n" + text
		titleEnd = len(title)
	}
	tokenize(full, &s.d)
	s.ablated = e.ablated

	var bp *brandPattern
	if in.Brand != "" || len(in.Matched) > 0 {
		bp = e.brands.lookupMemo(&s.brandMemo, &s.key, in.Brand, in.Matched)
	}
	s.others = nil // other brands only beside a brand scored
	s.othersListed = false
	if bp != nil {
		s.others = e.allBrands
		if len(in.Others) > 0 {
			s.others = e.others.lookupMemo(&s.othersMemo, &s.key, "", in.Others)
			s.othersListed = true
		}
	}
	return lexiconData().analyse(s, bp, detectLang(in.Lang, &s.d)), full, titleEnd
}

// state tracks what rules have pinned while they run.
type state struct {
	posEvidence bool
	sevPinned   bool // a rule set the severity
	hotFired    bool
	adverseNews bool // news of an adverse event, read as neutral (news_severity.go)
}

// label maps negativity to a sentiment through the thresholds.
func (e *Engine) label(neg float64, posEvidence bool) string {
	switch {
	case neg >= e.th.Negative:
		return model.Negative
	case neg <= e.th.Positive && posEvidence:
		return model.Positive
	}
	return model.Neutral
}

// Negativity mapping: net valence 0 is NeutralNegativity; a net valence of
// −negAt reaches the default negative threshold (0.6) and +posAt the
// default positive one (0.3); the curve saturates toward 1 and 0. The
// points differ by language because the lexicons' scales do.
const NeutralNegativity = 0.45

// curve maps a net valence to negativity. The exponential curve reaches
// the default thresholds at −negAt and +posAt; the VADER curve (vader)
// first normalises the valence as VADER does, x/√(x²+15), and reaches the
// default thresholds at vaderNegCut and vaderPosCut.
type curve struct {
	negScale, posScale float64 // exponential
	vader              bool
	negPow, posPow     float64 // VADER: powers of the normalised valence
}

func newCurve(negAt, posAt float64) curve {
	return curve{
		negScale: negAt / -math.Log(1-(config.DefaultNegative-NeutralNegativity)/(1-NeutralNegativity)),
		posScale: posAt / math.Log(NeutralNegativity/config.DefaultPositive),
	}
}

// vaderAlpha is VADER's normalisation constant.
const vaderAlpha = 15

// cuts are the numeric constants of the valence-to-negativity mapping,
// the ones chosen by grid search on the development halves of the
// labelled sets (tune_test.go; DATA.md says on which).
type cuts struct {
	// ruNegAt, ruPosAt: the Russian net valences that reach the default
	// negative and positive thresholds.
	ruNegAt, ruPosAt float64
	// enNegAt, enPosAt: the same for English addressed to the brand
	// (customer care).
	enNegAt, enPosAt float64
	// vaderNegCut, vaderPosCut: the normalised valences (VADER's compound)
	// of general English that reach the default thresholds. VADER's own
	// 3-class cut is ±0.05; most general posts are neutral, and a wider
	// neutral band reads them so.
	vaderNegCut, vaderPosCut float64
}

// tuned are the constants the engine ships with.
var tuned = cuts{
	ruNegAt: 0.8, ruPosAt: 0.8,
	enNegAt: 0.1, enPosAt: 0.5,
	vaderNegCut: 0.08, vaderPosCut: 0.02,
}

func newVaderCurve(negCut, posCut float64) curve {
	return curve{
		vader:  true,
		negPow: math.Log((config.DefaultNegative-NeutralNegativity)/(1-NeutralNegativity)) / math.Log(negCut),
		posPow: math.Log(1-config.DefaultPositive/NeutralNegativity) / math.Log(posCut),
	}
}

func (c curve) apply(sum float64) float64 {
	if c.vader {
		x := sum / math.Sqrt(sum*sum+vaderAlpha)
		if x < 0 {
			return NeutralNegativity + (1-NeutralNegativity)*math.Pow(-x, c.negPow)
		}
		return NeutralNegativity * (1 - math.Pow(x, c.posPow))
	}
	if sum < 0 {
		return NeutralNegativity + (1-NeutralNegativity)*(1-math.Exp(sum/c.negScale))
	}
	return NeutralNegativity * math.Exp(-sum/c.posScale)
}

// curveSet is the curve of every register.
type curveSet struct{ ru, en, gen curve }

func (c cuts) curves() curveSet {
	return curveSet{
		ru: newCurve(c.ruNegAt, c.ruPosAt),
		en: newCurve(c.enNegAt, c.enPosAt),
		// English that is not addressed to the brand follows VADER's scale.
		gen: newVaderCurve(c.vaderNegCut, c.vaderPosCut),
	}
}

var curves = tuned.curves()

// regGeneralEN is the register of English text that does not speak to the
// brand (news, reviews, posts about it); "en" is the customer-care
// register of messages addressed to the brand.
const regGeneralEN = "en-general"

// register names the valence scale of an analysis: its language, with
// English split into the general and the customer-care register.
func (a *analysis) register() string {
	if a.lang == "en" && !a.addressed {
		return regGeneralEN
	}
	return a.lang
}

// negativity maps a net valence to [0,1] on the scale of a register.
func negativity(sum float64, register string) float64 {
	return curves.negativity(sum, register)
}

func (cs *curveSet) negativity(sum float64, register string) float64 {
	switch register {
	case "ru":
		return cs.ru.apply(sum)
	case regGeneralEN:
		return cs.gen.apply(sum)
	}
	return cs.en.apply(sum)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// detectLang returns the language the text is analysed in: the declared
// one when it is "ru", "en" or "other"; "ru" for the neighbours' Cyrillic
// languages (uk, be, kk, bg, sr, mk), whose words the Russian stems and
// phrases partly catch, on the Russian scale; "other" for the other
// Latin-script languages detection knows; with none of these declared,
// "ru" when Cyrillic letters hold their own against Latin ones, "en" for
// Latin, "other" otherwise.
func detectLang(lang string, d *doc) string {
	switch lang {
	case "ru", "en", "other":
		return lang
	case "uk", "be", "kk", "bg", "sr", "mk":
		return "ru"
	case "de", "fr", "es", "it", "pt", "pl", "tr", "nl":
		return "other"
	}
	switch {
	case d.cyr > 0 && d.cyr*2 >= d.lat:
		return "ru"
	case d.lat > 0:
		return "en"
	}
	return "other"
}

// mergeTags joins the mention's tags, the source's tags and the built-in
// ones, without duplicates, in that order.
func mergeTags(have, source []string, built tagSet) []string {
	out := make([]string, 0, len(have)+len(source)+3)
	add := func(t string) {
		if t == "" {
			return
		}
		for _, x := range out {
			if x == t {
				return
			}
		}
		out = append(out, t)
	}
	for _, t := range have {
		add(t)
	}
	for _, t := range source {
		add(t)
	}
	for _, t := range tagOrder {
		if built&t.bit != 0 {
			add(t.name)
		}
	}
	return out
}

// evidence lists the strongest contributions.
func evidence(s *scratch, text string) []Evidence {
	idx := s.evidence[:0]
	for k, h := range s.hits {
		if h.val != 0 && !math.IsNaN(h.val) {
			idx = append(idx, k)
		}
	}
	s.evidence = idx
	if len(idx) == 0 {
		return nil
	}
	// strongest first, in the order of the text among equals
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(math.Abs(s.hits[b].val), math.Abs(s.hits[a].val))
	})
	if len(idx) > 5 {
		idx = idx[:5]
	}
	out := make([]Evidence, len(idx))
	for k, i := range idx {
		h := s.hits[i]
		out[k] = Evidence{Text: text[s.d.toks[h.tok].start:s.d.toks[h.last].end], Valence: round2(h.val)}
	}
	return out
}

// knownLang reports whether lang is a language code detection returns
// (matchers.Langs).
func knownLang(lang string) bool {
	switch lang {
	case "ru", "en", "other", "uk", "be", "kk", "bg", "sr", "mk", "de", "fr", "es", "it", "pt", "pl", "tr", "nl":
		return true
	}
	return false
}
