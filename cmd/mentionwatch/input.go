package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The problems of JSON input lines, shared by match and score.

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
