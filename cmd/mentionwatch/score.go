package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/app"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/matchers"
	"github.com/mentionwatch/mentionwatch/matchers/score"
)

// scoreInput is one line of `score` input: the text itself, or a JSON
// object. Beyond the contract's text,
// title, lang and brand, the fields rules can see may be given too.
type scoreInput struct {
	Text    string   `json:"text"`
	Title   string   `json:"title"`
	Lang    string   `json:"lang"`
	Brand   string   `json:"brand"`
	URL     string   `json:"url"`
	Author  string   `json:"author"`
	Tags    []string `json:"tags"`
	Replies *int     `json:"replies"`
	Growth  int      `json:"replies_growth"`
	Source  *struct {
		Name   string   `json:"name"`
		Type   string   `json:"type"`
		Weight *float64 `json:"weight"`
		Tags   []string `json:"tags"`
	} `json:"source"`
	PublishedAt *time.Time `json:"published_at"`
}

// scoreOutput is one line of `score --json` output.
type scoreOutput struct {
	Lang       string            `json:"lang"`
	Sentiment  string            `json:"sentiment"`
	Negativity float64           `json:"negativity"`
	Importance float64           `json:"importance"`
	Severity   string            `json:"severity"`
	Tags       []string          `json:"tags"`
	Rules      []model.FiredRule `json:"rules"`
	// Evidence lists the words, phrases and emoji that moved the
	// sentiment most, with their weighted valence.
	Evidence []score.Evidence `json:"evidence,omitempty"`
	Error    string           `json:"error,omitempty"`
	line     int              // the input line an Error is about
}

// scoreError is the `score --json` line of an input line that could not be
// read: its number and the problem, and no scoring field, so that every
// line with a sentiment holds a real one.
type scoreError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

func scoreCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "score")
	asJSON := fs.Bool("json", false, "one JSON object per input")
	brand := fs.String("brand", "", "the brand the sentiment is about (for input lines: unless they give one)")
	lang := fs.String("lang", "", "the text's language (ru, en, other); detected if unset")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	emit := func(out scoreOutput) error {
		if *asJSON && out.Error != "" {
			return enc.Encode(scoreError{Line: out.line, Error: out.Error})
		}
		if *asJSON {
			return enc.Encode(out)
		}
		if out.Error != "" {
			_, err := fmt.Fprintf(e.stdout, "error: %s\n", out.Error)
			return err
		}
		fmt.Fprintf(e.stdout, "%s  negativity %.2f  importance %.2f  severity %s  lang %s\n",
			out.Sentiment, out.Negativity, out.Importance, out.Severity, out.Lang)
		if len(out.Tags) > 0 {
			fmt.Fprintf(e.stdout, "  tags: %s\n", strings.Join(out.Tags, ", "))
		}
		for _, r := range out.Rules {
			fmt.Fprintf(e.stdout, "  rule %q: %s\n", r.Name, r.Effect)
		}
		if len(out.Evidence) > 0 {
			var ev []string
			for _, x := range out.Evidence {
				ev = append(ev, fmt.Sprintf("%s (%+.2f)", x.Text, x.Valence))
			}
			fmt.Fprintf(e.stdout, "  why: %s\n", strings.Join(ev, ", "))
		}
		return nil
	}
	if len(pos) > 0 {
		in := scoreInput{Text: strings.Join(pos, " "), Brand: *brand, Lang: *lang}
		return emit(scoreOne(c, in))
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var bad []int
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if line == "" {
			continue
		}
		in, err := scoreLine(line)
		var out scoreOutput
		if err != nil {
			bad = append(bad, n)
			out = scoreOutput{line: n, Error: inputProblem(n, "{text,title,lang,brand}", line, err)}
		} else {
			if in.Brand == "" {
				in.Brand = *brand
			}
			if in.Lang == "" {
				in.Lang = *lang
			}
			out = scoreOne(c, in)
		}
		if err := emit(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	if len(bad) > 0 {
		return badLines(bad)
	}
	return nil
}

// scoreLine reads one line of score's input: a line that starts with "{"
// is a JSON object, any other is the text itself.
func scoreLine(line string) (scoreInput, error) {
	if !strings.HasPrefix(line, "{") {
		return scoreInput{Text: line}, nil
	}
	var in scoreInput
	err := json.Unmarshal([]byte(line), &in)
	return in, err
}

func scoreOne(c *app.Compiled, in scoreInput) scoreOutput {
	lang := in.Lang
	if lang == "" {
		lang = matchers.DetectLang(strings.TrimSpace(in.Title + "\n" + in.Text))
	}
	src := model.Source{Weight: 1}
	if in.Source != nil {
		src.Name, src.Type, src.Tags = in.Source.Name, in.Source.Type, in.Source.Tags
		if in.Source.Weight != nil {
			src.Weight = *in.Source.Weight
		}
	}
	replies := -1
	if in.Replies != nil {
		replies = *in.Replies
	}
	var published time.Time
	if in.PublishedAt != nil {
		published = *in.PublishedAt
	}
	r := c.Scorer.Score(score.Input{
		Text: in.Text, Title: in.Title, URL: in.URL, Author: in.Author, Lang: lang, Brand: in.Brand,
		Source: src, Tags: append(append([]string{}, src.Tags...), in.Tags...),
		Replies: replies, Growth: in.Growth, PublishedAt: published,
	})
	out := scoreOutput{Lang: r.Lang, Sentiment: r.Sentiment, Negativity: model.Round3(r.Negativity),
		Importance: model.Round3(r.Importance), Severity: r.Severity, Tags: nonNil(r.Tags), Rules: r.Rules,
		Evidence: r.Evidence}
	if out.Rules == nil {
		out.Rules = []model.FiredRule{}
	}
	return out
}
