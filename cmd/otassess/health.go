package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/otassess/otassess/storage"
)

// readyCheckEvery is how long /readyz trusts its last PRAGMA quick_check:
// the check reads the whole file, and probes come every few seconds.
const readyCheckEvery = time.Minute

// readiness answers /readyz: the database answers and its last quick check
// (at most readyCheckEvery old) found no damage.
type readiness struct {
	db    *storage.DB
	check func(context.Context) ([]string, error)
	now   func() time.Time

	mu       sync.Mutex
	at       time.Time
	problems []string
}

func newReadiness(db *storage.DB) *readiness {
	return &readiness{db: db, check: db.QuickCheck, now: time.Now}
}

// damage is the cached quick check's findings, checking again when stale.
func (r *readiness) damage(ctx context.Context) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.at.IsZero() && r.now().Sub(r.at) < readyCheckEvery {
		return r.problems, nil
	}
	problems, err := r.check(ctx)
	if err != nil {
		return nil, err
	}
	r.at, r.problems = r.now(), problems
	return problems, nil
}

// health registers /healthz (the process is up) and /readyz (the database
// answers and is not damaged).
func health(mux *http.ServeMux, r *readiness) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		if err := r.db.Ping(req.Context()); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		problems, err := r.damage(req.Context())
		if err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		if len(problems) > 0 {
			http.Error(w, "database damaged: "+strings.Join(problems, "; ")+"; run otassess backup to save what can be read", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
		// The single roles this replica holds (scheduler, slack-socket,
		// discord-gateway): on PostgreSQL, one replica holds each.
		fmt.Fprintf(w, "roles: %s\n", strings.Join(r.db.Roles(), " "))
	})
}

// checkIntact refuses to serve a damaged database, before anything is
// written to it, and says what to do. Its check is the one /readyz answers
// from until the cache is stale, so start-up reads the file once.
func (r *readiness) checkIntact(ctx context.Context) error {
	db := r.db
	problems, err := r.damage(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("serve: the database %s is damaged (PRAGMA quick_check: %s); serve stopped before changing it. "+
			"Save what can be read with: otassess backup --db %s --to %s.saved (it says how to put the copy in place)",
			db.Path(), strings.Join(problems, "; "), db.Path(), db.Path())
	}
	return nil
}
