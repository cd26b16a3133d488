package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
)

const enqueueSQL = `INSERT INTO outbox (platform, conversation, user_platform, user_workspace, user_id,
		reply, attempts, not_before, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// Enqueue queues a message in the current transaction, so it is sent if and
// only if the state change that produced it commits. A zero NotBefore means
// at once.
func (t *tx) Enqueue(o bot.Outgoing) error {
	reply, err := json.Marshal(o.Reply)
	if err == nil {
		_, err = t.exec(enqueueSQL,
			o.Platform, o.Conversation, o.User.Platform, o.User.Workspace, o.User.ID,
			string(reply), o.Attempts, formatTime(o.NotBefore), formatTime(time.Now()))
	}
	if err != nil {
		return fmt.Errorf("storage: enqueue for %s/%s: %w", o.Platform, o.Conversation, err)
	}
	return nil
}

// Outbox returns a platform's messages that are due at now, oldest first
// and at most limit, leaving out every message queued behind one that is
// not due yet. A queue is a conversation, or a DM recipient when
// Conversation is empty; so a waiting message holds back the rest of its
// queue, and each queue stays in order. Dead letters are neither returned
// nor hold anything back. A limit of zero or less returns none.
func (db *DB) Outbox(ctx context.Context, platform string, now time.Time, limit int) ([]bot.Outgoing, error) {
	if limit <= 0 {
		return nil, nil
	}
	at := formatTime(now)
	rows, err := db.reader.QueryContext(ctx, `SELECT o.id, o.platform, o.conversation,
			o.user_platform, o.user_workspace, o.user_id, o.reply, o.attempts, o.not_before
		FROM outbox o
		WHERE o.platform = ? AND o.not_before <= ? AND o.dead_at IS NULL
		  AND NOT EXISTS (SELECT 1 FROM outbox w
			WHERE w.platform = o.platform AND w.queue = o.queue AND w.id < o.id AND w.not_before > ?
			  AND w.dead_at IS NULL)
		ORDER BY o.id LIMIT ?`,
		platform, at, at, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: outbox of %s: %w", platform, err)
	}
	defer rows.Close()
	var out []bot.Outgoing
	for rows.Next() {
		o, err := scanOutgoing(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: outbox of %s: %w", platform, err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: outbox of %s: %w", platform, err)
	}
	return out, nil
}

func scanOutgoing(rows interface{ Scan(...any) error }) (bot.Outgoing, error) {
	var o bot.Outgoing
	var reply, notBefore string
	err := rows.Scan(&o.ID, &o.Platform, &o.Conversation, &o.User.Platform, &o.User.Workspace, &o.User.ID,
		&reply, &o.Attempts, &notBefore)
	if err != nil {
		return o, err
	}
	if err := json.Unmarshal([]byte(reply), &o.Reply); err != nil {
		return o, fmt.Errorf("message %d: bad reply: %w", o.ID, err)
	}
	o.NotBefore, err = parseTime(notBefore)
	return o, err
}

// MarkSent deletes a delivered message from the queue. A message that is
// already gone is not an error: the queue is in the state asked for. A
// dead letter is kept.
func (db *DB) MarkSent(ctx context.Context, id int64) error {
	if _, err := db.writer.ExecContext(ctx, "DELETE FROM outbox WHERE id = ? AND dead_at IS NULL", id); err != nil {
		return fmt.Errorf("storage: mark sent %d: %w", id, err)
	}
	return nil
}

// Retry keeps a message queued until notBefore, and counts the attempt when
// failed is true (a failed delivery, not mere pacing). It returns an error
// wrapping bot.ErrNotFound if the message is not queued (or is a dead letter).
func (db *DB) Retry(ctx context.Context, id int64, notBefore time.Time, failed bool) error {
	res, err := db.writer.ExecContext(ctx, "UPDATE outbox SET attempts = attempts + ?, not_before = ? WHERE id = ? AND dead_at IS NULL",
		failed, formatTime(notBefore), id)
	if err != nil {
		return fmt.Errorf("storage: retry %d: %w", id, err)
	}
	return mustAffect(res, "retry: message %d", id)
}

// DeadLetter turns a queued message into a dead letter at at, for reason (a
// short code). It reports whether another message of the same queue was
// dead-lettered for the same reason since since: a repeat, which the
// dispatcher does not announce again. It returns an error wrapping
// bot.ErrNotFound if the message is not queued.
func (t *tx) DeadLetter(id int64, reason string, at, since time.Time) (bool, error) {
	var repeat bool
	err := t.queryRow(`SELECT EXISTS (SELECT 1 FROM outbox o JOIN outbox d
			ON d.platform = o.platform AND d.queue = o.queue AND d.id != o.id
		WHERE o.id = ? AND d.dead_at IS NOT NULL AND d.dead_reason = ? AND d.dead_at >= ?)`,
		id, reason, formatTime(since)).Scan(&repeat)
	if err != nil {
		return false, fmt.Errorf("storage: dead letter %d: %w", id, err)
	}
	res, err := t.exec("UPDATE outbox SET dead_at = ?, dead_reason = ? WHERE id = ? AND dead_at IS NULL",
		formatTime(at), reason, id)
	if err != nil {
		return false, fmt.Errorf("storage: dead letter %d: %w", id, err)
	}
	return repeat, mustAffect(res, "dead letter %d", id)
}
