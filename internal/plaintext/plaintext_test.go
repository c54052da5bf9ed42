package plaintext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The cases of the three converters this package replaces (the feed
// reader's, the matchers' and the scraper's), with one answer each.
func TestFromHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Just words", "Just words"},
		{"empty", "", ""},
		{"only markup", "<p> </p><br>", ""},
		{"collapse", "  many   spaces\tand\ttabs  ", "many spaces and tabs"},
		{"spaces collapsed, lines kept", "  a \t b  \n\n\n c  ", "a b\nc"},
		{"blank lines folded", "a\n\n\n  \nb", "a\nb"},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\nTwo."},
		{"br", "line one<br>line two<br/>line three", "line one\nline two\nline three"},
		{"block tags break lines", "<p>One</p><p>Two<br>Three</p><ul><li>a</li><li>b</li></ul>", "One\nTwo\nThree\na\nb"},
		{"list", "<ul><li>one</li><li>two</li></ul>", "one\ntwo"},
		{"table cells separate words, rows lines", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", "a b\nc"},
		{"image separates words", "I love<img src=heart.png>Slack", "I love Slack"},
		{"inline tags", "a <b>bold</b> and <a href='/x'>link</a>", "a bold and link"},
		{"inline tags, two", "I <b>love</b> <i>Slack</i>", "I love Slack"},
		{"inline tag inside a word", "<b>Сбер</b>банк", "Сбербанк"},
		{"comment", "a<!-- hidden -->b", "ab"},
		{"line breaks in HTML are spaces", "<p>hard\nwrapped\r\nparagraph</p>\n<p>two</p>", "hard wrapped paragraph\ntwo"},
		{"line breaks in HTML are spaces, inline only", "<span>Company:</span>\n  <span><a href=x>Google</a></span>", "Company: Google"},
		{"line breaks in pre are kept", "<p>code:</p><pre>a = 1\nb = 2</pre>", "code:\na = 1\nb = 2"},
		{"line breaks in text without markup are kept", "one\ntwo &amp; three\nfour", "one\ntwo & three\nfour"},
		{"a less-than is no markup", "1 < 2\n3 > 2", "1 < 2\n3 > 2"},
		{"line breaks in escaped HTML are spaces", "&lt;p&gt;hard\nwrapped&lt;/p&gt;&lt;p&gt;two&lt;/p&gt;", "hard wrapped\ntwo"},
		{"line breaks around escaped code are kept", "List&lt;String&gt;\nnext", "List<String>\nnext"},
		{"script and style dropped", "<p>Hi<script>alert('x')</script><style>p{}</style></p>", "Hi"},
		{"script with markup inside dropped", "a<script>var x = '<b>';</script>b<style>p{}</style>c", "abc"},
		{"iframe, svg and select dropped", "a<iframe>no</iframe>b<svg><text>no</text></svg>c<select><option>no</option></select>d", "abcd"},
		{"cyrillic", "<p>Служба&nbsp;поддержки</p>\n<p>не отвечает</p>", "Служба поддержки\nне отвечает"},

		// Entities, and the depth they are decoded to.
		{"entities", "Fish &amp; chips &lt;3 &quot;ok&quot; &#8212; &#x41;", `Fish & chips <3 "ok" — A`},
		{"entities, named", "Tom &amp; Jerry&nbsp;&mdash; &laquo;Альфа&raquo; &#39;x&#x27;", "Tom & Jerry — «Альфа» 'x'"},
		{"entities without markup", "AT&amp;T", "AT&T"},
		{"double escaped", "Company&amp;#39;s decision&amp;nbsp;...", "Company's decision ..."},
		{"double escaped, two", "Company&amp;#39;s decision via&amp;nbsp;...", "Company's decision via ..."},
		{"double escaped inside html", "<b>Slack</b>&amp;nbsp;rocks", "Slack rocks"},
		{"escaped markup", "&lt;b&gt;Slack&lt;/b&gt; Stock", "Slack Stock"},
		{"double escaped markup", "&amp;lt;b&amp;gt;Slack&amp;lt;/b&amp;gt;", "Slack"},
		{"triple escaped markup", "&amp;amp;lt;b&amp;amp;gt;Slack&amp;amp;lt;/b&amp;amp;gt;", "Slack"},
		{"four layers: the last one stays", "&amp;amp;amp;amp;lt;", "&lt;"},
		{"escaped code that is not HTML stays", "List&lt;String&gt; and Unmanaged&lt;AnyObject&gt;!", "List<String> and Unmanaged<AnyObject>!"},
		{"escaped config stays", "&lt;IfModule mod_rewrite.c&gt;<br>RewriteEngine On<br>&lt;/IfModule&gt;", "<IfModule mod_rewrite.c>\nRewriteEngine On\n</IfModule>"},
		{"escaped HTML in a code sample is markup", "the &lt;body&gt; tag", "the tag"},
		{"unknown tags in HTML itself are markup", "a<o:p>b</o:p><custom-el>c</custom-el>", "abc"},
		{"escaped less-than that starts no tag", "I &lt;3 Slack &amp;&amp; 1 &lt; 2", "I <3 Slack && 1 < 2"},
		{"bare ampersand kept", "Q&A, R&D and a & b", "Q&A, R&D and a & b"},
		{"ampersand that is not an entity", "AT&T and R&D", "AT&T and R&D"},
		{"less than in text", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"less-than in text, two", "5 < 6 and 7 > 3", "5 < 6 and 7 > 3"},

		// Characters.
		{"nbsp and zero width", "a\u00a0\u00a0b\u200bc", "a bc"},
		{"no-break space", "a\u00a0b", "a b"},
		{"soft hyphen and zero width removed", "Сбер\u00adбанк Sl\u200back\u2060", "Сбербанк Slack"},
		{"format characters dropped", "\u202aStephen King\u202c zero\u200bwidth\u2060 soft\u00adhyphen \ufeffbom", "Stephen King zerowidth softhyphen bom"},
		{"control characters", "a\x00b\x07c", "a bc"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
		{"carriage returns and separators end lines", "a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\ne"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromHTML(tt.in); got != tt.want {
				t.Errorf("FromHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLineFromHTML(t *testing.T) {
	for in, want := range map[string]string{
		"<h1>Title</h1>\n<p>over lines</p>": "Title over lines",
		"  &lt;b&gt;Slack&lt;/b&gt;  news ": "Slack news",
		"a\r\nb":                            "a b",
	} {
		if got := LineFromHTML(in); got != want {
			t.Errorf("LineFromHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTidy(t *testing.T) {
	for in, want := range map[string]string{
		"  one\t two \n\n three  ": "one two\nthree",
		"a &lt; b":                 "a &lt; b", // no decoding
		"\u00a0\u200b":             "",
	} {
		if got := Tidy(in); got != want {
			t.Errorf("Tidy(%q) = %q, want %q", in, got, want)
		}
	}
	if got := TidyLine("one\ntwo  three\r\n"); got != "one two three" {
		t.Errorf("TidyLine = %q", got)
	}
}

// Tidy returns its argument when there is nothing to do, and isTidy
// agrees with the rebuild.
func TestTidyNoCopy(t *testing.T) {
	for _, s := range []string{"already clean", "line one\nline two", "кириллица без лишних пробелов", "", "U+FFFD \ufffd as such"} {
		if got := Tidy(s); got != s {
			t.Errorf("Tidy(%q) = %q", s, got)
		}
		if !isTidy(s, true) && s != "U+FFFD \ufffd as such" {
			t.Errorf("isTidy(%q) = false", s)
		}
	}
	for _, s := range []string{" lead", "trail ", "two  spaces", "tab\there", "a\u00a0b", "\n", "a\n\nb", "a \nb", "soft\u00adhyphen", "bad\xff", "nul\x00"} {
		if isTidy(s, true) {
			t.Errorf("isTidy(%q) = true", s)
		}
	}
	if isTidy("a\nb", false) {
		t.Errorf("a newline is a change for a single line")
	}
}

func TestHasMarkup(t *testing.T) {
	if HasMarkup("plain text") || !HasMarkup("a &amp; b") || !HasMarkup("<b>x</b>") {
		t.Error("HasMarkup")
	}
}

func FuzzFromHTML(f *testing.F) {
	for _, s := range []string{
		"<p>One.</p><p>Two.</p>", "&amp;lt;b&amp;gt;Slack&amp;lt;/b&amp;gt;", "Company&amp;#39;s", "a<script>x</script>b",
		"a\u00a0\u200bb", "a\xffb", "<table><tr><td>a</td></tr></table>", "<svg", "&lt;", "\r\n\u2028",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{true, false} {
			var out string
			if keep {
				out = FromHTML(s)
			} else {
				out = LineFromHTML(s)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%q: invalid UTF-8 %q", s, out)
			}
			if out != strings.TrimSpace(out) || strings.Contains(out, "  ") || strings.Contains(out, "\n\n") || strings.Contains(out, " \n") || strings.Contains(out, "\n ") {
				t.Fatalf("%q: untidy %q", s, out)
			}
			if !keep && strings.Contains(out, "\n") {
				t.Fatalf("%q: a line break in one line: %q", s, out)
			}
			if tidy(out, keep) != out {
				t.Fatalf("%q: tidy changes %q", s, out)
			}
		}
		for _, keep := range []bool{true, false} {
			if isTidy(s, keep) && rebuild(s, keep) != s {
				t.Fatalf("isTidy(%q) but the rebuild is %q", s, rebuild(s, keep))
			}
		}
	})
}
