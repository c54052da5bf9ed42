package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// jsonProblem says why line is not valid JSON. encoding/json names an
// invalid character by its first byte alone, which turns a Cyrillic letter
// into mojibake ('Ð' for 'П'); here it is the whole character, with its
// column counted in characters.
func jsonProblem(line string, err error) string {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return err.Error()
	}
	msg := se.Error()
	off := int(se.Offset) - 1 // the offending byte
	if off < 0 || off >= len(line) {
		return msg
	}
	for off > 0 && !utf8.RuneStart(line[off]) {
		off--
	}
	r, _ := utf8.DecodeRuneInString(line[off:])
	if rest, ok := strings.CutPrefix(msg, "invalid character "); ok {
		if i := strings.Index(rest, "' "); i >= 0 {
			msg = fmt.Sprintf("invalid character %q %s", r, rest[i+2:])
		}
	}
	return fmt.Sprintf("%s at column %d", msg, utf8.RuneCountInString(line[:off])+1)
}

// inputProblem is the error of input line n, which is not the JSON object
// want ("{title,text,url}"). A field of the wrong type is named by its
// path, in the input's own words ("text" is a number, not a string), never
// by the program's type names.
func inputProblem(n int, want, line string, err error) string {
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		if te.Field == "" {
			return fmt.Sprintf("line %d: not a JSON object %s: it is %s", n, want, jsonKind(te.Value))
		}
		return fmt.Sprintf("line %d: %q is %s, not %s", n, te.Field, jsonKind(te.Value), jsonKind(te.Type.Kind().String()))
	}
	if pe, ok := errors.AsType[*time.ParseError](err); ok {
		return fmt.Sprintf("line %d: %q is not a time in RFC 3339 (2026-11-20T10:00:00Z)", n, pe.Value)
	}
	return fmt.Sprintf("line %d: not a JSON object %s: %s", n, want, jsonProblem(line, err))
}

// badLines says which input lines could not be read, for the exit
// message: "2 input line(s) were not valid JSON (lines 3, 7)".
func badLines(ns []int) error {
	const shown = 10
	var b strings.Builder
	for i, n := range ns {
		if i == shown {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	word := "line"
	if len(ns) > 1 {
		word = "lines"
	}
	return fmt.Errorf("%d input line(s) were not valid JSON (%s %s; each has its error in the output)", len(ns), word, b.String())
}

// jsonKind names a JSON value kind (as encoding/json reports it) or a Go
// kind with an article: "a number", "an array".
func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "number", "float64", "int", "int64":
		return "a number"
	case "bool":
		return "true or false"
	case "array", "slice":
		return "an array"
	case "object", "struct", "map":
		return "an object"
	}
	return k // "number 1e999": a number out of range
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
