package matchers

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"word", "Slack", "slack"},
		{"implicit and", "Slack app", "slack app"},
		{"explicit AND is the same", "Slack AND app", "slack app"},
		{"or", "Slack OR Teams", "slack OR teams"},
		{"pipe is or", "Slack|Teams", "slack OR teams"},
		{"or binds tighter than and", "a b OR c", "a b OR c"},
		{"or binds tighter than and, grouped explicitly", "a (b OR c)", "a b OR c"},
		{"and inside or needs brackets", "(a b) OR c", "(a b) OR c"},
		{"phrase", `"Альфа Банк"`, `"альфа банк"`},
		{"guillemets", `«Альфа Банк»`, `"альфа банк"`},
		{"curly quotes", `“Acme Bank”`, `"acme bank"`},
		{"one-word phrase is a word", `"Slack"`, "slack"},
		{"hyphenated word is a phrase", "Альфа-Банк", `"альфа банк"`},
		{"apostrophe suffix dropped", "Tinkoff'а", "tinkoff"},
		{"exclusion", "Slack -wax", "slack -wax"},
		{"excluded phrase", `Slack -"slack wax"`, `slack -"slack wax"`},
		{"excluded group", "Slack -(wax OR baseball)", "slack -(wax OR baseball)"},
		{"exact", "=Банк", "=банк"},
		{"exact phrase", `="Альфа Банк"`, `="альфа банк"`},
		{"title word", "title:Slack", "title:slack"},
		{"title phrase", `title:"Альфа Банк"`, `title:"альфа банк"`},
		{"title exact", "title:=Slack", "title:=slack"},
		{"title group", "title:(Slack OR Teams)", "title:slack OR title:teams"},
		{"excluded title", "Slack -title:wax", "slack -title:wax"},
		{"site", "Slack site:Slack.com", "slack site:slack.com"},
		{"site with scheme and path", "Slack site:https://www.Example.com/Blog/", "slack site:www.example.com/blog"},
		{"site idn", "Банк site:банк.рф", "банк site:xn--80ab2al.xn--p1ai"},
		{"excluded site", "Slack -site:slack.com", "slack -site:slack.com"},
		{"near", "Slack NEAR/5 app", "slack NEAR/5 app"},
		{"near with or", "Slack NEAR/5 (app OR channel)", "slack NEAR/5 (app OR channel)"},
		{"or binds tighter than near", "Slack NEAR/5 app OR channel", "slack NEAR/5 (app OR channel)"},
		{"near chains left", "a NEAR/2 b NEAR/3 c", "a NEAR/2 b NEAR/3 c"},
		{"near right-nested needs brackets", "a NEAR/2 (b NEAR/3 c)", "a NEAR/2 (b NEAR/3 c)"},
		{"near binds tighter than and", "x a NEAR/1 b", "x a NEAR/1 b"},
		{"near inside or needs brackets", "(a NEAR/1 b) OR c", "(a NEAR/1 b) OR c"},
		{"lower-case or is a word", "Slack or Teams", "slack or teams"},
		{"punctuation words are ignored, a name keeps its symbol", "AT&T & Slack - app", `at&t slack app`},
		{"case folding and ё", "ЁЛКА Ёж", "елка еж"},
		{"spec example", `("Acme Bank" OR acmebank OR "Акме Банк") -вакансия -job`,
			`"acme bank" OR acmebank OR "акме банк" -вакансия -job`},
		{"double exclusion", "a --b", "a --b"},
		{"nested groups", "((a))", "a"},
		{"colon without value is punctuation", "Slack: review", "slack review"},
		{"numbers with colon are words", "10:30", `"10 30"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery(tc.query)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tc.query, err)
			}
			if got := q.String(); got != tc.want {
				t.Errorf("ParseQuery(%q).String() = %q, want %q", tc.query, got, tc.want)
			}
			q2, err := ParseQuery(q.String())
			if err != nil {
				t.Fatalf("re-parse %q: %v", q.String(), err)
			}
			if q2.String() != q.String() {
				t.Errorf("re-parse of %q printed %q", q.String(), q2.String())
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, query string
		col         int
		msg         string
	}{
		{"empty", "", 1, "empty query"},
		{"blank", "   ", 1, "empty query"},
		{"only punctuation", "& —", 1, "empty query"},
		{"unbalanced open paren", `"Acme Bank" (Slack OR Teams`, 13, `unbalanced "("`},
		{"unbalanced open paren column counts runes", `Сбербанк (карта`, 10, `unbalanced "("`},
		{"unbalanced close paren", "Slack OR Teams)", 15, `unbalanced ")"`},
		{"unbalanced quote", `Slack "slack wax`, 7, `unbalanced "\""`},
		{"unbalanced guillemet", `Slack «Альфа Банк`, 7, `unbalanced "«"`},
		{"empty group", "Slack ()", 7, `empty group "()"`},
		{"empty phrase", `Slack ""`, 7, "empty phrase"},
		{"dangling or at end", "Slack OR", 7, "dangling OR"},
		{"dangling or at start", "OR Slack", 1, "dangling OR"},
		{"double or", "Slack OR OR Teams", 7, "dangling OR"},
		{"dangling or before paren", "(Slack OR) Teams", 8, "dangling OR"},
		{"dangling pipe", "Slack |", 7, "dangling OR"},
		{"dangling and", "Slack AND", 7, "dangling AND"},
		{"near without number", "Slack NEAR/ app", 7, "needs a number"},
		{"near with letters", "Slack NEAR/x app", 7, "needs a number"},
		{"bare near", "Slack NEAR app", 7, "needs a number"},
		{"near too far", "Slack NEAR/5000 app", 7, "at most"},
		{"near without right side", "Slack NEAR/5", 7, "after it"},
		{"near without left side", "NEAR/5 Slack", 1, "before it"},
		{"near on exclusion", "Slack NEAR/5 -app", 7, "works on words"},
		{"near on and group", "Slack NEAR/5 (app store)", 7, "works on words"},
		{"unknown field", "Slack foo:bar", 7, `unknown field "foo:"`},
		{"unknown field mid query", `"Acme Bank" url:acme.com`, 13, `unknown field "url:"`},
		{"title without value", "title: Slack", 1, "title: needs"},
		{"title with exclusion", "title:-Slack", 1, "title: needs"},
		{"site without value", "Slack site:", 7, "site: needs"},
		{"bad site", "Slack site:exa..mple", 7, "site: needs a domain"},
		{"site inside title", "title:(Slack site:slack.com)", 14, "site: cannot be inside title:"},
		{"lone equals", "Slack = app", 7, `"=" needs`},
		{"equals before group", "=(Slack)", 1, `"=" needs`},
		{"only exclusions", "-wax -baseball", 1, "only excludes"},
		{"only excluded group", "-(wax OR baseball)", 1, "only excludes"},
		{"only site", "site:slack.com", 1, "only excludes"},
		{"or with exclusion only", "Slack OR -wax", 1, "only excludes"},
		{"minus before nothing", "Slack -)", 8, `unbalanced ")"`},
		{"minus then or", "Slack -OR app", 7, `nothing to exclude`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery(tc.query)
			if err == nil {
				t.Fatalf("ParseQuery(%q) = %q, want an error", tc.query, q.String())
			}
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %T %v is not a *QueryError", err, err)
			}
			if qe.Col != tc.col || !strings.Contains(qe.Msg, tc.msg) {
				t.Errorf("ParseQuery(%q) = col %d %q, want col %d containing %q", tc.query, qe.Col, qe.Msg, tc.col, tc.msg)
			}
			if want := "col "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want it to start with %q", err.Error(), want)
			}
		})
	}
}

func TestQueryErrorFormat(t *testing.T) {
	_, err := ParseQuery(`("Acme Bank" OR x) (Slack OR Teams`)
	if err == nil || err.Error() != `col 20: unbalanced "("` {
		t.Fatalf("got %v, want col 20: unbalanced \"(\"", err)
	}
}

func TestCompileErrors(t *testing.T) {
	brands := []Brand{
		{Name: "ok", Query: "Slack"},
		{Name: "bad1", Query: "Slack (app"},
		{Name: "ok2", Query: "Teams"},
		{Name: "bad2", Query: "-wax"},
	}
	m, err := Compile(brands)
	if err == nil {
		t.Fatalf("Compile = %v, want errors", m)
	}
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("error %T is not a *CompileError", err)
	}
	if len(ce.Errors) != 2 || ce.Errors[0].Brand != 1 || ce.Errors[1].Brand != 3 {
		t.Fatalf("errors = %+v, want brands 1 and 3", ce.Errors)
	}
	if ce.Errors[0].Col != 7 {
		t.Errorf("brand 1 col = %d, want 7", ce.Errors[0].Col)
	}
	want := `matchers: brands[1].query: col 7: unbalanced "("; brands[3].query: col 1: the query only excludes`
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
	}
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Brand != 1 {
		t.Errorf("errors.As(*QueryError) = %v, want the first bad brand", qe)
	}
}

// TestQueryNames: the names of a query are the words and phrases one of
// which every match contains.
func TestQueryNames(t *testing.T) {
	for _, c := range []struct {
		q    string
		want []string
	}{
		{`"Acme Bank" OR Acme`, []string{"acme bank", "acme"}},
		{`Сбербанк OR Сбер`, []string{"сбербанк", "сбер"}},
		{`Acme OR @acme_bank site:acme.example`, []string{"acme", "acme bank"}},
		{`Ozon AND (заказ OR доставка)`, nil},
		{`Ozon OR (Озон AND заказ)`, []string{"ozon"}},
		{`(Аэрофлот OR Aeroflot) -вакансии`, []string{"аэрофлот", "aeroflot"}},
	} {
		q, err := ParseQuery(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Names(); !slices.Equal(got, c.want) {
			t.Errorf("%s: names %q, want %q", c.q, got, c.want)
		}
	}
}
