package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// OutboxEntry is a queued message or a dead letter as an operator sees it
// (sqldb.OutboxEntry): never its text or attachments.
type OutboxEntry = sqldb.OutboxEntry

// OutboxFilter selects the entries OutboxEntries returns.
type OutboxFilter = sqldb.OutboxFilter

// OutboxEntries lists the outbox in id order (the order of delivery within
// a conversation), filtered by f.
func (db *DB) OutboxEntries(ctx context.Context, f OutboxFilter) ([]OutboxEntry, error) {
	err := db.flushSent(ctx)
	var out []OutboxEntry
	if err == nil {
		out, err = sqldb.OutboxEntries(ctx, db.reader, f)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: outbox entries: %w", err)
	}
	return out, nil
}

// NotDeadLetterError says some ids given to ReviveDeadLetters are not dead
// letters (see sqldb.NotDeadLetterError). Nothing was revived.
type NotDeadLetterError = sqldb.NotDeadLetterError

// ReviveDeadLetters queues the dead letters ids again as new (no attempts,
// due at now), so a running dispatcher sends them on its next poll. It is
// all or nothing: if any id is not a dead letter, it returns a
// *NotDeadLetterError naming them and revives none. Repeated ids count once.
func (db *DB) ReviveDeadLetters(ctx context.Context, ids []int64, now time.Time) error {
	return db.write(ctx, "revive dead letters", func(t *tx) error {
		return sqldb.ReviveIDs(t, ids, sqldb.FormatTime(now))
	})
}

// ReviveAllDead queues every dead letter of platform ("" for all) again,
// as ReviveDeadLetters does, and returns their ids in order.
func (db *DB) ReviveAllDead(ctx context.Context, platform string, now time.Time) ([]int64, error) {
	var ids []int64
	err := db.write(ctx, "revive dead letters", func(t *tx) error {
		var err error
		ids, err = sqldb.ReviveAll(t, platform, sqldb.FormatTime(now))
		return err
	})
	return ids, err
}

// write runs fn in one write transaction (the engine's write lock taken)
// and commits it if fn returns nil; fn's error is returned as is.
func (db *DB) write(ctx context.Context, what string, fn func(*tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: %s: %w", what, err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
	t := newTx(ctx, sqlTx, false, nil, db.sql)
	if err := t.lock(); err != nil {
		return fmt.Errorf("storage: %s: %w", what, err)
	}
	if err := fn(t); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("storage: %s: commit: %w", what, err)
	}
	return nil
}
