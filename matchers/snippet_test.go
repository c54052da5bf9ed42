package matchers

import (
	"html"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// filler returns n distinct sentences that mention no brand.
func filler(n int, ru bool) string {
	en := []string{"The weather was calm all week.", "Prices at the market went up again.", "Our team met on Monday to plan the release.",
		"Nobody expected the road to close so early.", "The library opens at nine on weekdays.", "A new bakery opened near the station."}
	rus := []string{"Погода всю неделю была спокойной.", "Цены на рынке снова выросли.", "Команда встретилась в понедельник.",
		"Никто не ждал, что дорогу закроют так рано.", "Библиотека открывается в девять.", "У вокзала открылась новая пекарня."}
	src := en
	if ru {
		src = rus
	}
	var b []string
	for i := 0; i < n; i++ {
		b = append(b, src[i%len(src)])
	}
	return strings.Join(b, " ")
}

func checkSnippet(t *testing.T, s model.Snippet) {
	t.Helper()
	if !utf8.ValidString(s.Text) {
		t.Fatalf("snippet is not UTF-8: %q", s.Text)
	}
	prev := 0
	for _, m := range s.Marks {
		if m[0] < prev || m[1] <= m[0] || m[1] > len(s.Text) {
			t.Fatalf("bad marks %v in %q", s.Marks, s.Text)
		}
		prev = m[1]
	}
}

func TestSnippetAroundMatch(t *testing.T) {
	text := filler(8, true) + " Вчера я пришёл в отделение Сбербанка, и там мне заблокировали карту без объяснений. " + filler(8, true)
	mt, ok := matchOne(t, Brand{Query: "Сбербанк"}, Doc{Text: text})
	if !ok {
		t.Fatal("no match")
	}
	s := mt.Snippet
	checkSnippet(t, s)
	if n := utf8.RuneCountInString(s.Text); n < 150 || n > snippetRunes+snippetSlack+2 {
		t.Errorf("snippet has %d runes: %q", n, s.Text)
	}
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") {
		t.Errorf("snippet cut on both sides lacks ellipses: %q", s.Text)
	}
	// Cut at sentence boundaries: starts with a capital, ends with a full stop.
	body := strings.TrimSuffix(strings.TrimPrefix(s.Text, "…"), "…")
	if r, _ := utf8.DecodeRuneInString(body); !unicode.IsUpper(r) {
		t.Errorf("snippet does not start a sentence: %q", s.Text)
	}
	if !strings.HasSuffix(body, ".") {
		t.Errorf("snippet does not end a sentence: %q", s.Text)
	}
	if !strings.Contains(text, body) {
		t.Errorf("snippet body %q is not a piece of the text", body)
	}
	if len(s.Marks) != 1 || s.Text[s.Marks[0][0]:s.Marks[0][1]] != "Сбербанка" {
		t.Errorf("marks %v in %q, want one on Сбербанка", s.Marks, s.Text)
	}
	if got := s.Markdown(); !strings.Contains(got, "**Сбербанка**") {
		t.Errorf("Markdown() = %q", got)
	}
}

func TestSnippetDensestCluster(t *testing.T) {
	text := "Slack was mentioned once here. " + filler(10, false) +
		" Later Slack shipped a new Slack app, and the Slack channel list got faster. " + filler(10, false)
	mt, ok := matchOne(t, Brand{Query: "Slack OR app OR channel"}, Doc{Text: text})
	if !ok {
		t.Fatal("no match")
	}
	checkSnippet(t, mt.Snippet)
	if len(mt.Snippet.Marks) != 5 {
		t.Errorf("snippet %q marks %v, want the cluster of 5", mt.Snippet.Text, mt.Snippet.Marks)
	}
	if strings.Contains(mt.Snippet.Text, "mentioned once") {
		t.Errorf("snippet %q is around the lone mention", mt.Snippet.Text)
	}
}

func TestSnippetWordBoundaries(t *testing.T) {
	// One long sentence: no sentence boundary near, so cut between words.
	var ws []string
	for i := 0; i < 120; i++ {
		ws = append(ws, []string{"alpha", "beta", "gamma", "delta"}[i%4]+strings.Repeat("x", i%3))
	}
	ws[60] = "Slack"
	text := strings.Join(ws, " ")
	mt, ok := matchOne(t, Brand{Query: "Slack"}, Doc{Text: text})
	if !ok {
		t.Fatal("no match")
	}
	s := mt.Snippet
	checkSnippet(t, s)
	body := strings.TrimSuffix(strings.TrimPrefix(s.Text, "…"), "…")
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") {
		t.Fatalf("snippet %q lacks ellipses", s.Text)
	}
	if !strings.Contains(" "+text+" ", " "+body+" ") {
		t.Errorf("snippet %q does not start and end at word boundaries", s.Text)
	}
	if n := utf8.RuneCountInString(body); n < 170 || n > snippetRunes+2 {
		t.Errorf("snippet body has %d runes", n)
	}
}

func TestSnippetShortTextWhole(t *testing.T) {
	mt, ok := matchOne(t, Brand{Query: "Slack"}, Doc{Text: "  We  moved\n\nto Slack.  "})
	if !ok {
		t.Fatal("no match")
	}
	if got, want := mt.Snippet.Markdown(), "We moved to **Slack**."; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
}

func TestSnippetTitleOnly(t *testing.T) {
	mt, ok := matchOne(t, Brand{Query: "title:Slack"}, Doc{Title: "Slack outage today", Text: "Messages were delayed. Slack said nothing."})
	if !ok {
		t.Fatal("no match")
	}
	if got, want := mt.Snippet.Markdown(), "**Slack** outage today"; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	mt, ok = matchOne(t, Brand{Query: "Slack"}, Doc{Title: "Slack outage today", Text: "Messages were delayed. Slack said nothing."})
	if !ok {
		t.Fatal("no match")
	}
	if got, want := mt.Snippet.Markdown(), "Messages were delayed. **Slack** said nothing."; got != want {
		t.Errorf("snippet = %q, want %q (the text, which matched too)", got, want)
	}
	if got, want := mt.Matched, []string{"slack"}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("Matched = %q, want %q", got, want)
	}
}

// TestRenderSnippets: a snippet renders with its marks around the matched
// words and everything else escaped, also after entities were decoded.
func TestRenderSnippets(t *testing.T) {
	s := model.Snippet{Text: "A & B <x> Slack's *app*", Marks: [][2]int{{10, 17}}}
	if got, want := s.Render("<b>", "</b>", html.EscapeString), "A &amp; B &lt;x&gt; <b>Slack&#39;s</b> *app*"; got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	mt, ok := matchOne(t, Brand{Query: "Сбербанк"}, Doc{Text: "<p>Вклад в &laquo;Сбербанке&raquo; &amp; ничего</p>"})
	if !ok {
		t.Fatal("no match")
	}
	if got, want := mt.Snippet.Render("<b>", "</b>", html.EscapeString), "Вклад в «<b>Сбербанке</b>» &amp; ничего"; got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	if got, want := mt.Snippet.Markdown(), "Вклад в «**Сбербанке**» & ничего"; got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
}
