// Package email builds MIME e-mail messages (multipart/alternative, plain
// text and HTML) and sends them over SMTP with go-mail: plain, STARTTLS or
// implicit TLS, with authentication. Building the bytes is separate from
// sending them, so a dry run prints exactly what would be sent.
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Message is one e-mail with a plain-text and an HTML part.
type Message struct {
	From    string   // sender address, e.g. "mentionwatch@acme.example" or "Name <addr>"
	To      []string // recipients
	Subject string
	Text    string // text/plain part
	HTML    string // text/html part; empty sends a text-only message
	Date    time.Time
	// MessageID is the Message-ID without angle brackets. Empty generates
	// a random one. A stable ID lets mail clients recognise a message
	// sent again after a failure as the same message.
	MessageID string
}

// userAgent names the sending program in the User-Agent header.
const userAgent = "mentionwatch"

// msg converts m into a go-mail message. The MIME boundary is derived from
// the content, so the same message always has the same bytes.
func (m Message) msg() (*mail.Msg, error) {
	if len(m.To) == 0 {
		return nil, fmt.Errorf("email: no recipients")
	}
	g := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := g.From(m.From); err != nil {
		return nil, fmt.Errorf("email: from %q: %w", m.From, err)
	}
	if err := g.To(m.To...); err != nil {
		return nil, fmt.Errorf("email: to %q: %w", m.To, err)
	}
	g.Subject(m.Subject)
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	g.SetDateWithValue(date)
	if m.MessageID != "" {
		g.SetMessageIDWithValue(strings.Trim(m.MessageID, "<>"))
	} else {
		g.SetMessageID()
	}
	g.SetUserAgent(userAgent)
	// RFC 3834: an automatic message; auto-responders should not answer.
	g.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	g.SetGenHeader(mail.HeaderXAutoResponseSuppress, "All")
	g.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		g.AddAlternativeString(mail.TypeTextHTML, m.HTML)
		g.SetBoundary(boundary(m))
	}
	return g, nil
}

// boundary is a MIME boundary made from a hash of the content. A boundary
// must not occur in the parts; the hash of the content cannot occur in it
// short of a collision.
func boundary(m Message) string {
	h := sha256.New()
	for _, s := range []string{m.Subject, m.Text, m.HTML} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return "mw-" + hex.EncodeToString(h.Sum(nil))[:40]
}

// WriteTo writes the message in MIME form (headers, text part, HTML part)
// with CRLF line ends.
func (m Message) WriteTo(w io.Writer) (int64, error) {
	g, err := m.msg()
	if err != nil {
		return 0, err
	}
	n, err := g.WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("email: write message: %w", err)
	}
	return n, nil
}

// Bytes returns the message in MIME form.
func (m Message) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
