// Package when compiles and evaluates the `when:` expressions of scoring
// rules and alert routes. Expressions use expr-lang/expr
// (https://expr-lang.org) over the variables of Env; they are compiled and
// type-checked once, when the config is loaded.
package when

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"github.com/mentionwatch/mentionwatch/internal/suggest"
)

// Source is the source of a mention as expressions see it.
type Source struct {
	Name   string  `expr:"name"`
	Type   string  `expr:"type"`
	Weight float64 `expr:"weight"`
}

// Env is what an expression can read. Scoring rules see the scores as they
// stand when the rule runs; routes see the final scores.
type Env struct {
	Text       string   `expr:"text"`
	Title      string   `expr:"title"`
	URL        string   `expr:"url"`
	Author     string   `expr:"author"`
	Lang       string   `expr:"lang"`
	Brand      string   `expr:"brand"`
	Source     Source   `expr:"source"`
	Tags       []string `expr:"tags"`
	Sentiment  string   `expr:"sentiment"`
	Negativity float64  `expr:"negativity"`
	Importance float64  `expr:"importance"`
	Severity   string   `expr:"severity"`
	// Replies is the reply count of the mention's thread (-1 unknown);
	// Growth is how many replies it gained since the previous crawl.
	Replies int `expr:"replies"`
	Growth  int `expr:"replies_growth"`
	// AgeHours is how old the document is, in hours (-1 unknown).
	AgeHours float64 `expr:"age_hours"`
}

// Program is a compiled expression.
type Program struct {
	src string
	p   *vm.Program
}

// String returns the source of the expression.
func (p *Program) String() string { return p.src }

// Compile parses and type-checks src; it must evaluate to a boolean.
func Compile(src string) (*Program, error) {
	p, err := expr.Compile(src, expr.Env(Env{}), expr.AsBool(),
		expr.Function(wordsMatchFunc, matchWords, new(func(string, string) bool)),
		expr.Patch(wordBoundaries{}))
	if err != nil {
		return nil, fmt.Errorf("bad expression: %s", explain(oneLine(err.Error())))
	}
	return &Program{src: src, p: p}, nil
}

// MustCompile is Compile that panics; for expressions fixed in code.
func MustCompile(src string) *Program {
	p, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return p
}

// Eval runs the program against env.
func (p *Program) Eval(env *Env) (bool, error) {
	out, err := vm.Run(p.p, env)
	if err != nil {
		return false, fmt.Errorf("when %q: %w", p.src, err)
	}
	b, _ := out.(bool)
	return b, nil
}

var (
	unknownName  = regexp.MustCompile(`^unknown name (\w+)`)
	unknownField = regexp.MustCompile(`^type when\.Source has no field (\w+)`)
)

// explain puts expr's messages about names in the words of the config:
// the variables and source's fields as written in expressions (not Go's
// type names), with the nearest one when a name is misspelt.
func explain(msg string) string {
	if m := unknownField.FindStringSubmatchIndex(msg); m != nil {
		name := msg[m[2]:m[3]]
		return "source has no field " + name + hint(name, "its fields", exprNames(reflect.TypeOf(Source{}))) + msg[m[1]:]
	}
	if m := unknownName.FindStringSubmatchIndex(msg); m != nil {
		name := msg[m[2]:m[3]]
		return msg[:m[1]] + hint(name, "the variables", exprNames(reflect.TypeOf(Env{}))) + msg[m[1]:]
	}
	// Any other message that names the type of source ("mismatched types
	// when.Source and int", "when.Source is not callable") names it as
	// the config does.
	return strings.ReplaceAll(msg, "when.Source", "source")
}

// hint suggests the name nearest to name, or lists them all.
func hint(name, what string, names []string) string {
	if best := suggest.Nearest(name, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (" + what + ": " + strings.Join(names, ", ") + ")"
}

// exprNames lists the names expressions use for the fields of struct t.
func exprNames(t reflect.Type) []string {
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		if n := t.Field(i).Tag.Get("expr"); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// oneLine folds expr's multi-line error (message, source, caret) into one
// line that still points at the column.
func oneLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.TrimSpace(lines[0])
}
