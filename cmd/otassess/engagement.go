package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/report"
	"github.com/otassess/otassess/storage"
)

const engagementUsage = "engagement list | show ID | close ID | purge ID --confirm | create NAME [--pack ID] [--lang ja|en|both]"

// engagement administers engagements outside a conversation.
func (m *Main) engagement(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("engagement: missing subcommand: otassess %s", engagementUsage)
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("engagement "+sub, flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	run, ok := map[string]func(context.Context, *flag.FlagSet, *string, []string) error{
		"list": m.engagementList, "show": m.engagementShow, "close": m.engagementClose,
		"purge": m.engagementPurge, "create": m.engagementCreate,
	}[sub]
	if !ok {
		return usagef("engagement: unknown subcommand %q: otassess %s", sub, engagementUsage)
	}
	return run(ctx, fs, dbPath, rest)
}

// open parses the flags, checks that exactly want positional arguments
// were given (named in usage), and opens the database and an engine; only
// create may make a new database file.
func (m *Main) open(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string, want int, usage string) ([]string, *storage.DB, *engine.Engine, error) {
	pos, err := m.flags(fs, args)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(pos) != want {
		return nil, nil, nil, usagef("%s: usage: otassess %s %s", fs.Name(), fs.Name(), usage)
	}
	c, err := m.settings(*dbPath)
	if err != nil {
		return nil, nil, nil, err
	}
	db, en, err := m.openEngine(ctx, c, fs.Name() == "engagement create")
	return pos, db, en, err
}

// engagementRow is an engagement as list --format json prints it.
type engagementRow struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Client      string          `json:"client,omitempty"`
	Site        string          `json:"site,omitempty"`
	Pack        string          `json:"pack"`
	PackVersion string          `json:"pack_version"`
	Langs       assessment.Lang `json:"langs"`
	Platform    string          `json:"platform"`
	Status      bot.Status      `json:"status"`
	CreatedAt   time.Time       `json:"created_at"`
}

func (m *Main) engagementList(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string) error {
	format := fs.String("format", "text", "text or json")
	_, db, _, err := m.open(ctx, fs, dbPath, args, 0, "[--format text|json] [--db PATH]")
	if err != nil {
		return err
	}
	defer db.Close()
	if *format != "text" && *format != "json" {
		return usagef("engagement list: --format must be text or json, got %q", *format)
	}
	var all []*bot.Engagement
	if err := db.View(ctx, func(tx bot.Tx) error { all, err = tx.Engagements(); return err }); err != nil {
		return err
	}
	rows := make([]engagementRow, 0, len(all))
	for _, e := range all {
		rows = append(rows, engagementRow{e.ID, e.Name, e.Client, e.Site, e.PackID, e.PackVersion, e.Langs, e.Platform, e.Status, e.CreatedAt.UTC()})
	}
	if *format == "json" {
		return json.NewEncoder(m.Stdout).Encode(rows)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tPACK\tPLATFORM\tCREATED")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s@%s\t%s\t%s\n", r.ID, r.Name, r.Status, r.Pack, r.PackVersion, r.Platform, r.CreatedAt.Format("2006-01-02 15:04 UTC"))
	}
	return tw.Flush()
}

func (m *Main) engagementShow(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string) error {
	langFlag := fs.String("lang", "en", "language of the score summary: ja, en or both")
	pos, db, en, err := m.open(ctx, fs, dbPath, args, 1, "ID|NAME [--lang ja|en|both] [--db PATH]")
	if err != nil {
		return err
	}
	defer db.Close()
	lang, err := assessment.ParseLang(*langFlag)
	if err != nil {
		return usagef("engagement show: --lang: %v", err)
	}
	eng, err := findEngagement(ctx, db, "engagement show", pos[0])
	if err != nil {
		return err
	}
	var people []bot.Participant
	if err := db.View(ctx, func(tx bot.Tx) error { people, err = tx.Participants(eng.ID); return err }); err != nil {
		return err
	}
	rep, err := en.Report(ctx, eng.ID)
	if err != nil {
		return err
	}
	printEngagement(m.Stdout, eng, people, rep)
	fmt.Fprintln(m.Stdout, report.SummaryText(rep, lang))
	return nil
}

// printEngagement writes an engagement's facts, people and progress.
func printEngagement(w io.Writer, e *bot.Engagement, people []bot.Participant, rep *assessment.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(k, v string) { fmt.Fprintf(tw, "%s:\t%s\n", k, v) }
	line("id", e.ID)
	line("name", e.Name)
	line("client", e.Client)
	line("site", e.Site)
	line("firm", e.Firm)
	line("author", e.Author)
	line("status", string(e.Status))
	line("pack", fmt.Sprintf("%s@%s (sha256 %.12s)", e.PackID, e.PackVersion, e.PackSHA256))
	line("languages", string(e.Langs))
	line("channel", e.Platform+" "+e.Channel)
	line("time zone", e.Timezone)
	line("created", e.CreatedAt.UTC().Format("2006-01-02 15:04 UTC")+" by "+e.CreatedBy.ID)
	total := rep.Summary[len(rep.Summary)-1].Self
	line("self round", fmt.Sprintf("%d/%d answered or flagged, %d not sure", total.Answered, total.Items, len(rep.Interview)))
	line("review round", fmt.Sprintf("%d items re-evaluated", rep.Reviewed))
	for i, p := range people {
		k := ""
		if i == 0 {
			k = "people:"
		}
		roles := make([]string, len(p.Roles))
		for j, r := range p.Roles {
			roles[j] = string(r)
		}
		slices.Sort(roles)
		fmt.Fprintf(tw, "%s\t%s (%s)\n", k, p.User.ID, strings.Join(roles, ", "))
	}
	tw.Flush()
}

func (m *Main) engagementClose(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string) error {
	pos, db, en, err := m.open(ctx, fs, dbPath, args, 1, "ID|NAME [--db PATH]")
	if err != nil {
		return err
	}
	defer db.Close()
	eng, err := findEngagement(ctx, db, "engagement close", pos[0])
	if err != nil {
		return err
	}
	if err := en.CloseEngagement(ctx, eng.ID); errors.Is(err, engine.ErrClosed) {
		return usagef("engagement close: %s (%s) is already closed", eng.Name, eng.ID)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "closed engagement %s (%s); a notice to its %s channel is queued\n", eng.Name, eng.ID, eng.Platform)
	return nil
}

func (m *Main) engagementPurge(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string) error {
	confirm := fs.Bool("confirm", false, "really delete every row of the engagement")
	pos, db, _, err := m.open(ctx, fs, dbPath, args, 1, "ID|NAME --confirm [--db PATH]")
	if err != nil {
		return err
	}
	defer db.Close()
	eng, err := findEngagement(ctx, db, "engagement purge", pos[0])
	if err != nil {
		return err
	}
	if !*confirm {
		return usagef("engagement purge: this deletes every answer, comment, translation and queued message of %s (%s) for good; run it again with --confirm", eng.Name, eng.ID)
	}
	if err := db.Purge(ctx, eng.ID); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "purged engagement %s (%s); backups made before now still hold it\n", eng.Name, eng.ID)
	return nil
}

func (m *Main) engagementCreate(ctx context.Context, fs *flag.FlagSet, dbPath *string, args []string) error {
	packID := fs.String("pack", assessment.DefaultPack, "pack id")
	langFlag := fs.String("lang", "both", "languages: ja, en or both")
	client := fs.String("client", "", "client name")
	site := fs.String("site", "", "site name")
	firm := fs.String("firm", "", "the assessing firm, printed on the report")
	author := fs.String("author", "", "the person who signs the report")
	tz := fs.String("tz", "Asia/Tokyo", "IANA time zone of the engagement")
	from := fs.String("from", "", "the engagement this one follows up (id or name): its open actions carry over")
	pos, db, en, err := m.open(ctx, fs, dbPath, args, 1, "NAME [--pack ID] [--lang ja|en|both] [--client NAME] [--site NAME] [--firm NAME] [--author NAME] [--tz ZONE] [--from OLD] [--db PATH]")
	if err != nil {
		return err
	}
	defer db.Close()
	lang, err := assessment.ParseLang(*langFlag)
	if err != nil {
		return usagef("engagement create: --lang: %v", err)
	}
	if eng, err := engine.FindEngagement(ctx, db, pos[0]); err == nil || errors.Is(err, engine.ErrAmbiguous) {
		id := "several"
		if eng != nil {
			id = eng.ID
		}
		return usagef("engagement create: an engagement named %q exists (%s); choose another name", pos[0], id)
	}
	eng, err := en.CreateEngagement(ctx, bot.EngagementSpec{
		Name: pos[0], Client: *client, Site: *site, Firm: *firm, Author: *author, PackID: *packID, Langs: lang, Timezone: *tz, From: *from,
		Platform: console.Platform, Workspace: console.Workspace, Channel: console.Channel, Creator: console.UserRef,
		People: map[bot.UserRef][]bot.Role{console.UserRef: {bot.RoleSPOC, bot.RoleLead, bot.RoleAssessor}},
	})
	var se *bot.SpecError
	if errors.As(err, &se) {
		what := "--" + se.Field
		switch se.Field {
		case "name":
			what = "NAME"
		case "from_map":
			what = "--from"
		}
		return usagef("engagement create: %s %s", what, se.Problem)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "created engagement %s (%s) on %s@%s; answer it with otassess chat --engagement %s\n", eng.Name, eng.ID, eng.PackID, eng.PackVersion, eng.ID)
	return nil
}
