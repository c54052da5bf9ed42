package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHealthURL(t *testing.T) {
	for _, c := range []struct{ listen, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:8080", "http://127.0.0.1:8080/healthz"},
		{":9090", "http://127.0.0.1:9090/healthz"},
		{"[::]:8080", "http://[::1]:8080/healthz"},
		{"[::1]:8080", "http://[::1]:8080/healthz"},
		{"localhost:8080", "http://localhost:8080/healthz"},
		{"10.0.0.5:8080", "http://10.0.0.5:8080/healthz"},
		{"", ""},
		{"8080", ""},
	} {
		got, err := healthURL(c.listen)
		if c.want == "" {
			if err == nil {
				t.Errorf("healthURL(%q) = %q, want an error", c.listen, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", c.listen, got, err, c.want)
		}
	}
}

// healthConfig writes a config whose server listens at listen (with an
// API token, which an address beyond loopback needs).
func healthConfig(t *testing.T, listen string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nserver: {listen: \""+listen+"\", api_tokens: [0123456789abcdef0123]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHealth(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		if status == http.StatusOK {
			w.Write([]byte("ok\n"))
		} else {
			w.Write([]byte("store: database is locked\n"))
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	code, out, errOut := cli(t, "", "-c", healthConfig(t, "0.0.0.0:"+port), "health")
	if code != 0 || out != "ok\n" {
		t.Errorf("healthy daemon on every interface: exit %d, %q %q", code, out, errOut)
	}
	status = http.StatusServiceUnavailable
	code, out, errOut = cli(t, "", "health", "-c", healthConfig(t, "127.0.0.1:"+port))
	if code != 1 || out != "" || !strings.Contains(errOut, "503") || !strings.Contains(errOut, "database is locked") {
		t.Errorf("failing store: exit %d, %q %q; want 1 with the answer", code, out, errOut)
	}

	// Nothing listening: the port of a closed listener.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	if code, _, errOut := cli(t, "", "health", "-c", healthConfig(t, closed)); code != 1 || !strings.Contains(errOut, "connection refused") {
		t.Errorf("no daemon: exit %d %q, want 1", code, errOut)
	}
	if code, _, errOut := cli(t, "", "health", "-c", healthConfig(t, "")); code != 1 || !strings.Contains(errOut, "server.listen is empty") {
		t.Errorf("no server: exit %d %q, want 1", code, errOut)
	}
	if code, _, _ := cli(t, "", "health", "--timeout", "0s", "-c", healthConfig(t, closed)); code != 2 {
		t.Errorf("--timeout 0s: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "", "health", "extra"); code != 2 {
		t.Errorf("an argument: exit %d, want 2", code)
	}
}
