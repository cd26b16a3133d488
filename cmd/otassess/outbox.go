package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/bot/discord"
	slackbot "github.com/otassess/otassess/bot/slack"
	"github.com/otassess/otassess/bot/teams"
	"github.com/otassess/otassess/storage"
)

const outboxUsage = "outbox list [--dead] [--platform P] [--format text|json] | retry ID... | retry --all-dead [--platform P]"

// outbox lets an operator see the queued messages and dead letters, and
// queue dead letters again. It never shows a message's text or files.
func (m *Main) outbox(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("outbox: missing subcommand: otassess %s", outboxUsage)
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("outbox "+sub, flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	platform := fs.String("platform", "", "only this platform (slack, discord, teams, console)")
	switch sub {
	case "list":
		return m.outboxList(ctx, fs, dbPath, platform, rest)
	case "retry":
		return m.outboxRetry(ctx, fs, dbPath, platform, rest)
	}
	return usagef("outbox: unknown subcommand %q: otassess %s", sub, outboxUsage)
}

// platformNames are the values --platform accepts.
func platformNames() []string {
	return []string{console.Platform, discord.Platform, slackbot.Platform, teams.Platform}
}

// checkPlatform refuses a --platform that names no platform, which would
// otherwise list or retry nothing without a word.
func checkPlatform(p string) error {
	if names := platformNames(); p != "" && !slices.Contains(names, p) {
		return usagef("--platform: unknown platform %q (one of %s)", p, strings.Join(names, ", "))
	}
	return nil
}

// openExisting opens the database of --db or OTASSESS_DB, which must exist.
func (m *Main) openExisting(ctx context.Context, dbPath string) (*storage.DB, error) {
	c, err := m.settings(dbPath)
	if err != nil {
		return nil, err
	}
	if err := existingDB(c.DB); err != nil {
		return nil, err
	}
	return openDB(ctx, c.DB)
}

// outboxRow is an outbox entry as list --format json prints it.
type outboxRow struct {
	ID           int64      `json:"id"`
	Platform     string     `json:"platform"`
	Engagement   string     `json:"engagement"`
	Conversation string     `json:"conversation"`
	UserPlatform string     `json:"user_platform,omitempty"`
	Workspace    string     `json:"user_workspace,omitempty"`
	User         string     `json:"user,omitempty"`
	Attempts     int        `json:"attempts"`
	CreatedAt    time.Time  `json:"created_at"`
	NotBefore    time.Time  `json:"not_before"`
	Dead         bool       `json:"dead"`
	DeadAt       *time.Time `json:"dead_at"`
	DeadReason   string     `json:"dead_reason"`
}

func newOutboxRow(e storage.OutboxEntry) outboxRow {
	r := outboxRow{ID: e.ID, Platform: e.Platform, Engagement: e.Engagement, Conversation: e.Conversation,
		UserPlatform: e.User.Platform, Workspace: e.User.Workspace, User: e.User.ID, Attempts: e.Attempts,
		CreatedAt: e.CreatedAt, NotBefore: e.NotBefore, Dead: e.Dead(), DeadReason: e.DeadReason}
	if e.Dead() {
		r.DeadAt = &e.DeadAt
	}
	return r
}

func (m *Main) outboxList(ctx context.Context, fs *flag.FlagSet, dbPath, platform *string, args []string) error {
	dead := fs.Bool("dead", false, "only dead letters")
	format := fs.String("format", "text", "text or json")
	pos, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("outbox list: unexpected argument %q: usage: otassess outbox list [--dead] [--platform P] [--format text|json] [--db PATH]", pos[0])
	}
	if *format != "text" && *format != "json" {
		return usagef("outbox list: --format must be text or json, got %q", *format)
	}
	if err := checkPlatform(*platform); err != nil {
		return err
	}
	db, err := m.openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := db.OutboxEntries(ctx, storage.OutboxFilter{Platform: *platform, DeadOnly: *dead})
	if err != nil {
		return err
	}
	rows := make([]outboxRow, 0, len(all))
	for _, e := range all {
		rows = append(rows, newOutboxRow(e))
	}
	if *format == "json" {
		return json.NewEncoder(m.Stdout).Encode(rows)
	}
	return printOutbox(m.Stdout, rows)
}

// printOutbox writes the rows as a table: a DM shows its recipient as
// dm:WORKSPACE/USER, a message that is still queued its next try.
func printOutbox(w io.Writer, rows []outboxRow) error {
	const at = "2006-01-02 15:04:05 UTC"
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPLATFORM\tENGAGEMENT\tTO\tATTEMPTS\tCREATED\tSTATE\tREASON")
	for _, r := range rows {
		to := r.Conversation
		if to == "" {
			to = "dm:" + r.Workspace + "/" + r.User
		}
		state := "queued, next " + r.NotBefore.Format(at)
		if r.Dead {
			state = "dead " + r.DeadAt.Format(at)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, r.Platform, dash(r.Engagement), to, r.Attempts,
			r.CreatedAt.Format(at), state, dash(r.DeadReason))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (m *Main) outboxRetry(ctx context.Context, fs *flag.FlagSet, dbPath, platform *string, args []string) error {
	allDead := fs.Bool("all-dead", false, "retry every dead letter (of --platform, if given)")
	pos, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	ids, err := retryIDs(pos, *allDead, *platform)
	if err != nil {
		return err
	}
	db, err := m.openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now()
	if *allDead {
		ids, err = db.ReviveAllDead(ctx, *platform, now)
	} else {
		err = db.ReviveDeadLetters(ctx, ids, now)
	}
	var nd *storage.NotDeadLetterError
	if errors.As(err, &nd) {
		return usagef("outbox retry: %v (otassess outbox list --dead shows the dead letters); nothing was retried", nd)
	}
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		fmt.Fprintln(m.Stdout, "no dead letters to retry")
		return nil
	}
	fmt.Fprintf(m.Stdout, "queued %d dead letter(s) again: %s; a running otassess serve sends them on its next poll\n",
		len(ids), joinInts(ids))
	return nil
}

// retryIDs checks retry's arguments: ids, or --all-dead (which alone takes
// --platform), and parses the ids.
func retryIDs(pos []string, allDead bool, platform string) ([]int64, error) {
	const use = "usage: otassess outbox retry ID... | --all-dead [--platform P] [--db PATH]"
	switch {
	case allDead && len(pos) > 0:
		return nil, usagef("outbox retry: give ids or --all-dead, not both: %s", use)
	case !allDead && len(pos) == 0:
		return nil, usagef("outbox retry: no id given: %s", use)
	case !allDead && platform != "":
		return nil, usagef("outbox retry: --platform goes with --all-dead; an id names one message: %s", use)
	}
	if err := checkPlatform(platform); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(pos))
	for _, p := range pos {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id <= 0 {
			return nil, usagef("outbox retry: %q is not a message id (a positive number from otassess outbox list)", p)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func joinInts(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}
