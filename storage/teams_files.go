package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SaveTeamsFile keeps a file the Teams adapter offers, in state offered,
// and returns its id: a new random one, or the id already saved under key
// (the same offer retried). record is the adapter's JSON.
func (db *DB) SaveTeamsFile(ctx context.Context, key, engagement string, record, data []byte, at time.Time) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("storage: save Teams file %s: %w", key, err)
	}
	_, err := db.writer.ExecContext(ctx, `INSERT INTO teams_files (id, key, engagement_id, state, record, data, created_at, updated_at)
		VALUES (?, ?, ?, 'offered', ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		hex.EncodeToString(b[:]), key, engagement, string(record), data, sqldb.FormatTime(at), sqldb.FormatTime(at))
	if err != nil {
		return "", fmt.Errorf("storage: save Teams file %s: %w", key, err)
	}
	var id string
	if err := db.writer.QueryRowContext(ctx, "SELECT id FROM teams_files WHERE key = ?", key).Scan(&id); err != nil {
		return "", fmt.Errorf("storage: save Teams file %s: %w", key, err)
	}
	return id, nil
}

// TeamsFile is a kept file's state, record and data; an error wrapping
// bot.ErrNotFound when there is none (never offered, pruned or purged).
func (db *DB) TeamsFile(ctx context.Context, id string) (state string, record, data []byte, err error) {
	var rec string
	err = db.reader.QueryRowContext(ctx, "SELECT state, record, data FROM teams_files WHERE id = ?", id).Scan(&state, &rec, &data)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", nil, nil, sqldb.NotFound("Teams file %s", id)
	case err != nil:
		return "", nil, nil, fmt.Errorf("storage: Teams file %s: %w", id, err)
	}
	return state, []byte(rec), data, nil
}

// MoveTeamsFile changes a kept file from state from to state to, with a
// new record when record is not nil, and in the same transaction queues
// then when it is not nil. It reports false, changing nothing, when the
// file is not in state from (answered before: a redelivered accept).
// Leaving the offered state drops the data unless keep is true.
func (db *DB) MoveTeamsFile(ctx context.Context, id, from, to string, record []byte, keep bool, then *bot.Outgoing, at time.Time) (bool, error) {
	moved := false
	err := db.Update(ctx, func(t bot.Tx) error {
		tx := t.(*tx)
		q := `UPDATE teams_files SET state = ?, record = COALESCE(?, record), updated_at = ?,
			data = CASE WHEN ? = 1 THEN data ELSE substr(data, 1, 0) END WHERE id = ? AND state = ?`
		var rec any
		if record != nil {
			rec = string(record)
		}
		res, err := tx.Exec(q, to, rec, sqldb.FormatTime(at), keep, id, from)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		moved = true
		if then == nil {
			return nil
		}
		return tx.Enqueue(*then)
	})
	if err != nil {
		return false, fmt.Errorf("storage: move Teams file %s to %s: %w", id, to, err)
	}
	return moved, nil
}

// PruneTeamsFiles deletes the kept files offered before a time and
// returns how many.
func (db *DB) PruneTeamsFiles(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.writer.ExecContext(ctx, "DELETE FROM teams_files WHERE created_at < ?", sqldb.FormatTime(before))
	if err != nil {
		return 0, fmt.Errorf("storage: prune Teams files: %w", err)
	}
	return res.RowsAffected()
}
