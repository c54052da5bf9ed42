package digest

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/notify/email"
)

// Message returns the digest as an e-mail (text and HTML parts) from from
// to to, dated date. Its Message-ID is the same for every message of the
// same period, so a digest sent again after a failure is recognised by
// mail clients as the same message.
func (d *Digest) Message(from string, to []string, date time.Time) email.Message {
	return email.Message{
		From:      from,
		To:        to,
		Subject:   d.Subject(),
		Text:      d.Text(),
		HTML:      d.HTML(),
		Date:      date,
		MessageID: "mentionwatch.digest." + d.ID + "@" + domain(from),
	}
}

// domain is the domain of an address, for Message-IDs.
func domain(addr string) string {
	if a, err := mail.ParseAddress(addr); err == nil {
		addr = a.Address
	}
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "mentionwatch.invalid"
}

// EmailSender returns a SendFunc that mails the digest from e.From to
// e.To through e.SMTP, dated with the time of sending.
func EmailSender(e config.Email, opts ...email.Option) SendFunc {
	return func(ctx context.Context, d *Digest) error {
		return email.Send(ctx, e.SMTP, d.Message(e.From, e.To, time.Now()), opts...)
	}
}
