package alert

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

func TestRedact(t *testing.T) {
	hook := "https://hooks.slack.com/services/T0000/B0000/XXXXSECRETHOOKPATH"
	for _, tc := range []struct{ in, want string }{
		{"post " + hook + ": refused", "post [redacted]: refused"},
		{"Internal error at /services/T0000/B0000/XXXXSECRETHOOKPATH", "Internal error at [redacted]"},
		{"bad hook XXXXSECRETHOOKPATH", "bad hook [redacted]"},
		{"escaped " + url.QueryEscape(hook), "escaped [redacted]"},
		{"nothing secret", "nothing secret"},
	} {
		if got := Redact(tc.in, hook, ""); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	q := "https://api.example/hook?token=QUERYSECRETVALUE&x=1"
	if got := Redact("echo token=QUERYSECRETVALUE&x=1", q); strings.Contains(got, "QUERYSECRET") {
		t.Errorf("query leaked: %q", got)
	}
}

func TestTransportError(t *testing.T) {
	inner := &url.Error{Op: "Post", URL: "https://hooks.example/services/SECRETPATHSEGMENT", Err: context.DeadlineExceeded}
	e := TransportError("slack: webhook", inner, "https://hooks.example/services/SECRETPATHSEGMENT")
	if strings.Contains(e.Error(), "SECRET") {
		t.Errorf("leaked: %v", e)
	}
	if !e.Uncertain || !Temporary(e) || !errors.Is(e, context.DeadlineExceeded) {
		t.Errorf("error %+v", e)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
	}{
		{"30", 30 * time.Second}, {"", 0}, {"-1", 0}, {"soon", 0},
		{"Fri, 20 Nov 2026 10:02:00 GMT", 2 * time.Minute},
		{"Fri, 20 Nov 2026 09:00:00 GMT", 0},
	} {
		if got := ParseRetryAfter(tc.h, now); got != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

func TestRetryStatus(t *testing.T) {
	for code, want := range map[int]bool{500: true, 502: true, 503: true, 429: true, 408: true, 400: false, 401: false, 403: false, 404: false, 410: false} {
		if got := RetryStatus(code); got != want {
			t.Errorf("RetryStatus(%d) = %v", code, got)
		}
	}
}

func TestCleanSnippet(t *testing.T) {
	text := "Акме  Банк\n\tзаблокировал   карту, говорит  Иван"
	a := strings.Index(text, "Акме")
	b := strings.Index(text, "карту")
	sn := model.Snippet{Text: text, Marks: [][2]int{{a, strings.Index(text, "\n")}, {b, b + len("карту")}}}
	for _, tc := range []struct {
		n    int
		want string
	}{
		{1000, "[Акме Банк] заблокировал [карту], говорит Иван"},
		{20, "[Акме Банк]…"},
		{30, "[Акме Банк] заблокировал [карту],…"},
	} {
		got := CleanSnippet(sn, tc.n).Render("[", "]", nil)
		if got != tc.want {
			t.Errorf("CleanSnippet(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func FuzzCleanSnippet(f *testing.F) {
	f.Add("Акме  Банк\n\tзаблокировал карту", 0, 9, 5)
	f.Add("a b", 0, 1, 100)
	f.Fuzz(func(t *testing.T, text string, s, e, n int) {
		sn := model.Snippet{Text: text, Marks: [][2]int{{s, e}}}
		n %= 500
		out := CleanSnippet(sn, n)
		for _, m := range out.Marks {
			if m[0] < 0 || m[1] > len(out.Text) || m[0] >= m[1] {
				t.Fatalf("bad mark %v in %q", m, out.Text)
			}
		}
		_ = out.Render("*", "*", nil)
		if !utf8.ValidString(out.Text) {
			t.Fatalf("invalid UTF-8 %q", out.Text)
		}
		// At most n runes, and the ellipsis that says it was cut.
		if n >= 0 && utf8.RuneCountInString(out.Text) > n+1 {
			t.Fatalf("CleanSnippet(%d) = %q: %d runes", n, out.Text, utf8.RuneCountInString(out.Text))
		}
		if strings.TrimSpace(out.Text) != out.Text || strings.Contains(out.Text, "  ") ||
			strings.ContainsFunc(out.Text, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) {
			t.Fatalf("whitespace not folded in %q", out.Text)
		}
		// Uncut, cleaning is idempotent.
		whole := CleanSnippet(sn, -1)
		if again := CleanSnippet(whole, -1); !reflect.DeepEqual(again, whole) {
			t.Fatalf("not idempotent: %+v then %+v", whole, again)
		}
	})
}

func TestSortItems(t *testing.T) {
	mk := func(id int64, sev string, neg float64) Item {
		return Item{Mention: model.Mention{ID: id, Severity: sev, Negativity: neg}}
	}
	items := []Item{mk(1, "info", 0.9), mk(2, "critical", 0.5), mk(3, "warning", 0.7), mk(4, "critical", 0.8)}
	SortItems(items)
	var ids []string
	for _, it := range items {
		ids = append(ids, fmt.Sprint(it.Mention.ID))
	}
	if got := strings.Join(ids, ","); got != "4,2,3,1" {
		t.Errorf("order %s", got)
	}
}

func TestFormatPeriod(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	h := Period{Start: time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)}
	if got := FormatPeriod(h, msk); got != "20 Nov 2026 10:00–11:00 MSK" {
		t.Errorf("hour: %q", got)
	}
	d := Period{Start: time.Date(2026, 11, 20, 0, 0, 0, 0, msk), End: time.Date(2026, 11, 21, 0, 0, 0, 0, msk)}
	if got := FormatPeriod(d, msk); got != "20 Nov 2026" {
		t.Errorf("day: %q", got)
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain text, «кавычки» and 'quotes' \"stay\"", "plain text, «кавычки» and 'quotes' \"stay\""},
		{"A & B <b>x</b>", "A &amp; B &lt;b&gt;x&lt;/b&gt;"},
		{"already &amp; escaped", "already &amp;amp; escaped"},
		{"<https://x.example/?a=1&b=2|link>", "&lt;https://x.example/?a=1&amp;b=2|link&gt;"},
		{"*bold* _it_ `code`", "*bold* _it_ `code`"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanSnippetInvalidUTF8(t *testing.T) {
	// A byte that is no UTF-8 (a page decoded with the wrong charset)
	// is one replacement character, also at the very end; the mark after
	// it stays on its word.
	text := "\xd0 банк \xff  блок \xd0"
	b := strings.Index(text, "блок")
	sn := model.Snippet{Text: text, Marks: [][2]int{{b, b + len("блок")}}}
	got := CleanSnippet(sn, 100).Render("[", "]", nil)
	if want := "\ufffd банк \ufffd [блок] \ufffd"; got != want {
		t.Errorf("CleanSnippet = %q, want %q", got, want)
	}
}
