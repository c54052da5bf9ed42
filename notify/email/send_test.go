package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

const (
	testUser = "digest-bot"
	testPass = "s3cret-Пароль-42"
)

func TestSend(t *testing.T) {
	tests := []struct {
		name     string
		mode     emailtest.Mode
		auth     bool
		wantTLS  bool
		wantUser string
	}{
		{"plain", emailtest.Plain, false, false, ""},
		{"plain with AUTH PLAIN", emailtest.Plain, true, false, testUser},
		{"STARTTLS", emailtest.StartTLS, false, true, ""},
		{"STARTTLS with AUTH PLAIN", emailtest.StartTLS, true, true, testUser},
		{"implicit TLS", emailtest.TLS, false, true, ""},
		{"implicit TLS with AUTH PLAIN", emailtest.TLS, true, true, testUser},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := emailtest.Options{Mode: tc.mode}
			if tc.auth {
				o.Username, o.Password = testUser, testPass
			}
			srv := emailtest.Start(t, o)
			m := sampleMessage()
			var logs bytes.Buffer
			err := Send(context.Background(), srv.SMTP(), m, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			if err != nil {
				t.Fatal(err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			r := got[0]
			if r.TLS != tc.wantTLS || r.AuthUser != tc.wantUser {
				t.Errorf("TLS=%v user=%q, want TLS=%v user=%q", r.TLS, r.AuthUser, tc.wantTLS, tc.wantUser)
			}
			if r.From != "mentionwatch@acme.example" || strings.Join(r.To, ",") != "pr@acme.example,anna@acme.example" {
				t.Errorf("envelope from %q to %q", r.From, r.To)
			}
			p, err := emailtest.Parse(r.Data)
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != m.Subject || p.Text != m.Text || p.HTML != m.HTML {
				t.Errorf("received message differs:\nsubject %q\ntext %q\nhtml %q", p.Subject, p.Text, p.HTML)
			}
			want, _ := m.Bytes()
			if !bytes.Equal(bytes.ReplaceAll(r.Data, []byte("\r\n"), []byte("\n")), bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))) {
				t.Error("the bytes sent differ from Message.Bytes (what a dry run prints)")
			}
			if !strings.Contains(logs.String(), "email sent") {
				t.Errorf("no log line for the delivery: %s", logs.String())
			}
			if strings.Contains(logs.String(), testPass) {
				t.Error("the password was logged")
			}
		})
	}
}

func TestSendFailures(t *testing.T) {
	closedPort := func(t *testing.T) config.SMTP {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		f := false
		return config.SMTP{Host: "127.0.0.1", Port: port, StartTLS: &f, Username: testUser, Password: testPass}
	}
	tests := []struct {
		name      string
		opts      emailtest.Options
		cfg       func(t *testing.T, srv *emailtest.Server) config.SMTP
		temporary bool
		want      string
	}{
		{
			name: "wrong password",
			opts: emailtest.Options{Mode: emailtest.StartTLS, Username: testUser, Password: "other-" + testPass},
			cfg: func(t *testing.T, srv *emailtest.Server) config.SMTP {
				c := srv.SMTP()
				c.Password = testPass
				return c
			},
			want: "535",
		},
		{
			name:      "server unavailable (421)",
			opts:      emailtest.Options{Mode: emailtest.Plain, Username: testUser, Password: testPass, Refuse: func(int) error { return emailtest.Unavailable }},
			cfg:       func(t *testing.T, srv *emailtest.Server) config.SMTP { return srv.SMTP() },
			temporary: true,
			want:      "421",
		},
		{
			name: "message rejected (554)",
			opts: emailtest.Options{Mode: emailtest.Plain, Username: testUser, Password: testPass, Refuse: func(int) error { return emailtest.Rejected }},
			cfg:  func(t *testing.T, srv *emailtest.Server) config.SMTP { return srv.SMTP() },
			want: "554",
		},
		{
			name:      "connection refused",
			cfg:       func(t *testing.T, _ *emailtest.Server) config.SMTP { return closedPort(t) },
			temporary: true,
			want:      "127.0.0.1",
		},
		{
			name: "STARTTLS required but not offered",
			opts: emailtest.Options{Mode: emailtest.Plain, Username: testUser, Password: testPass},
			cfg: func(t *testing.T, srv *emailtest.Server) config.SMTP {
				c := srv.SMTP()
				c.StartTLS = nil // default: STARTTLS required
				return c
			},
			temporary: true,
			want:      "STARTTLS",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := emailtest.Start(t, tc.opts)
			cfg := tc.cfg(t, srv)
			var logs bytes.Buffer
			err := Send(context.Background(), cfg, sampleMessage(), WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			t.Logf("error: %v", err)
			if err == nil {
				t.Fatal("Send succeeded")
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not *email.Error", err)
			}
			if se.Temporary() != tc.temporary {
				t.Errorf("Temporary() = %v, want %v (%v)", se.Temporary(), tc.temporary, err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "email: ") {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			if leaks(err.Error()+logs.String(), cfg) {
				t.Errorf("secret in error or log: %v %s", err, logs.String())
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("server received %d messages", n)
			}
		})
	}
	t.Run("no password in clear without TLS", func(t *testing.T) {
		srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.Plain, Username: testUser, Password: testPass})
		cfg := srv.SMTP()
		cfg.StartTLS = nil
		_ = Send(context.Background(), cfg, sampleMessage())
		if srv.AuthFailures() != 0 || srv.Attempts() != 0 {
			t.Fatal("the client authenticated over a connection that should have been refused for lack of STARTTLS")
		}
	})
}

// leaks reports whether s holds the password in any form an SMTP
// exchange carries it.
func leaks(s string, cfg config.SMTP) bool {
	if cfg.Password == "" {
		return false
	}
	for _, secret := range []string{
		cfg.Password,
		base64.StdEncoding.EncodeToString([]byte(cfg.Password)),
		base64.StdEncoding.EncodeToString([]byte("\x00" + cfg.Username + "\x00" + cfg.Password)),
	} {
		if strings.Contains(s, secret) {
			return true
		}
	}
	return false
}

func TestRedact(t *testing.T) {
	cfg := config.SMTP{Username: "u", Password: "hunter2"}
	s := "auth failed for hunter2 (aHVudGVyMg==, AHUAaHVudGVyMg==)"
	got := redact(s, cfg)
	if strings.Contains(got, "hunter2") || strings.Contains(got, "aHVudGVyMg==") || strings.Contains(got, "AHUAaHVudGVyMg==") {
		t.Fatalf("redact left a secret: %q", got)
	}
	if redact(s, config.SMTP{}) != s {
		t.Fatal("redact changed a string without a password to hide")
	}
}
