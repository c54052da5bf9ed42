package matchers

import (
	"fmt"
	"strings"
)

// QueryError is a problem with one brand's query.
type QueryError struct {
	// Brand is the index of the brand in the slice given to Compile; -1
	// from ParseQuery.
	Brand int
	// Col is the 1-based column (in runes) where the problem is.
	Col int
	// Msg says what is wrong.
	Msg string
}

// Error returns "col N: message", for callers to prefix with the file,
// line and field, as in `rules.yaml:12: brands[2].query: col 17: unbalanced "("`.
func (e *QueryError) Error() string {
	return fmt.Sprintf("col %d: %s", e.Col, e.Msg)
}

// CompileError lists every bad query found by Compile, in brand order.
type CompileError struct {
	Errors []*QueryError
}

// Error returns one "brands[i].query: col N: message" per problem, joined
// by "; ".
func (e *CompileError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, q := range e.Errors {
		parts[i] = fmt.Sprintf("brands[%d].query: %s", q.Brand, q.Error())
	}
	return "matchers: " + strings.Join(parts, "; ")
}

// Unwrap returns the individual errors, for errors.As and errors.Is.
func (e *CompileError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, q := range e.Errors {
		out[i] = q
	}
	return out
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
