package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mentionwatch/mentionwatch/matchers"
)

// matchInput is one line of `match` input.
type matchInput struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	URL   string `json:"url"`
}

// matchBrand is one brand's match in `match --json` output.
type matchBrand struct {
	Brand   string   `json:"brand"`
	Matched []string `json:"matched"`
	Snippet string   `json:"snippet"`
}

// matchOutput is one line of `match --json` output: the contract's fields
// (brands, matched, snippet — of the first matching brand) plus the
// detected language and each brand's own match.
type matchOutput struct {
	Brands  []string     `json:"brands"`
	Matched []string     `json:"matched"`
	Snippet string       `json:"snippet"`
	Lang    string       `json:"lang"`
	Matches []matchBrand `json:"matches"`
	Error   string       `json:"error,omitempty"`
}

func matchCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "match")
	asJSON := fs.Bool("json", false, "one JSON object per input line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (documents are read from stdin)", pos[0])
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	queryWarnings(e, c)
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	var bad []int
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a byte order mark, as Windows editors save
		}
		if line == "" {
			continue
		}
		var in matchInput
		out := matchOutput{Brands: []string{}, Matched: []string{}, Matches: []matchBrand{}}
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			bad = append(bad, n)
			out.Error = inputProblem(n, "{title,text,url}", line, err)
		} else {
			res := c.Matcher.Match(matchers.Doc{Title: in.Title, Text: in.Text, URL: in.URL})
			out.Lang = res.Lang
			seen := map[string]bool{}
			for i, m := range res.Matches {
				out.Brands = append(out.Brands, m.Brand)
				for _, w := range m.Matched {
					if !seen[w] {
						seen[w] = true
						out.Matched = append(out.Matched, w)
					}
				}
				sn := m.Snippet.Markdown()
				if i == 0 {
					out.Snippet = sn
				}
				out.Matches = append(out.Matches, matchBrand{Brand: m.Brand, Matched: nonNil(m.Matched), Snippet: sn})
			}
		}
		if *asJSON {
			if err := enc.Encode(out); err != nil {
				return err
			}
			continue
		}
		switch {
		case out.Error != "":
			fmt.Fprintf(e.stdout, "%d: error: %s\n", n, out.Error)
		case len(out.Brands) == 0:
			fmt.Fprintf(e.stdout, "%d: no match (lang %s)\n", n, out.Lang)
		default:
			fmt.Fprintf(e.stdout, "%d: %s (lang %s)\n", n, strings.Join(out.Brands, ", "), out.Lang)
			for _, m := range out.Matches {
				fmt.Fprintf(e.stdout, "   %s: matched %s\n   %s\n", m.Brand, strings.Join(m.Matched, ", "), m.Snippet)
			}
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
