package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// LeaseHeldError says another process holds a lease.
type LeaseHeldError struct {
	Name, Holder string
	Until        time.Time
}

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("storage: lease %s is held by %s until %s", e.Name, e.Holder, e.Until.Format(time.RFC3339))
}

// AcquireLease takes or renews the lease name for holder until now+ttl. It
// fails with *LeaseHeldError while another holder's lease has not expired,
// so that two servers never work on one database.
func (db *DB) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: lease %s: %w", name, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	var cur, until string
	err = tx.QueryRowContext(ctx, "SELECT holder, expires_at FROM leases WHERE name = ?", name).Scan(&cur, &until)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("storage: lease %s: %w", name, err)
	case cur != holder:
		exp, err := parseTime(until)
		if err != nil {
			return fmt.Errorf("storage: lease %s: %w", name, err)
		}
		if exp.After(now) {
			return &LeaseHeldError{Name: name, Holder: cur, Until: exp}
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
		name, holder, formatTime(now.Add(ttl)))
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return fmt.Errorf("storage: lease %s: %w", name, err)
	}
	return nil
}

// ReleaseLease gives up a lease if holder still holds it.
func (db *DB) ReleaseLease(ctx context.Context, name, holder string) error {
	if _, err := db.writer.ExecContext(ctx, "DELETE FROM leases WHERE name = ? AND holder = ?", name, holder); err != nil {
		return fmt.Errorf("storage: release lease %s: %w", name, err)
	}
	return nil
}
