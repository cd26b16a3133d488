package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
	out, err := sqldb.OutboxEntries(ctx, db.reader, f)
	if err != nil {
		return nil, fmt.Errorf("storage: outbox entries: %w", err)
	}
	return out, nil
}

// NotDeadLetterError says some ids given to ReviveDeadLetters are not dead
// letters (see sqldb.NotDeadLetterError). Nothing was revived.
type NotDeadLetterError = sqldb.NotDeadLetterError

// reviveSQL makes a dead letter a fresh queued message, due at once.
const reviveSQL = `UPDATE outbox SET dead_at = NULL, dead_reason = '', attempts = 0, not_before = ?
	WHERE dead_at IS NOT NULL AND `

// ReviveDeadLetters queues the dead letters ids again as new (no attempts,
// due at now), so a running dispatcher sends them on its next poll. It is
// all or nothing: if any id is not a dead letter, it returns a
// *NotDeadLetterError naming them and revives none. Repeated ids count once.
func (db *DB) ReviveDeadLetters(ctx context.Context, ids []int64, now time.Time) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	return db.write(ctx, "revive dead letters", func(t *tx) error {
		bad := &NotDeadLetterError{}
		for _, id := range ids {
			var dead bool
			err := t.QueryRow("SELECT dead_at IS NOT NULL FROM outbox WHERE id = ?", id).Scan(&dead)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				bad.Unknown = append(bad.Unknown, id)
			case err != nil:
				return fmt.Errorf("storage: revive %d: %w", id, err)
			case !dead:
				bad.Live = append(bad.Live, id)
			}
		}
		if len(bad.Unknown)+len(bad.Live) > 0 {
			return bad
		}
		for _, id := range ids {
			if _, err := t.Exec(reviveSQL+"id = ?", sqldb.FormatTime(now), id); err != nil {
				return fmt.Errorf("storage: revive %d: %w", id, err)
			}
		}
		return nil
	})
}

// ReviveAllDead queues every dead letter of platform ("" for all) again,
// as ReviveDeadLetters does, and returns their ids in order.
func (db *DB) ReviveAllDead(ctx context.Context, platform string, now time.Time) ([]int64, error) {
	var ids []int64
	err := db.write(ctx, "revive dead letters", func(t *tx) error {
		rows, err := t.Query(reviveSQL+"(? = '' OR platform = ?) RETURNING id", sqldb.FormatTime(now), platform, platform)
		if err != nil {
			return fmt.Errorf("storage: revive dead letters: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("storage: revive dead letters: %w", err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("storage: revive dead letters: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return ids, nil
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
