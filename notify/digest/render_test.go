package digest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d (run go test -update if intended)", name, len(gl), len(wl))
	}
}

func TestGolden(t *testing.T) {
	d := buildFixture(t, []string{"Acme Bank", "Beta Pay"}, fixtureConfig())
	golden(t, "digest.txt", []byte(d.Text()))
	golden(t, "digest.html", []byte(d.HTML()))
	e := fixtureConfig().Email
	raw, err := d.Message(e.From, e.To, fixtureEnd).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "digest.eml", raw)

	empty := buildFixture(t, []string{"Acme Bank"}, fixtureConfig())
	empty.Brands[0] = Brand{Name: "Acme Bank", PrevTotal: 3, PrevNegative: 2, Days: empty.Brands[0].Days}
	golden(t, "empty.txt", []byte(empty.Text()))
}

// parseHTML parses the HTML part and returns its elements in document
// order.
func parseHTML(t *testing.T, s string) []*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// TestHTMLForMailClients checks what Gmail and Outlook need: tables for
// layout, inline styles only, no scripts, images or external resources,
// working links, bars that are cells with a colour and a width.
func TestHTMLForMailClients(t *testing.T) {
	d := buildFixture(t, []string{"Acme Bank", "Beta Pay"}, fixtureConfig())
	els := parseHTML(t, d.HTML())

	anchors := map[string]bool{}
	for _, n := range els {
		if id, ok := attr(n, "id"); ok {
			anchors[id] = true
		}
	}
	var hrefs, bold []string
	bars := 0
	for _, n := range els {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Link, atom.Img, atom.Iframe, atom.Form, atom.Svg, atom.Video:
			t.Errorf("<%s> in the HTML part", n.Data)
		case atom.A:
			if h, ok := attr(n, "href"); ok {
				hrefs = append(hrefs, h)
				if strings.HasPrefix(h, "#") && !anchors[h[1:]] {
					t.Errorf("link to missing anchor %s", h)
				}
				if !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
					t.Errorf("link %q", h)
				}
			}
		case atom.B:
			bold = append(bold, text(n))
		case atom.Table:
			if _, ok := attr(n, "cellpadding"); !ok {
				t.Errorf("table without cellpadding (Outlook adds its own)")
			}
		case atom.Td:
			if bg, ok := attr(n, "bgcolor"); ok {
				w, ok := attr(n, "width")
				style, _ := attr(n, "style")
				if !ok || !strings.Contains(style, "width:"+w+"px") || !strings.Contains(style, "background-color:"+bg) {
					t.Errorf("bar cell bgcolor=%s width=%s style=%q", bg, w, style)
				}
				bars++
			}
		}
		if _, ok := attr(n, "class"); ok {
			t.Errorf("<%s class>: Gmail drops classes without a <style>; styles must be inline", n.Data)
		}
	}
	// 8 days of Acme Bank: 2 days with both parts, 6 with one; Beta Pay:
	// 2 days with one part each.
	if bars != 2*2+6+2 {
		t.Errorf("%d bar cells, want 12", bars)
	}
	for _, b := range d.Brands {
		for _, s := range append(b.Sections, b.CarriedOver) {
			for _, m := range s.Mentions {
				if !slices.Contains(hrefs, m.URL) {
					t.Errorf("no link to %s", m.URL)
				}
			}
		}
	}
	for _, w := range []string{"Акме Банк", "Acme Bank", "Акме банк", "Акме Банка", "@acmebank", "Beta Pay"} {
		if w == "@acmebank" { // 4th negative: not listed with top 3
			if slices.Contains(bold, w) {
				t.Errorf("%q is bold but its mention is not listed", w)
			}
			continue
		}
		if !slices.Contains(bold, w) {
			t.Errorf("matched words %q not bold; bold: %q", w, bold)
		}
	}
	all := text(els[0])
	for _, want := range []string{"▼ negative", "▲ positive", "● neutral", "CRITICAL", "Still unhandled from earlier", "… and 1 more", "+333%"} {
		if !strings.Contains(all, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	st := openStore(t)
	evil := []fixtureMention{{
		brand: "Acme Bank", source: "Evil <b>feed</b>", sourceType: model.SourceFeed,
		url: "javascript:alert(1)", title: `<script>alert("t")</script> & Acme`, author: `"><img src=x onerror=alert(1)>`,
		text: `<img src=x onerror=alert(2)> Acme Bank <i>is</i> & "fine"`, marks: []string{"Acme Bank"},
		before: 1, lang: "en", sentiment: model.Negative, severity: model.SeverityCritical, negativity: 0.9, importance: 0.9,
	}}
	fill(t, st, evil, fixtureEnd)
	d, err := Build(context.Background(), st, []string{"Acme Bank"}, fixtureConfig(), fixtureEnd, 0, moscow)
	if err != nil {
		t.Fatal(err)
	}
	out := d.HTML()
	for _, n := range parseHTML(t, out) {
		switch n.DataAtom {
		case atom.Script, atom.Img, atom.I:
			t.Errorf("<%s> from mention text got into the HTML", n.Data)
		case atom.A:
			// Only http(s) links and the digest's own anchors: the title of
			// a mention whose URL is not one stays plain text.
			if h, ok := attr(n, "href"); ok && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") &&
				!strings.HasPrefix(h, "#brand-") {
				t.Errorf("href %q", h)
			}
		case atom.B:
			if text(n) != "Acme Bank" && text(n) != "" {
				t.Errorf("bold %q", text(n))
			}
		}
	}
	if !strings.Contains(out, "&lt;script&gt;") || !strings.Contains(out, "&lt;img src=x") {
		t.Error("mention text not escaped")
	}
	if !strings.Contains(d.Text(), `<script>alert("t")</script> & Acme`) {
		t.Error("the text part should carry the title as is")
	}
}

// TestDigestOverSMTP sends the digest through a real SMTP server on
// loopback (STARTTLS, AUTH PLAIN) and checks what arrives.
func TestDigestOverSMTP(t *testing.T) {
	srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.StartTLS, Username: "mw", Password: "pw-Секрет"})
	cfg := fixtureConfig()
	cfg.Email.SMTP = srv.SMTP()
	d := buildFixture(t, []string{"Acme Bank", "Beta Pay"}, cfg)
	if err := EmailSender(*cfg.Email)(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || !msgs[0].TLS || msgs[0].AuthUser != "mw" {
		t.Fatalf("received %+v", msgs)
	}
	p, err := emailtest.Parse(msgs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "mentionwatch: 2 brands — 15 mentions, 5 negative (week 47)"; p.Subject != want {
		t.Errorf("subject %q, want %q", p.Subject, want)
	}
	if p.Type != "multipart/alternative" || len(p.Parts) != 2 {
		t.Fatalf("type %s with %d parts", p.Type, len(p.Parts))
	}
	if p.Text != d.Text() || p.HTML != d.HTML() {
		t.Error("received parts differ from the rendered digest")
	}
	for _, want := range []string{"*Акме Банк* заблокировал карту", "https://forum.banki.example/viewtopic.php?t=48213&p=1", "[negative, CRITICAL]"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text part lacks %q", want)
		}
	}
	for _, want := range []string{"<b>Акме Банк</b> заблокировал карту", `href="https://forum.banki.example/viewtopic.php?t=48213&amp;p=1"`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML part lacks %q", want)
		}
	}
	if id := p.Header.Get("Message-Id"); id != "<mentionwatch.digest.20261123T060000Z@acme.example>" {
		t.Errorf("Message-ID %q", id)
	}
}
