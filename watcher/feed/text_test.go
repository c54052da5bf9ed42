package feed

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Just words", "Just words"},
		{"collapse", "  many   spaces\tand\ttabs  ", "many spaces and tabs"},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\nTwo."},
		{"br", "line one<br>line two<br/>line three", "line one\nline two\nline three"},
		{"blank lines folded", "a\n\n\n  \nb", "a\nb"},
		{"entities", "Fish &amp; chips &lt;3 &quot;ok&quot; &#8212; &#x41;", `Fish & chips <3 "ok" — A`},
		{"entities without markup", "AT&amp;T", "AT&T"},
		{"double escaped", "Company&amp;#39;s decision&amp;nbsp;...", "Company's decision ..."},
		{"double escaped inside html", "<b>Slack</b>&amp;nbsp;rocks", "Slack rocks"},
		{"bare ampersand kept", "Q&A, R&D and a & b", "Q&A, R&D and a & b"},
		{"script and style dropped", "<p>Hi<script>alert('x')</script><style>p{}</style></p>", "Hi"},
		{"inline tags", "a <b>bold</b> and <a href='/x'>link</a>", "a bold and link"},
		{"nbsp and zero width", "a\u00a0\u00a0b\u200bc", "a b c"},
		{"cyrillic", "<p>Служба&nbsp;поддержки</p>\n<p>не отвечает</p>", "Служба поддержки\nне отвечает"},
		{"list", "<ul><li>one</li><li>two</li></ul>", "one\ntwo"},
		{"comment", "a<!-- hidden -->b", "ab"},
		{"less than in text", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"empty", "", ""},
		{"only markup", "<p> </p><br>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSingleLine(t *testing.T) {
	if got := singleLine("<h1>Title</h1>\n<p>over lines</p>"); got != "Title over lines" {
		t.Errorf("singleLine = %q", got)
	}
}

func TestCollapseNoCopy(t *testing.T) {
	for _, s := range []string{"already clean", "line one\nline two", "кириллица без лишних пробелов"} {
		if got := collapse(s, true); got != s {
			t.Errorf("collapse(%q) = %q", s, got)
		}
		if !isCollapsed(s, true) {
			t.Errorf("isCollapsed(%q) = false", s)
		}
	}
	for _, s := range []string{" lead", "trail ", "two  spaces", "tab\there", "a\u00a0b", "\n"} {
		if isCollapsed(s, true) {
			t.Errorf("isCollapsed(%q) = true", s)
		}
	}
	if isCollapsed("a\nb", false) {
		t.Errorf("a newline is a change for a single line")
	}
}
