package sqldb

import (
	"context"
	"database/sql"
	"fmt"
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
