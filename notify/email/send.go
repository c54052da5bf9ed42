package email

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/textproto"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// DefaultTimeout bounds one SMTP conversation (connect, TLS, auth, data).
const DefaultTimeout = 30 * time.Second

type sendOptions struct {
	log     *slog.Logger
	timeout time.Duration
}

// Option configures Send.
type Option func(*sendOptions)

// WithLogger sets the logger for delivery events (never secrets).
func WithLogger(l *slog.Logger) Option { return func(o *sendOptions) { o.log = l } }

// WithTimeout bounds one SMTP conversation (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(o *sendOptions) { o.timeout = d } }

// Error is a failed delivery. Its text never holds the SMTP password.
type Error struct {
	msg  string
	temp bool
}

// Error implements error.
func (e *Error) Error() string { return e.msg }

// Temporary reports whether trying again later may succeed: connection
// failures and 4xx replies are temporary, 5xx replies (bad address,
// authentication refused, message rejected) are not.
func (e *Error) Temporary() bool { return e.temp }

// Send delivers m through the SMTP server cfg describes. cfg.TLS uses
// implicit TLS (port 465); otherwise STARTTLS is required unless
// cfg.StartTLS is false, which sends in the clear. With a username the
// client authenticates (SCRAM, CRAM-MD5, PLAIN or LOGIN, as the server
// offers over TLS; PLAIN without TLS, which is refused unless the server
// is on localhost). A failure is returned as *Error.
func Send(ctx context.Context, cfg config.SMTP, m Message, opts ...Option) error {
	o := sendOptions{log: slog.New(slog.DiscardHandler), timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	g, err := m.msg()
	if err != nil {
		return err
	}
	// InsecureSkipVerify is an explicit opt-in for test servers.
	tlsConf := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12,
		InsecureSkipVerify: cfg.InsecureSkipVerify}
	copts := []mail.Option{
		mail.WithPort(cfg.Port),
		mail.WithTimeout(o.timeout),
		mail.WithTLSConfig(tlsConf),
	}
	encrypted := true
	switch {
	case cfg.TLS:
		copts = append(copts, mail.WithSSL())
	case cfg.UseStartTLS():
		copts = append(copts, mail.WithTLSPolicy(mail.TLSMandatory))
	default:
		encrypted = false
		copts = append(copts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if cfg.Username != "" {
		auth := mail.SMTPAuthAutoDiscover
		if !encrypted {
			auth = mail.SMTPAuthPlain
		}
		copts = append(copts, mail.WithSMTPAuth(auth), mail.WithUsername(cfg.Username), mail.WithPassword(cfg.Password))
	}
	addr := fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	c, err := mail.NewClient(cfg.Host, copts...)
	if err != nil {
		return sendErr(addr, err, cfg)
	}
	start := time.Now()
	if err := c.DialAndSendWithContext(ctx, g); err != nil {
		return sendErr(addr, err, cfg)
	}
	o.log.Info("email sent", "server", addr, "recipients", len(m.To), "message_id", g.GetMessageID(),
		"duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// sendErr wraps err with the server address, classifies it and removes
// every form of the password from its text.
func sendErr(addr string, err error, cfg config.SMTP) error {
	msg := redact(fmt.Sprintf("email: send via %s: %v", addr, err), cfg)
	return &Error{msg: msg, temp: temporary(err)}
}

func temporary(err error) bool {
	var se *mail.SendError
	if errors.As(err, &se) && se.ErrorCode() >= 500 {
		return false
	}
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return false
	}
	return true
}

// redact removes the password, and the encodings of it an AUTH exchange
// carries, from s.
func redact(s string, cfg config.SMTP) string {
	if cfg.Password == "" {
		return s
	}
	forms := []string{
		cfg.Password,
		base64.StdEncoding.EncodeToString([]byte(cfg.Password)),
		base64.StdEncoding.EncodeToString([]byte("\x00" + cfg.Username + "\x00" + cfg.Password)),
	}
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "[REDACTED]")
	}
	return s
}
