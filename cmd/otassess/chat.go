package main

import (
	"context"
	"errors"
	"flag"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/bot/worker"
	"github.com/otassess/otassess/storage"
)

// chat runs the console chat on standard input and output.
func (m *Main) chat(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	langFlag := fs.String("lang", "", "language: ja, en or both")
	packID := fs.String("pack", assessment.DefaultPack, "pack for a new engagement")
	name := fs.String("engagement", "console", "engagement id or name; created if missing")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	var lang assessment.Lang
	if *langFlag != "" {
		l, err := assessment.ParseLang(*langFlag)
		if err != nil {
			return usagef("chat: --lang: %v", err)
		}
		lang = l
	}
	c, err := m.settings(*dbPath)
	if err != nil {
		return err
	}
	reg, err := registry(c)
	if err != nil {
		return err
	}
	if _, err := reg.Get(*packID); err != nil {
		return usagef("chat: --pack: %v", err)
	}
	db, err := openPinnedDB(ctx, c, reg)
	if err != nil {
		return err
	}
	defer db.Close()
	log := m.logger(c)
	bc, err := engineConfig(c, db)
	if err != nil {
		return err
	}
	warnModel(log, c)
	// One local person, and the worker's last tick must print every
	// translation before a piped session exits: no batching window here
	// (piped comments arrive together and share a call anyway).
	bc.TranslateWindow = 0
	en := engine.New(db, reg, bot.SystemClock{}, log, bc)
	eng, err := consoleEngagement(ctx, db, en, *name, *packID, lang)
	if err != nil {
		return err
	}
	if lang != "" {
		if err := en.SetLang(ctx, eng.ID, console.UserRef, lang); err != nil {
			return err
		}
	}
	disp := &outbox.Dispatcher{Store: db, Sender: &console.Sender{Out: m.Stdout, Dir: filepath.Dir(c.DB)}, Platform: console.Platform, Clock: bot.SystemClock{}, Log: log, Renderer: en}
	first := "next"
	if eng.Status == bot.StatusDraft {
		first = "start"
	}
	chat := &console.Chat{Engine: en, Dispatcher: disp, Out: m.Stdout, Engagement: eng.ID, MaxFile: bc.MaxFile, MaxEvidence: bc.MaxEvidence,
		Locale: m.locale(), Name: osUserName(m.Getenv)}
	if bc.Model == nil {
		return chat.Run(ctx, m.Stdin, first)
	}
	jobs := worker.New(en, log, 0)
	jobs.SetLimits(modelLimits(c))
	return withWorker(ctx, jobs, disp, func() error { return chat.Run(ctx, m.Stdin, first) })
}

// withWorker runs the model worker beside the console chat: it ticks in
// the background while the chat reads input (its channel posts print with
// the next turn's), and once more when the input ends, so a piped session
// prints every translation before it exits.
func withWorker(ctx context.Context, w *worker.Worker, disp *outbox.Dispatcher, chat func() error) error {
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(workerInterval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				_ = w.Tick(ctx) // a failure is retried at the next tick; the final one reports it
			}
		}
	}()
	err := chat()
	close(stop)
	<-done // an in-flight tick finishes: its jobs are not left leased
	if err != nil {
		return err
	}
	if err := w.Tick(ctx); err != nil {
		return err
	}
	_, err = disp.Drain(ctx)
	return err
}

// workerInterval is how often the console runs the model worker.
const workerInterval = 2 * time.Second

// consoleEngagement finds the named console engagement or creates it with
// the local user in every role.
func consoleEngagement(ctx context.Context, db *storage.DB, en *engine.Engine, ref, packID string, lang assessment.Lang) (*bot.Engagement, error) {
	eng, err := engine.FindEngagement(ctx, db, ref)
	switch {
	case errors.Is(err, engine.ErrAmbiguous):
		return nil, &usageError{err.Error()}
	case errors.Is(err, bot.ErrNotFound):
		return en.CreateEngagement(ctx, bot.EngagementSpec{
			Name: ref, PackID: packID, Langs: orBoth(lang),
			Platform: console.Platform, Workspace: console.Workspace, Channel: console.Channel,
			Creator: console.UserRef,
			People:  map[bot.UserRef][]bot.Role{console.UserRef: {bot.RoleSPOC, bot.RoleLead, bot.RoleAssessor}},
		})
	case err != nil:
		return nil, err
	case eng.Platform != console.Platform:
		return nil, usagef("chat: engagement %q runs on %s; the console can only open console engagements", ref, eng.Platform)
	}
	return eng, nil
}

func orBoth(l assessment.Lang) assessment.Lang {
	if l == "" {
		return assessment.Both
	}
	return l
}

// locale is the console person's locale, as POSIX reads it: LC_ALL, then
// LC_MESSAGES, then LANG ("ja_JP.UTF-8"). --lang, when given, is stored as
// their setting and wins over it.
func (m *Main) locale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := m.Getenv(k); v != "" {
			return strings.ReplaceAll(v, "_", "-")
		}
	}
	return ""
}

// osUserName is the name of the person at the console: the OS account's
// full name, else its login name, else $USER; "" when none is known.
func osUserName(getenv func(string) string) string {
	if u, err := user.Current(); err == nil {
		if name := strings.TrimSpace(strings.Split(u.Name, ",")[0]); name != "" {
			return name
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return getenv("USER")
}
