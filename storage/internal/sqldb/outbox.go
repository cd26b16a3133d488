package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/otassess/otassess/bot"
)

// OutboxEntry is a queued message or a dead letter as an operator sees it:
// where it goes and how it fared, never its text or attachments, which may
// hold a client's answers.
type OutboxEntry struct {
	ID           int64
	Platform     string
	Engagement   string // "" when the message belongs to no engagement
	Conversation string // "" for a direct message to User
	User         bot.UserRef
	Attempts     int
	CreatedAt    time.Time
	NotBefore    time.Time
	DeadAt       time.Time // zero while the message is queued
	DeadReason   string
}

// Dead reports whether the entry is a dead letter.
func (e OutboxEntry) Dead() bool { return !e.DeadAt.IsZero() }

// OutboxFilter selects the entries OutboxEntries returns.
type OutboxFilter struct {
	Platform string // "" for every platform
	DeadOnly bool   // only dead letters
}

// OutboxEntries lists the outbox in id order (the order of delivery within
// a conversation), filtered by f.
func OutboxEntries(ctx context.Context, p Pool, f OutboxFilter) ([]OutboxEntry, error) {
	rows, err := p.QueryContext(ctx, p.D.OutboxEntries, f.Platform, f.Platform, f.DeadOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		e, err := scanOutboxEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func scanOutboxEntry(rows *sql.Rows) (OutboxEntry, error) {
	var e OutboxEntry
	var created, notBefore, deadAt string
	err := rows.Scan(&e.ID, &e.Platform, &e.Engagement, &e.Conversation, &e.User.Platform, &e.User.Workspace,
		&e.User.ID, &e.Attempts, &created, &notBefore, &deadAt, &e.DeadReason)
	if err != nil {
		return e, err
	}
	if e.CreatedAt, err = parseTime(created); err != nil {
		return e, err
	}
	if e.NotBefore, err = parseTime(notBefore); err != nil {
		return e, err
	}
	if deadAt != "" {
		e.DeadAt, err = parseTime(deadAt)
	}
	return e, err
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// Stmts runs statements in a transaction of package storage.
type Stmts interface {
	Exec(query string, args ...any) (sql.Result, error)
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// reviveSQL makes a dead letter a fresh queued message, due at once.
const reviveSQL = `UPDATE outbox SET dead_at = NULL, dead_reason = '', attempts = 0, not_before = ?
	WHERE dead_at IS NOT NULL AND `

// ReviveIDs queues the dead letters ids again as new, due at now, all or
// nothing: if any id is not a dead letter, it returns a
// *NotDeadLetterError naming them and revives none. Repeated ids count once.
func ReviveIDs(t Stmts, ids []int64, now string) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
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
		if _, err := t.Exec(reviveSQL+"id = ?", now, id); err != nil {
			return fmt.Errorf("storage: revive %d: %w", id, err)
		}
	}
	return nil
}

// ReviveAll queues every dead letter of platform ("" for all) again, due
// at now, and returns their ids in order.
func ReviveAll(t Stmts, platform, now string) ([]int64, error) {
	rows, err := t.Query(reviveSQL+"(? = '' OR platform = ?) RETURNING id", now, platform, platform)
	if err != nil {
		return nil, fmt.Errorf("storage: revive dead letters: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: revive dead letters: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: revive dead letters: %w", err)
	}
	slices.Sort(ids)
	return ids, nil
}
