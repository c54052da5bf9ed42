package app

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/matchers"
	"github.com/mentionwatch/mentionwatch/matchers/score"
	"github.com/mentionwatch/mentionwatch/notify"
	"github.com/mentionwatch/mentionwatch/watcher/scrape"
)

// Compiled is everything derived from one version of the config. It is
// immutable; a reload builds a new one.
type Compiled struct {
	Cfg        *config.Config
	Matcher    *matchers.Matcher
	Scorer     *score.Engine
	Router     *notify.Router
	Extractors map[string]*scrape.Extractor // forum and profile sources, by name
	Loc        *time.Location               // time zone for periods and digests
	// Warnings are what works but probably not as meant (query words
	// that can never match as written), with their lines.
	Warnings config.Problems
	brandIdx map[string]int
	log      *slog.Logger // where scoring rules that fail on a mention are reported
}

// Load reads and compiles the config at path. Every problem — structural,
// query, expression, selector — is returned at once, with its line.
func Load(path string, log *slog.Logger) (*Compiled, error) {
	cfg, err := config.Load(path)
	var probs config.Problems
	if err != nil {
		if !errors.As(err, &probs) || cfg == nil {
			return nil, err
		}
	}
	if cfg == nil {
		return nil, err
	}
	if err == nil {
		probs = cfg.Warnings
	}
	c, more := compile(cfg, log)
	probs = merge(probs, more)
	probs.Sort()
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	c.Warnings = probs
	return c, nil
}

// merge adds to the config's own problems those found while compiling,
// leaving out a compiler's second word on a field the config already
// reported as an error (an empty query is "must not be empty", not also "empty
// query"), and exact repeats.
func merge(probs, more config.Problems) config.Problems {
	reported := map[string]bool{}
	seen := map[string]bool{}
	var out config.Problems
	for _, p := range probs {
		if k := p.String(); !seen[k] {
			seen[k] = true
			if !p.Warning {
				reported[p.File+"\x00"+p.Path] = true
			}
			out = append(out, p)
		}
	}
	for _, p := range more {
		if k := p.String(); !seen[k] && !reported[p.File+"\x00"+p.Path] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// compile builds the judging parts of cfg. Problems carry the config's
// file and line.
func compile(cfg *config.Config, log *slog.Logger) (*Compiled, config.Problems) {
	var probs config.Problems
	c := &Compiled{Cfg: cfg, Extractors: map[string]*scrape.Extractor{}, brandIdx: map[string]int{}, Loc: time.Local, log: log}

	for i, b := range cfg.Brands {
		c.brandIdx[strings.ToLower(b.Name)] = i
	}
	m, err := matchers.Compile(matchers.BrandsOf(cfg.Brands))
	if err != nil {
		var ce *matchers.CompileError
		if errors.As(err, &ce) {
			for _, qe := range ce.Errors {
				probs = append(probs, cfg.Problem(fmt.Sprintf("brands[%d].query", qe.Brand), "%s", qe.Error()))
			}
		} else {
			probs = append(probs, cfg.Problem("brands", "%v", err))
		}
	}
	c.Matcher = m
	for _, qw := range matchers.Warnings(matchers.BrandsOf(cfg.Brands)) {
		w := cfg.Problem(fmt.Sprintf("brands[%d].query", qw.Brand), "%s", qw.Error())
		w.Warning = true
		probs = append(probs, w)
	}

	sc, err := newScorer(cfg, nil, log)
	if err != nil {
		probs = append(probs, fieldProblems(cfg, err, "scoring")...)
	}
	c.Scorer = sc

	if cfg.Alerts.TimeZone != "" {
		if loc, err := time.LoadLocation(cfg.Alerts.TimeZone); err == nil {
			c.Loc = loc
		}
	}
	r, err := notify.NewRouter(cfg.Alerts, notify.RouterOptions{Logger: log})
	if err != nil {
		probs = append(probs, fieldProblems(cfg, err, "alerts")...)
	}
	c.Router = r

	for i, s := range cfg.Sources {
		if s.Type != model.SourceForum && s.Type != model.SourceProfile {
			continue
		}
		var loc *time.Location
		if s.TimeZone != "" {
			if l, err := time.LoadLocation(s.TimeZone); err == nil { // checked by validation
				loc = l
			}
		}
		ex, err := scrape.Compile(scrape.Spec{Type: s.Type, Preset: s.Preset, Selectors: s.Selectors, MaxPages: s.MaxPages, Source: s.Name, Location: loc})
		if err != nil {
			probs = append(probs, fieldProblems(cfg, err, fmt.Sprintf("sources[%d]", i))...)
			continue
		}
		c.Extractors[s.Name] = ex
	}
	return c, probs
}

// newScorer builds the scoring engine of cfg; now, when set, is the clock
// it judges freshness by, and log, when set, where a rule that fails on a
// mention is reported.
func newScorer(cfg *config.Config, now func() time.Time, log *slog.Logger) (*score.Engine, error) {
	vip := map[string][]string{}
	for _, b := range cfg.Brands {
		if len(b.VIP) > 0 {
			vip[b.Name] = b.VIP
		}
	}
	names := make([]string, 0, len(cfg.Brands))
	for _, b := range cfg.Brands {
		names = append(names, b.Name)
		// and how its query writes it ("Сбер" for Сбербанк, a handle);
		// the config was validated, so the query parses
		if q, err := matchers.ParseQuery(b.Query); err == nil {
			names = append(names, q.Names()...)
		}
	}
	// every brand's names: scoring a mention of one, the others are its
	// competitors (the brand's own words in a text are its own: the
	// scorer marks what its query matched before it looks for others)
	return score.New(cfg.Scoring, score.Options{Hot: cfg.Alerts.Hot, BrandVIP: vip, Now: now, Brands: names, Logger: log})
}

// relPathError is a problem in one field named relative to the config
// section it was compiled from (e.g. "selectors.date" below a source).
type relPathError interface {
	error
	FieldPath() string
}

// pathError is what the judging packages return for a problem in one
// field: Path is the field's full config path, such as
// "scoring.rules[2].when".
type pathError interface {
	error
	Path() string
}

// fieldProblems turns a (joined) error from a compile step into problems
// at the right lines; prefix is the config section it came from, used when
// an error does not name its field.
func fieldProblems(cfg *config.Config, err error, prefix string) config.Problems {
	var out config.Problems
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var re relPathError
		if errors.As(e, &re) {
			msg := strings.TrimPrefix(re.Error(), re.FieldPath()+": ")
			out = append(out, cfg.Problem(prefix+"."+re.FieldPath(), "%s", msg))
			return
		}
		var pe pathError
		if errors.As(e, &pe) {
			out = append(out, cfg.Problem(pe.Path(), "%s", pathMessage(pe)))
			return
		}
		out = append(out, cfg.Problem(prefix, "%v", e))
	}
	walk(err)
	return out
}

// pathMessage is the error's own message: the wrapped cause when there is
// one (the path is printed by the problem itself).
func pathMessage(pe pathError) string {
	if u := errors.Unwrap(pe); u != nil {
		return u.Error()
	}
	return pe.Error()
}

// brandIndex returns the position of a brand in the config, by name
// (case-insensitive), or -1.
func (c *Compiled) brandIndex(name string) int {
	if i, ok := c.brandIdx[strings.ToLower(name)]; ok {
		return i
	}
	return -1
}

// BrandNames lists the configured brands' names in config order.
func (c *Compiled) BrandNames() []string {
	out := make([]string, len(c.Cfg.Brands))
	for i, b := range c.Cfg.Brands {
		out[i] = b.Name
	}
	return out
}

// Source returns the configured source of that name.
func (c *Compiled) Source(name string) (config.Source, bool) {
	for _, s := range c.Cfg.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return config.Source{}, false
}
