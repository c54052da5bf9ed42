// Package emailtest runs a real SMTP server (go-smtp) on loopback for
// tests: plain, STARTTLS or implicit TLS, with optional AUTH PLAIN and
// injected failures, and parses the messages it receives.
package emailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// Mode is how the server speaks TLS.
type Mode int

// Server modes.
const (
	Plain    Mode = iota // no TLS at all
	StartTLS             // plain connection upgraded with STARTTLS
	TLS                  // implicit TLS from the first byte (port 465 style)
)

// Options configure a test server.
type Options struct {
	Mode Mode
	// Username and Password, when set, require AUTH PLAIN with them.
	Username, Password string
	// Refuse, when set, is asked before each transaction (MAIL FROM)
	// with the 1-based attempt number; a non-nil error refuses it.
	Refuse func(attempt int) error
}

// Received is one message the server accepted.
type Received struct {
	From     string
	To       []string
	Data     []byte
	TLS      bool   // the transaction ran over TLS
	AuthUser string // the authenticated user, if any
}

// Server is a running SMTP server on 127.0.0.1.
type Server struct {
	Host string
	Port int
	opts Options

	mu       sync.Mutex
	msgs     []Received
	attempts int
	authFail int
	received chan struct{}
}

// Start starts a server and stops it when the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{opts: o, received: make(chan struct{}, 64)}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.AllowInsecureAuth = o.Mode == Plain
	srv.EnableSMTPUTF8 = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if o.Mode != Plain {
		cert := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if o.Mode == TLS {
			l = tls.NewListener(l, srv.TLSConfig)
		}
	}
	addr := l.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(l)
	}()
	t.Cleanup(func() {
		// srv.Close stops only the listeners Serve has registered: if
		// the goroutine above has not reached Serve yet, closing l is
		// what makes it return.
		srv.Close()
		l.Close()
		<-done
	})
	return s
}

// SMTP returns the client configuration that reaches this server.
func (s *Server) SMTP() config.SMTP {
	starttls := s.opts.Mode == StartTLS
	return config.SMTP{
		Host: s.Host, Port: s.Port,
		Username: s.opts.Username, Password: s.opts.Password,
		StartTLS: &starttls, TLS: s.opts.Mode == TLS,
		InsecureSkipVerify: s.opts.Mode != Plain,
	}
}

// Addr returns host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Messages returns the messages received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// Attempts returns how many transactions were started (refused or not).
func (s *Server) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// AuthFailures returns how many AUTH attempts were refused.
func (s *Server) AuthFailures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authFail
}

// Received is signalled once per accepted message.
func (s *Server) Received() <-chan struct{} { return s.received }

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{srv: s, conn: c}, nil
}

type session struct {
	srv      *Server
	conn     *smtp.Conn
	tls      bool
	authUser string
	from     string
	to       []string
}

var _ smtp.AuthSession = (*session)(nil)

func (ss *session) AuthMechanisms() []string {
	if ss.srv.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != ss.srv.opts.Username || password != ss.srv.opts.Password {
			ss.srv.mu.Lock()
			ss.srv.authFail++
			ss.srv.mu.Unlock()
			return smtp.ErrAuthFailed
		}
		ss.authUser = username
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.srv.opts.Username != "" && ss.authUser == "" {
		return smtp.ErrAuthRequired
	}
	ss.srv.mu.Lock()
	ss.srv.attempts++
	n := ss.srv.attempts
	ss.srv.mu.Unlock()
	if f := ss.srv.opts.Refuse; f != nil {
		if err := f(n); err != nil {
			return err
		}
	}
	ss.from = from
	_, ss.tls = ss.conn.TLSConnectionState()
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.srv.mu.Lock()
	ss.srv.msgs = append(ss.srv.msgs, Received{From: ss.from, To: ss.to, Data: b, TLS: ss.tls, AuthUser: ss.authUser})
	ss.srv.mu.Unlock()
	select {
	case ss.srv.received <- struct{}{}:
	default:
	}
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

// Unavailable is a temporary refusal (421): the server is going down.
var Unavailable = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2},
	Message: "Service not available, try again later"}

// Rejected is a permanent refusal (554).
var Rejected = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1},
	Message: "Message rejected"}

// selfSigned makes a certificate for 127.0.0.1 and localhost.
func selfSigned(t testing.TB) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// ErrNoMessage is returned by Parse for empty input.
var ErrNoMessage = errors.New("emailtest: empty message")
