// Command otassess runs OT security assessments in chat: the console chat,
// the chat platform adapters (serve) and the command-line tools (pack,
// score, report, engagement, outbox, backup, teams package). It is the only place that reads
// configuration and wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"unicode/utf8"

	_ "time/tzdata" // a static image still knows every time zone

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/config"
)

// version may be set at build time with -ldflags "-X main.version=…";
// otherwise the version comes from the build info (see buildVersion).
var version = ""

// commit may be set with -X main.commit=… where the build has no .git.
var commit = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program with its streams and environment, so tests can run
// it in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// usageError is bad input on the command line or in an input file: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

const usage = `otassess — OT security assessments in chat

Usage:
  otassess serve [--config FILE] [--db PATH]
  otassess chat [--db PATH] [--lang ja|en|both] [--pack ID] [--engagement NAME]
  otassess pack list | pack show ID [--format json|yaml] | pack validate FILE... [--db PATH]
  otassess score --pack ID --answers FILE [--format text|json]
  otassess report --engagement ID|NAME [--format md|html|xlsx|docx|json] [--lang ja|en|both] [-o FILE] [--db PATH]
  otassess report --client NAME [--format md|html|xlsx|docx|json] [--lang ja|en|both] [-o FILE] [--db PATH]
  otassess engagement list [--format text|json] | show ID | close ID | purge ID --confirm
  otassess engagement create NAME [--pack ID] [--lang ja|en|both] [--client NAME] [--site NAME] [--firm NAME] [--author NAME] [--tz ZONE]
  otassess outbox list [--dead] [--platform P] [--format text|json] [--db PATH]
  otassess outbox retry ID... | --all-dead [--platform P] [--db PATH]
  otassess backup --to FILE [--db PATH]
  otassess migrate [--db PATH|postgres://URL]
  otassess copy --from FILE|URL --to URL|FILE
  otassess eval translate [--format text|json] [--batch N] [--worst N]
  otassess teams package --app-id ID [--host HOST] [--version X.Y.Z] [-o otassess-teams.zip]
  otassess healthcheck [--url URL]
  otassess version
`

// Run runs one command and returns the process exit code: 0 on success,
// 2 on bad input, 1 on any other failure.
func (m *Main) Run(ctx context.Context, args []string) int {
	err := m.run(ctx, args)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(m.Stderr, "otassess:", err)
		return 2
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintln(m.Stderr, "otassess:", err)
	return 1
}

func (m *Main) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return usagef("no command given")
	}
	if err := validArgs(args); err != nil {
		return err
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return m.serve(ctx, rest)
	case "chat":
		return m.chat(ctx, rest)
	case "pack":
		return m.pack(ctx, rest)
	case "score":
		return m.score(rest)
	case "report":
		return m.report(ctx, rest)
	case "engagement":
		return m.engagement(ctx, rest)
	case "backup":
		return m.backup(ctx, rest)
	case "migrate":
		return m.migrate(ctx, rest)
	case "copy":
		return m.copyDB(ctx, rest)
	case "outbox":
		return m.outbox(ctx, rest)
	case "eval":
		return m.eval(ctx, rest)
	case "teams":
		return m.teams(ctx, rest)
	case "version":
		fmt.Fprintln(m.Stdout, "otassess", buildVersion())
		return nil
	case "healthcheck":
		return m.healthcheck(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	return usagef("unknown command %q (run otassess help)", cmd)
}

// validArgs refuses an argument that is not valid UTF-8 (a name typed in
// another encoding), by its position and without echoing its bytes.
func validArgs(args []string) error {
	for i, a := range args {
		if !utf8.ValidString(a) {
			return usagef("argument %d (%q) is not valid UTF-8; type it again in UTF-8", i+1, strings.ToValidUTF8(a, "?"))
		}
	}
	return nil
}

// flags parses a command's flags, which may come before or after its
// positional arguments, and returns the positionals.
func (m *Main) flags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(m.Stderr)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// settings loads the configuration; a --db flag overrides OTASSESS_DB.
func (m *Main) settings(db string) (config.Config, error) {
	c, err := config.Load("", m.Getenv)
	if err != nil {
		return c, &usageError{err.Error()}
	}
	if db != "" {
		c.DB = db
	}
	return c, nil
}

// logger writes to stderr at OTASSESS_LOG_LEVEL, as text or, with
// OTASSESS_LOG_FORMAT=json, one JSON object a line.
func (m *Main) logger(c config.Config) *slog.Logger {
	level, _ := c.Level()
	opts := &slog.HandlerOptions{Level: level}
	if c.JSONLogs() {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts))
}

// registry loads the embedded packs and those in OTASSESS_PACKS.
func registry(c config.Config) (*assessment.Registry, error) {
	if c.PacksDir == "" {
		return assessment.NewRegistry()
	}
	if _, err := os.Stat(c.PacksDir); err != nil {
		return nil, usagef("OTASSESS_PACKS: %v", err)
	}
	r, err := assessment.NewRegistry(os.DirFS(c.PacksDir))
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	return r, nil
}
