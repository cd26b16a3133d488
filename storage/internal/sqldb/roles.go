package sqldb

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/otassess/otassess/storage/postgres"
)

// RoleRetry is how often a replica that does not hold a role tries to take
// it, and how often a holder checks that it still does: a role moves to
// another replica within a few of these after its holder dies.
const RoleRetry = 2 * time.Second

// Roles runs and tracks the single roles (the scheduler, Slack Socket
// Mode, the Discord gateway) this process holds.
type Roles struct {
	pool Pool
	mu   sync.Mutex
	held map[string]bool
}

// NewRoles tracks the roles taken on p's database.
func NewRoles(p Pool) *Roles { return &Roles{pool: p, held: map[string]bool{}} }

func (r *Roles) set(name string, on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if on {
		r.held[name] = true
	} else {
		delete(r.held, name)
	}
}

// Held lists the single roles this process holds now, sorted.
func (r *Roles) Held() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for n := range r.held {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Run runs fn while this process holds the single role name, until ctx
// ends. On SQLite the process holds every role (one serve per file, which
// serve's lock file enforces), so fn runs at once. On PostgreSQL a replica
// holds a role while it holds the role's advisory lock on a connection of
// its own: Run tries every RoleRetry until it gets the lock, runs fn
// with a context that ends if the lock is lost, and tries again after fn
// returns. It returns fn's error, or nil when ctx ends.
func (r *Roles) Run(ctx context.Context, name string, fn func(context.Context) error) error {
	if !r.pool.D.ElectsRoles {
		r.set(name, true)
		defer r.set(name, false)
		return fn(ctx)
	}
	for ctx.Err() == nil {
		lock, ok, err := postgres.TryLock(ctx, r.pool.DB, name)
		if err == nil && ok {
			err = r.hold(ctx, name, lock, fn)
			if err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(RoleRetry):
		}
	}
	return nil
}

// hold runs fn under a held lock until fn returns or the lock is lost,
// then releases it.
func (r *Roles) hold(ctx context.Context, name string, lock *postgres.Lock, fn func(context.Context) error) error {
	r.set(name, true)
	defer r.set(name, false)
	defer lock.Release() //nolint:errcheck // closing the connection releases it anyway
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lost := make(chan error, 1)
	go func() {
		err := lock.Watch(rctx, RoleRetry)
		if err != nil {
			cancel() // the role may be another replica's now: stop acting in it
		}
		lost <- err
	}()
	err := fn(rctx)
	cancel()
	if lostErr := <-lost; lostErr != nil || ctx.Err() != nil {
		return nil // lost (try again) or stopping
	}
	return err
}
