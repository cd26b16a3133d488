package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/otassess/otassess/storage"
)

// leaseTTL is how long a serve's claim on its database lasts without
// renewal; a crashed server blocks a new one at most this long.
const leaseTTL = time.Minute

// lease is serve's claim that it alone works on the database; Run renews
// it until ctx ends and then releases it.
type lease struct {
	db     *storage.DB
	holder string
	log    *slog.Logger
}

// claimLease takes the serve lease or explains who holds it.
func claimLease(ctx context.Context, db *storage.DB, log *slog.Logger) (*lease, error) {
	host, _ := os.Hostname()
	l := &lease{db: db, holder: fmt.Sprintf("%s/%d", host, os.Getpid()), log: log}
	err := db.AcquireLease(ctx, "serve", l.holder, time.Now(), leaseTTL)
	var held *storage.LeaseHeldError
	if errors.As(err, &held) {
		return nil, usagef("serve: another otassess serve (%s) is using %s until %s; run one server per database",
			held.Holder, db.Path(), held.Until.Local().Format(time.DateTime))
	}
	return l, err
}

// Run renews the lease every third of its lifetime and releases it at the end.
func (l *lease) Run(ctx context.Context) error {
	tick := time.NewTicker(leaseTTL / 3)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return l.db.ReleaseLease(context.WithoutCancel(ctx), "serve", l.holder)
		case <-tick.C:
			if err := l.db.AcquireLease(ctx, "serve", l.holder, time.Now(), leaseTTL); err != nil && ctx.Err() == nil {
				return fmt.Errorf("serve: renew database lease: %w", err)
			}
		}
	}
}
