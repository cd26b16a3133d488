package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/scheduler"
	"github.com/otassess/otassess/bot/worker"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/storage"
)

// wiring is what every platform adapter is built from.
type wiring struct {
	cfg   config.Config
	db    *storage.DB
	packs *assessment.Registry
	en    *engine.Engine
	mux   *http.ServeMux
	log   *slog.Logger
	// fetchers collects each started adapter's file fetcher, by platform,
	// for the model worker that downloads posted transcripts.
	fetchers map[string]worker.FileFetcher
}

// platform builds one adapter when its settings are present. It returns
// nil when the platform is not configured, and an error naming the setting
// when its settings are incomplete or contradictory.
type platform func(ctx context.Context, w wiring) (runner, error)

// runner is a started adapter: Run blocks until ctx is done.
type runner interface {
	Run(ctx context.Context) error
}

// optimizer keeps the database's query statistics current while serving
// (storage.DB.Optimize), once an hour.
type optimizer struct {
	db  *storage.DB
	log *slog.Logger
}

func (o optimizer) Run(ctx context.Context) error {
	return bot.Every(ctx, time.Hour, o.log, "Database optimize", o.db.Optimize)
}

// role runs r only while this process holds the single role name: on
// PostgreSQL, one replica at a time (storage.DB.RunRole); on SQLite, the
// one serve.
type role struct {
	db   *storage.DB
	name string
	r    runner
}

func (r role) Run(ctx context.Context) error { return r.db.RunRole(ctx, r.name, r.r.Run) }

// platforms lists the adapters serve knows, in start order.
var platforms = []platform{discordPlatform, slackPlatform, teamsPlatform}

// serve runs every configured adapter, their outbox dispatchers and the
// HTTP listener until SIGINT or SIGTERM, then shuts down gracefully.
func (m *Main) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	file := fs.String("config", "", "YAML settings file (environment variables override it)")
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB, the file's db, or ./otassess.db)")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	c, err := config.Load(*file, m.Getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	if *dbPath != "" {
		c.DB = *dbPath
	}
	tuneGC(m.Getenv)
	reg, err := registry(c)
	if err != nil {
		return err
	}
	lock, err := lockDatabase(c.DB)
	if err != nil {
		return err
	}
	defer lock.Release()
	db, err := openPinnedDB(ctx, c, reg)
	if err != nil {
		return err
	}
	defer db.Close()
	ready := newReadiness(db)
	if err := ready.checkIntact(ctx); err != nil {
		return err
	}
	log := m.logger(c)
	bc, err := engineConfig(c, db)
	if err != nil {
		return err
	}
	meter := newProductMetrics()
	bc.Model = meter.model(bc.Model)
	w := wiring{cfg: c, db: db, packs: reg, mux: http.NewServeMux(), log: log,
		en: engine.New(db, reg, bot.SystemClock{}, log, bc), fetchers: map[string]worker.FileFetcher{}}
	var runners []runner
	for _, p := range platforms {
		r, err := p(ctx, w)
		if err != nil {
			return &usageError{err.Error()}
		}
		if r != nil {
			runners = append(runners, r)
		}
	}
	if len(runners) == 0 {
		return usagef("serve: no chat platform is configured: set SLACK_BOT_TOKEN (Slack), DISCORD_BOT_TOKEN (Discord) or TEAMS_APP_ID (Teams); for a local trial run otassess chat")
	}
	health(w.mux, ready)
	serveMetrics(w.mux, meter, w.en, db)
	if bc.Model != nil {
		info := bc.Model.Info()
		log.Info("Language model configured", slog.String("engine", info.Engine), slog.String("model", info.Model))
		warnModel(log, c)
	}
	// The model worker runs even without a model: it skips jobs queued
	// while one was configured and prunes stored channel messages. It
	// downloads posted transcripts through the adapters' fetchers.
	jobs := worker.New(w.en, log, 0)
	jobs.Observe(meter.job)
	jobs.SetLimits(modelLimits(c))
	for p, f := range w.fetchers {
		jobs.SetFetcher(p, f)
	}
	runners = append(runners, role{db, "scheduler", scheduler.New(w.en, log, 0)}, jobs, optimizer{db, log})
	return runAll(ctx, log, c.HTTPAddr, w.mux, runners)
}

// modelLimits are the worker's bounds from the settings (validated by
// config.Load).
func modelLimits(c config.Config) worker.Limits {
	l, _ := c.ModelLimits()
	return worker.Limits{Concurrency: l.Concurrency, Interactive: l.Interactive, Batch: l.Batch}
}

// engineConfig is the engine's configuration from the settings: who may
// create engagements, the report renderer, the language model (nil when
// none is configured) over the database's translation cache, how long
// stored channel messages are kept, and the largest transcript file (which
// the console also reads up to).
func engineConfig(c config.Config, db *storage.DB) (bot.Config, error) {
	retention, err := c.MessageRetention()
	if err != nil {
		return bot.Config{}, &usageError{err.Error()}
	}
	window, err := c.TranslateWindow()
	if err != nil {
		return bot.Config{}, &usageError{err.Error()}
	}
	maxEvidence, err := c.MaxEvidence()
	if err != nil {
		return bot.Config{}, &usageError{err.Error()}
	}
	m, err := newModel(c, db.TranslationCache())
	if err != nil {
		return bot.Config{}, err
	}
	return bot.Config{Model: m, MessageRetention: retention, Creators: c.CreatorIDs(), Renderer: reportRenderer{},
		MaxFile: bot.DefaultMaxFile, MaxEvidence: maxEvidence, TranslateWindow: window}, nil
}

// runAll serves HTTP and runs the adapters; when ctx ends it stops taking
// requests, lets in-flight ones finish (up to 10 s) and waits for the adapters.
func runAll(ctx context.Context, log *slog.Logger, addr string, mux *http.ServeMux, runners []runner) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("OTASSESS_HTTP_ADDR: %v", err)
	}
	// Webhook bodies are small and answered within the platforms' 3 s, so
	// a client that sends or reads slowly is cut off rather than held.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	log.Info("Serving", slog.String("addr", ln.Addr().String()), slog.Int("adapters", len(runners)))
	var wg sync.WaitGroup
	errs := make(chan error, len(runners)+1)
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs <- err
		}
	})
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, r := range runners {
		wg.Go(func() {
			if err := r.Run(runCtx); err != nil {
				errs <- err
				cancel()
			}
		})
	}
	select {
	case <-runCtx.Done():
	case err = <-errs:
	}
	shutdownCtx, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer done()
	_ = srv.Shutdown(shutdownCtx)
	cancel()
	wg.Wait()
	log.Info("Stopped")
	return err
}
