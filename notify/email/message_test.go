package email

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

func sampleMessage() Message {
	return Message{
		From:    "mentionwatch <mentionwatch@acme.example>",
		To:      []string{"pr@acme.example", "Анна <anna@acme.example>"},
		Subject: "mentionwatch: Акме Банк — 42 mentions, 7 negative (week 47)",
		Text: "Акме Банк: 42 mentions\n\n[negative] Клиенты жалуются на *Акме Банк*\n" +
			strings.Repeat("очень длинная строка без переносов ", 12) + "\n",
		HTML: `<!DOCTYPE html><html><body><table><tr><td>` +
			`<a href="https://forum.example/t/1?a=1&amp;b=2">Клиенты жалуются</a> на <b>Акме Банк</b>` +
			`</td></tr></table></body></html>`,
		Date:      time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("MSK", 3*3600)),
		MessageID: "mentionwatch-digest-20261123T060000Z@acme.example",
	}
}

func TestMessageBytes(t *testing.T) {
	m := sampleMessage()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p, err := emailtest.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"subject", p.Subject, m.Subject},
		{"type", p.Type, "multipart/alternative"},
		{"text", p.Text, m.Text},
		{"html", p.HTML, m.HTML},
		{"message-id", p.Header.Get("Message-Id"), "<" + m.MessageID + ">"},
		{"auto-submitted", p.Header.Get("Auto-Submitted"), "auto-generated"},
		{"mime-version", p.Header.Get("Mime-Version"), "1.0"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	date, err := p.Header.Date()
	if err != nil || !date.Equal(m.Date) {
		t.Errorf("date = %v (%v), want %v", date, err, m.Date)
	}
	to, err := p.Header.AddressList("To")
	if err != nil || len(to) != 2 || to[1].Name != "Анна" || to[1].Address != "anna@acme.example" {
		t.Errorf("to = %v, %v", to, err)
	}
	if len(p.Parts) != 2 || p.Parts[0].Type != "text/plain" || p.Parts[1].Type != "text/html" {
		t.Fatalf("parts: %+v (want text/plain then text/html: the last part is the preferred one)", p.Parts)
	}
	for _, part := range p.Parts {
		if !strings.EqualFold(part.Charset, "utf-8") || part.Encoding != "quoted-printable" {
			t.Errorf("%s part: charset %q, encoding %q", part.Type, part.Charset, part.Encoding)
		}
	}
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d bytes long: %q", i+1, len(line), line)
		}
		if strings.Contains(line, "\n") {
			t.Errorf("line %d ends in a bare LF", i+1)
		}
	}
	again, _ := m.Bytes()
	if !bytes.Equal(raw, again) {
		t.Error("the same message gave different bytes")
	}
}

func TestMessageTextOnly(t *testing.T) {
	m := sampleMessage()
	m.HTML = ""
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p, err := emailtest.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Type != "text/plain" || p.Text != m.Text || p.HTML != "" {
		t.Fatalf("text-only message: type %q, text %q, html %q", p.Type, p.Text, p.HTML)
	}
}

func TestMessageGeneratedID(t *testing.T) {
	m := sampleMessage()
	m.MessageID = ""
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := emailtest.Parse(raw)
	if id := p.Header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.Contains(id, "@") {
		t.Fatalf("generated Message-ID %q", id)
	}
}

func TestMessageErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Message)
		want string
	}{
		{"no recipients", func(m *Message) { m.To = nil }, "no recipients"},
		{"bad sender", func(m *Message) { m.From = "not an address" }, "email: from"},
		{"bad recipient", func(m *Message) { m.To = []string{"pr@"} }, "email: to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := sampleMessage()
			tc.edit(&m)
			_, err := m.Bytes()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzMessageRoundTrip builds messages from arbitrary text and checks that
// a standard MIME parser gets back the same subject and parts.
func FuzzMessageRoundTrip(f *testing.F) {
	m := sampleMessage()
	f.Add(m.Subject, m.Text, m.HTML)
	f.Add("week 47", "plain\r\nCRLF text\n.\n..\nFrom me\n", "<p>=3D =\r\n</p>")
	f.Add("Отчёт за неделю — 👍", "  leading spaces and trailing \t\n", "")
	f.Add(strings.Repeat("длинная тема ", 20), strings.Repeat("x", 2000), strings.Repeat("<b>ж</b>", 300))
	f.Fuzz(func(t *testing.T, subject, text, html string) {
		if !utf8.ValidString(subject) || !utf8.ValidString(text) || !utf8.ValidString(html) {
			t.Skip()
		}
		if strings.ContainsAny(subject, "\r\n") || strings.ContainsRune(text+html, 0) || strings.ContainsRune(text+html, '\r') {
			t.Skip()
		}
		m := Message{From: "a@b.example", To: []string{"c@d.example"}, Subject: subject, Text: text, HTML: html,
			Date: time.Unix(1_800_000_000, 0)}
		raw, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		p, err := emailtest.Parse(raw)
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, raw)
		}
		if strings.TrimSpace(p.Subject) != strings.TrimSpace(subject) {
			t.Errorf("subject %q, want %q", p.Subject, subject)
		}
		if p.Text != text {
			t.Errorf("text %q, want %q", p.Text, text)
		}
		if p.HTML != html {
			t.Errorf("html %q, want %q", p.HTML, html)
		}
	})
}
