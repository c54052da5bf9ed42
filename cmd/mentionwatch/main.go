// Command mentionwatch watches feeds, forums and public profiles for
// mentions of brands, scores how negative and important each one is, and
// alerts the right people in Slack, by e-mail or webhook.
//
// Usage:
//
//	mentionwatch run [--once [--deliver-timeout 1m]]
//	mentionwatch check
//	mentionwatch match [--json]
//	mentionwatch score [--json] [--brand NAME] [--lang L] [TEXT]
//	mentionwatch mentions [--json] [--since D] [--brand NAME] [--sentiment S] [--severity S] [--status S] [--source NAME] [--limit N]
//	mentionwatch digest [--since D] [--dry-run]
//	mentionwatch preview NAME [--json]
//	mentionwatch sources
//	mentionwatch backtest [--since 720h] [--json] NEW_CONFIG
//	mentionwatch eval [--since D] [--json]
//	mentionwatch outbox [--json] | retry [--all | ID… | digest:N…]
//	mentionwatch user hash
//	mentionwatch health [--timeout 5s]
//	mentionwatch version
//
// Every command takes -c, --config PATH (default rules.yaml), before or
// after the command's name. Exit status
// is 0 on success, 1 on a runtime failure, 2 on bad usage or an invalid
// config.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	_ "time/tzdata" // zone names (alerts.time_zone, a source's time_zone) on a host with no zoneinfo

	"github.com/mentionwatch/mentionwatch/app"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// env is what a command runs with; tests replace its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	ctx            context.Context
	// config is the path given with -c before the command's name; the
	// command's own flags default to it.
	config string
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// silentUsage exits with status 2 after the command printed why itself.
type silentUsage struct{}

func (silentUsage) Error() string { return "invalid" }

type command struct {
	name, args, help string
	run              func(e *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"run", "[--once [--deliver-timeout 1m]]", "run the daemon (or one pass with --once)", runCmd},
		{"check", "", "validate the config and print every problem", checkCmd},
		{"match", "[--json]", "match JSON lines {title,text,url} from stdin against the brands' queries", matchCmd},
		{"score", "[--json] [--brand NAME] [--lang L] [TEXT]", "score TEXT, or each stdin line (plain text, or JSON {text,title,lang,brand})", scoreCmd},
		{"mentions", "[--json] [--since D] [--brand NAME] [--sentiment S] [--severity S] [--status S] [--source NAME] [--limit N]", "list stored mentions, newest first", mentionsCmd},
		{"digest", "[--since D] [--dry-run]", "build the digest now and send it (or print it with --dry-run)", digestCmd},
		{"preview", "NAME [--json]", "fetch a source now and print its documents with the brands they mention and their scores, storing nothing", previewCmd},
		{"sources", "", "show every source's crawl state", sourcesCmd},
		{"backtest", "[--since 720h] [--json] NEW_CONFIG", "replay the stored documents through NEW_CONFIG and report what would change, sending nothing", backtestCmd},
		{"eval", "[--since D] [--json]", "matching precision and sentiment accuracy on the mentions reviewed in the inbox", evalCmd},
		{"outbox", "[--json] | retry [--all | ID… | digest:N…]", "list pending and failed alert deliveries and digests; retry failed ones", outboxCmd},
		{"user", "hash", "read a password on stdin and print its hash for server.users", userCmd},
		{"health", "[--timeout 5s]", "ask the running daemon's /healthz (at server.listen); exit 0 when it answers ok", healthCmd},
		{"version", "", "print the version", versionCmd},
	}
}

// versionCmd prints the version. Like every command it takes -c (and
// reads no config); anything else is bad usage.
func versionCmd(e *env, args []string) error {
	fs, _ := flags(e, "version")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "mentionwatch", version)
	return nil
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, ctx: context.Background()}
	stopProfile := startMemProfile(e.ctx, os.Getenv)
	code := run(e, os.Args[1:])
	if err := stopProfile(); err != nil {
		fmt.Fprintf(e.stderr, "mentionwatch: %v\n", err)
	}
	os.Exit(code)
}

// run dispatches a command line and returns the exit status.
func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr) // bad usage: the help goes where errors go
		return exitUsage
	}
	args, err := globalFlags(e, args)
	if errors.Is(err, flag.ErrHelp) {
		usage(e.stdout)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "mentionwatch: %v\n\n", err)
		usage(e.stderr)
		return exitUsage
	}
	if args[0] == "help" {
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(e, args[1:])
		var ue usageError
		var probs config.Problems
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, new(silentUsage)):
			return exitUsage
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "mentionwatch %s: %s\n", c.name, ue.msg)
			fmt.Fprintf(e.stderr, "usage: mentionwatch %s %s\n", c.name, c.args)
			return exitUsage
		case errors.As(err, &probs):
			fmt.Fprintln(e.stderr, probs.Error())
			return exitUsage
		default:
			// An error may quote a source's URL: its secrets are redacted.
			fmt.Fprintf(e.stderr, "mentionwatch %s: %s\n", c.name, redact.Text(err.Error()))
			return exitFailure
		}
	}
	fmt.Fprintf(e.stderr, "mentionwatch: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitUsage
}

// globalFlags reads the flags before the command's name — only -c PATH,
// --config PATH, -c=PATH, --config=PATH and -h, --help — and returns the
// command line from the command's name on.
func globalFlags(e *env, args []string) ([]string, error) {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		name, val, hasVal := strings.Cut(name, "=")
		switch name {
		case "h", "help":
			return nil, flag.ErrHelp
		case "c", "config":
			args = args[1:]
			if !hasVal {
				if len(args) == 0 {
					return nil, fmt.Errorf("flag %s needs a config file path", a)
				}
				val, args = args[0], args[1:]
			}
			if val == "" {
				return nil, fmt.Errorf("flag %s: empty config file path", name)
			}
			e.config = val
		default:
			return nil, fmt.Errorf("flag %s must come after the command's name (mentionwatch COMMAND %s); only -c/--config PATH may come before it", a, a)
		}
	}
	if len(args) == 0 {
		return nil, errors.New("no command given")
	}
	return args, nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "mentionwatch — brand-mention monitoring")
	fmt.Fprintln(w, "\nusage: mentionwatch [-c rules.yaml] COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.help)
	}
	fmt.Fprintln(w, "\nEvery command takes -c, --config PATH (default rules.yaml), before or after its name.")
}

// flags returns a flag set with the common -c/--config flag, whose
// default is the path given before the command's name, else rules.yaml.
func flags(e *env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := "rules.yaml"
	if e.config != "" {
		def = e.config
	}
	cfg := new(string)
	*cfg = def
	fs.Var((*configPath)(cfg), "c", "`PATH` of the config file")
	fs.Var((*configPath)(cfg), "config", "`PATH` of the config file")
	return fs, cfg
}

// configPath is the value of -c/--config: a path, never empty (as before
// the command's name, where globalFlags refuses it).
type configPath string

func (p *configPath) String() string {
	if p == nil {
		return ""
	}
	return string(*p)
}

func (p *configPath) Set(s string) error {
	if s == "" {
		return errors.New("empty config file path")
	}
	*p = configPath(s)
	return nil
}

// parse parses flags and positional arguments in any order
// ("score 'text' --json" as well as "score --json 'text'").
//
// The flag list is printed for -h only: a bad flag is reported once, by
// run, with the command's usage line.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	defer fs.SetOutput(out)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				_, _ = out.Write(buf.Bytes())
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newLogger builds the logger a config asks for, writing to w.
func newLogger(w io.Writer, c *config.Config) *slog.Logger {
	level := slog.LevelInfo
	if c != nil {
		_ = level.UnmarshalText([]byte(strings.ToUpper(c.Log.Level)))
	}
	opts := &slog.HandlerOptions{Level: level}
	if c != nil && c.Log.Format == "json" {
		return slog.New(redact.Handler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(redact.Handler(slog.NewTextHandler(w, opts)))
}

// load reads and compiles the config; problems come back as
// config.Problems (exit status 2).
func load(e *env, path string) (*app.Compiled, error) {
	return app.Load(path, newLogger(e.stderr, nil))
}

// queryWarnings prints on stderr the warnings about c's brand queries
// (a query word that can never match), as check prints them: match and
// backtest are where a query is tried, and their output stays on stdout.
func queryWarnings(e *env, c *app.Compiled) {
	for _, w := range c.Warnings {
		if strings.HasPrefix(w.Path, "brands[") && strings.HasSuffix(w.Path, "].query") {
			fmt.Fprintln(e.stderr, w.String())
		}
	}
}

// parseNone is parse for a command that takes flags only: an argument
// left over is bad usage.
func parseNone(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}
