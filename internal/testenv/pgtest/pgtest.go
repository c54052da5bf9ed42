// Package pgtest runs a throwaway PostgreSQL cluster for tests: initdb and
// pg_ctl from Debian's packages (or PATH) in a temporary directory, on a
// free loopback port, started on first use by a test binary and stopped
// by its TestMain (Main). Each caller gets a database of its own.
//
// The cluster runs every transaction at SERIALIZABLE, the isolation of
// distributed SQL engines, so that tests meet serialization failures;
// fsync is off, since nothing of it outlives the test binary.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

var (
	once    sync.Once
	cluster *server
	setup   error
	missing bool // no PostgreSQL installed
	dbs     atomic.Int64
)

type server struct {
	dir   string // temporary directory: data/, the socket, the log
	bin   string // directory of initdb and pg_ctl
	port  int
	asPG  bool // run the binaries as the postgres user (we are root)
	admin *sql.DB
}

// URL returns the URL of a new, empty database on the test binary's
// cluster, starting the cluster first if needed. Where PostgreSQL is not
// installed the test is skipped, unless $CI is set: CI installs it, so
// there its absence fails the test.
func URL(t testing.TB) string {
	t.Helper()
	once.Do(func() { cluster, setup = start() })
	if setup != nil {
		if missing && os.Getenv("CI") == "" {
			t.Skipf("postgresql not installed (initdb not found): %v", setup)
		}
		t.Fatalf("pgtest: %v", setup)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbs.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := cluster.admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	return cluster.url(name)
}

// Main runs the tests of m and then stops the cluster, if they started
// one; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the cluster and removes its files.
func Stop() {
	if cluster == nil {
		return
	}
	s := cluster
	cluster = nil
	s.admin.Close()
	_ = s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

func (s *server) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// findBin returns the directory holding initdb: PATH first, then the
// newest of Debian's /usr/lib/postgresql/*/bin.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return "", fmt.Errorf("no initdb in PATH nor in /usr/lib/postgresql/*/bin")
	}
	sort.Slice(found, func(i, j int) bool { return version(found[i]) > version(found[j]) })
	return filepath.Dir(found[0]), nil
}

func version(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

func start() (*server, error) {
	bin, err := findBin()
	if err != nil {
		missing = true
		return nil, err
	}
	dir, err := os.MkdirTemp("", "mentionwatch-pg-")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, bin: bin}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		s.asPG = true
	}
	data := filepath.Join(dir, "data")
	if err := s.run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c default_transaction_isolation=serializable"+
			" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", s.port, dir)
		err = s.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start")
		if err == nil {
			break
		}
		if attempt == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			return nil, fmt.Errorf("%w\n%s", err, tail(string(log), 2000))
		}
	}
	if s.admin, err = sql.Open("pgx", s.url("postgres")); err != nil {
		return nil, err
	}
	if err := s.admin.Ping(); err != nil {
		_ = s.run("pg_ctl", "-D", data, "-m", "immediate", "stop")
		return nil, err
	}
	ok = true
	return s, nil
}

// run runs one of PostgreSQL's programs, as the postgres user when we
// are root.
func (s *server) run(prog string, args ...string) error {
	name, argv := filepath.Join(s.bin, prog), args
	if s.asPG {
		name, argv = "runuser", append([]string{"-u", "postgres", "--", filepath.Join(s.bin, prog)}, args...)
	}
	cmd := exec.Command(name, argv...)
	cmd.Dir = s.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", prog, err, tail(string(out), 2000))
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
