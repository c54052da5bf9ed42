package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// healthCmd is `mentionwatch health`: it asks the running daemon's
// /healthz, at the config's server.listen, and exits 0 when the answer
// is 200 — a health check for a container image that has no HTTP
// client of its own.
func healthCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "health")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this long")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return usagef("--timeout must be greater than 0")
	}
	c, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	u, err := healthURL(c.Server.Listen)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(e.ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("asking %s: %w", u, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("the daemon did not answer: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	msg := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s: %s", u, resp.Status, msg)
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}

// healthURL is the address of /healthz for a listen address: an
// unspecified host (":8080", "0.0.0.0:8080", "[::]:8080") is asked on
// loopback, which the server's Host check accepts.
func healthURL(listen string) (string, error) {
	if listen == "" {
		return "", errors.New("server.listen is empty: the daemon serves no /healthz")
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", fmt.Errorf("server.listen %q: %w", listen, err)
	}
	switch ip := net.ParseIP(host); {
	case host == "" || ip != nil && ip.IsUnspecified() && ip.To4() != nil:
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
