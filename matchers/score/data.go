package score

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The built-in data: the VADER lexicon (MIT) for English, the project's own
// Russian lexicon and English additions, and phrase lists. See DATA.md.
//
//go:embed data/*.tsv data/*.lex data/*.phr data/*.model
var dataFS embed.FS

var (
	lexOnce sync.Once
	lexVal  *lexicon
	lexErr  error
)

// builtinLexicon parses the embedded data once.
func builtinLexicon() (*lexicon, error) {
	lexOnce.Do(func() { lexVal, lexErr = loadLexicon() })
	return lexVal, lexErr
}

// lexFiles are read in this order; a later entry for a term replaces an
// earlier one, so the project's lists refine VADER's.
var lexFiles = []string{"en.lex", "ru.lex", "everyday_ru.lex"}
var phraseFiles = []string{"en.phr", "ru.phr", "intents.phr", "sales.phr", "everyday_ru.phr"}

func loadLexicon() (*lexicon, error) { return loadLexiconFrom(dataFS.ReadFile) }

// loadLexiconFrom builds the lexicon from the files read returns (the
// embedded data; the evaluation passes data with a line taken out).
func loadLexiconFrom(read func(name string) ([]byte, error)) (*lexicon, error) {
	lx := newLexicon()
	b, err := read("data/vader_lexicon.tsv")
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	if err := parseVader(lx, string(b)); err != nil {
		return nil, err
	}
	for _, f := range lexFiles {
		b, err := read("data/" + f)
		if err != nil {
			return nil, fmt.Errorf("score: %w", err)
		}
		if err := parseLexicon(lx, f, string(b)); err != nil {
			return nil, err
		}
	}
	for _, f := range phraseFiles {
		b, err := read("data/" + f)
		if err != nil {
			return nil, fmt.Errorf("score: %w", err)
		}
		if err := parsePhrases(lx, f, string(b)); err != nil {
			return nil, err
		}
	}
	lx.finish()
	return lx, nil
}

// phraseRuleName names a built-in phrase rule after its main intent and
// the text it matched.
func phraseRuleName(p *phrase, text string) string {
	kind := "phrase"
	for _, t := range tagOrder {
		if p.tags&t.bit != 0 {
			kind = strings.ReplaceAll(t.name, "_", " ") + " phrase"
			break
		}
	}
	if p.tags == 0 {
		switch {
		case p.val < 0:
			kind = "negative phrase"
		case p.val > 0:
			kind = "positive phrase"
		}
	}
	return kind + " \u201c" + text + "\u201d"
}

// phraseEffect describes what a phrase did: its weighted valence and tags.
func phraseEffect(p *phrase, val float64) string {
	var parts []string
	if val != 0 {
		parts = append(parts, "valence "+strconv.FormatFloat(round2(val), 'f', -1, 64))
	}
	var tags []string
	for _, t := range tagOrder {
		if p.tags&t.bit != 0 {
			tags = append(tags, "+"+t.name)
		}
	}
	if len(tags) > 0 {
		parts = append(parts, "tags "+strings.Join(tags, " "))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Preload parses the built-in lexicon now rather than at the first Score,
// so that a program can overlap that work with its own start-up.
func Preload() { _ = lexiconData() }

// lexiconData returns the built-in lexicon, parsing it the first time. The
// data is embedded and checked by the tests, so failing to parse it is a
// defect of the build.
func lexiconData() *lexicon {
	lx, err := builtinLexicon()
	if err != nil {
		panic(err)
	}
	return lx
}
