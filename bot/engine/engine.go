package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// mayCreate reports whether a user may create engagements.
func (e *Engine) mayCreate(user string) bool {
	return len(e.cfg.Creators) == 0 || slices.Contains(e.cfg.Creators, user)
}

// Engine runs conversations: it turns Events into state changes and queued
// Replies. It is safe for concurrent use.
type Engine struct {
	store bot.Store
	packs bot.Packs
	clock bot.Clock
	log   *slog.Logger
	cfg   bot.Config

	mu     sync.Mutex
	pinned map[string]*assessment.Pack // by sha256: packs as engagements pinned them

	stats struct{ handled, duplicates, failed atomic.Uint64 }
}

// New returns an engine over a store and the known packs.
func New(store bot.Store, packs bot.Packs, clock bot.Clock, log *slog.Logger, cfg bot.Config) *Engine {
	if cfg.MaxComment == 0 {
		cfg.MaxComment = 2000
	}
	if cfg.MessageRetention == 0 {
		cfg.MessageRetention = 30 * 24 * time.Hour
	}
	if cfg.MaxFile == 0 {
		cfg.MaxFile = bot.DefaultMaxFile
	}
	if cfg.MaxEvidence == 0 {
		cfg.MaxEvidence = bot.DefaultMaxEvidence
	}
	return &Engine{store: store, packs: packs, clock: clock, log: log, cfg: cfg, pinned: map[string]*assessment.Pack{}}
}

// Handle processes one event in one transaction: it records the event key
// (a key seen before changes nothing), applies the change and queues the
// replies. When Handle returns nil the change is committed; an error means
// nothing was changed and the platform may redeliver.
func (e *Engine) Handle(ctx context.Context, ev bot.Event) (bot.Result, error) {
	var res bot.Result
	err := e.store.Update(ctx, func(tx bot.Tx) error {
		now := e.clock.Now().UTC()
		if ev.Key != "" {
			first, err := tx.MarkProcessed(ev.Key, now)
			if err != nil {
				return err
			}
			if !first {
				res.Duplicate = true
				return nil
			}
		}
		t := &turn{e: e, tx: &memoTx{Tx: tx}, ev: ev, now: now}
		if err := t.run(); err != nil {
			return err
		}
		res.Respond = t.respond
		return nil
	})
	if err != nil {
		e.stats.failed.Add(1)
		return bot.Result{}, fmt.Errorf("bot: handle %s event: %w", ev.Platform, err)
	}
	e.stats.handled.Add(1)
	if res.Duplicate {
		e.stats.duplicates.Add(1)
		e.log.Debug("Duplicate event ignored", slog.String("event_key", ev.Key))
	}
	return res, nil
}

// Stats are counters since the engine started, for /metrics.
type Stats struct {
	Handled, Duplicates, Failed uint64
}

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	return Stats{Handled: e.stats.handled.Load(), Duplicates: e.stats.duplicates.Load(), Failed: e.stats.failed.Load()}
}

// Pack returns the pinned pack of an engagement, parsing its source once
// per digest: from eng.PackBytes when they are set (an engagement being
// created), else read from the store in a read-only transaction of its own.
func (e *Engine) Pack(eng *bot.Engagement) (*assessment.Pack, error) {
	return e.pack(eng, func() ([]byte, error) {
		var src []byte
		err := e.store.View(context.Background(), func(tx bot.Tx) error {
			var err error
			src, err = tx.PackBytes(eng.PackSHA256)
			return err
		})
		return src, err
	})
}

// PackIn is Pack inside a transaction, which reads the source on a miss.
func (e *Engine) PackIn(tx bot.Tx, eng *bot.Engagement) (*assessment.Pack, error) {
	return e.pack(eng, func() ([]byte, error) { return tx.PackBytes(eng.PackSHA256) })
}

func (e *Engine) pack(eng *bot.Engagement, load func() ([]byte, error)) (*assessment.Pack, error) {
	e.mu.Lock()
	p, ok := e.pinned[eng.PackSHA256]
	e.mu.Unlock()
	if ok {
		return p, nil
	}
	src, err := eng.PackBytes, error(nil)
	if len(src) == 0 {
		src, err = load()
	}
	if err == nil {
		p, err = assessment.ParsePack(eng.PackID+"@"+eng.PackVersion, src)
	}
	if err != nil {
		return nil, fmt.Errorf("bot: pinned pack of engagement %s: %w", eng.ID, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pinned[eng.PackSHA256] = p
	return p, nil
}

// newID returns a short random engagement id.
func newID() string {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// Store is the engine's store, for the worker and the scheduler.
func (e *Engine) Store() bot.Store { return e.store }

// Clock is the engine's clock.
func (e *Engine) Clock() bot.Clock { return e.clock }

// Config is the engine's configuration, with its defaults filled in.
func (e *Engine) Config() bot.Config { return e.cfg }
