package app

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestServerTimeouts: a client that sends a request's headers and then
// holds its body back, or holds an idle connection open, is cut off: the
// server's timeouts bound every connection, not only the headers.
func TestServerTimeouts(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	saved := httpTimeouts
	httpTimeouts = serverTimeouts{header: 200 * time.Millisecond, read: 500 * time.Millisecond,
		write: 2 * time.Second, idle: 500 * time.Millisecond}
	t.Cleanup(func() { httpTimeouts = saved })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(e.d.Handler())
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	addr := ln.Addr().String()

	cases := []struct{ name, send string }{
		{"held body", "POST /login HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=a"},
		{"idle after a request", "GET /healthz HTTP/1.1\r\nHost: " + addr + "\r\n\r\n"},
	}
	for _, tc := range cases {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, tc.send); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		start := time.Now()
		_, err = io.Copy(io.Discard, bufio.NewReader(conn))
		took := time.Since(start)
		conn.Close()
		if err != nil && strings.Contains(err.Error(), "timeout") {
			t.Errorf("%s: the connection was still open after %v", tc.name, took.Round(time.Millisecond))
		}
	}
}
