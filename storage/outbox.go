package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const enqueueSQL = `INSERT INTO outbox (platform, conversation, user_platform, user_workspace, user_id,
		reply, edit, attempts, not_before, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// Enqueue queues a message in the current transaction, so it is sent if and
// only if the state change that produced it commits. A zero NotBefore means
// at once.
func (t *tx) Enqueue(o bot.Outgoing) error {
	reply, err := json.Marshal(o.Reply)
	if err == nil && o.Reply.Edit != "" {
		err = t.dropEdits(o)
	}
	if err == nil {
		_, err = t.Exec(enqueueSQL,
			o.Platform, o.Conversation, o.User.Platform, o.User.Workspace, o.User.ID,
			string(reply), o.Reply.Edit, o.Attempts, sqldb.FormatTime(o.NotBefore), sqldb.FormatTime(time.Now()))
	}
	if err != nil {
		return fmt.Errorf("storage: enqueue for %s/%s: %w", o.Platform, o.Conversation, err)
	}
	return nil
}

// dropEdits deletes the waiting replacements of the message o replaces
// (Reply.Edit): o supersedes them. Dead letters stay for the operator. The
// queue term lets the outbox_live index find the conversation's waiting
// messages instead of reading the platform's whole outbox.
func (t *tx) dropEdits(o bot.Outgoing) error {
	_, err := t.Exec(t.D.DropEdits, o.Platform, queueOf(o), o.Conversation, o.Reply.Edit)
	return err
}

// queueOf is the queue column of o's row: its conversation, or its DM
// recipient when it has none.
func queueOf(o bot.Outgoing) string {
	if o.Conversation != "" {
		return "c:" + o.Conversation
	}
	return "u:" + o.User.Workspace + ":" + o.User.ID
}

// Outbox returns, for each queue of a platform, its oldest message if that
// one is due at now, oldest first and at most limit. A queue is a
// conversation, or a DM recipient when Conversation is empty; so a waiting
// message holds back the rest of its queue, and each queue stays in order.
// Dead letters are neither returned nor hold anything back. Each message
// says whether more of its queue waits behind it (Behind). A limit of zero
// or less returns none.
func (db *DB) Outbox(ctx context.Context, platform string, now time.Time, limit int) ([]bot.Outgoing, error) {
	if limit <= 0 {
		return nil, nil
	}
	if err := db.flushSent(ctx); err != nil {
		return nil, fmt.Errorf("storage: outbox of %s: %w", platform, err)
	}
	rows, err := db.rs.Query(ctx, fmt.Sprintf(db.sql.Outbox, limit), platform, sqldb.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("storage: outbox of %s: %w", platform, err)
	}
	defer rows.Close()
	var out []bot.Outgoing
	for rows.Next() {
		o, err := scanOutgoing(rows, true)
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

// Queued returns every live message of a platform, due or not, oldest
// first: what is waiting to be delivered, for tests and inspection.
func (db *DB) Queued(ctx context.Context, platform string) ([]bot.Outgoing, error) {
	if err := db.flushSent(ctx); err != nil {
		return nil, fmt.Errorf("storage: queued for %s: %w", platform, err)
	}
	rows, err := db.reader.QueryContext(ctx, `SELECT id, platform, conversation, user_platform, user_workspace, user_id,
			reply, attempts, not_before
		FROM outbox WHERE platform = ? AND dead_at IS NULL ORDER BY id`, platform)
	if err != nil {
		return nil, fmt.Errorf("storage: queued for %s: %w", platform, err)
	}
	defer rows.Close()
	var out []bot.Outgoing
	for rows.Next() {
		o, err := scanOutgoing(rows, false)
		if err != nil {
			return nil, fmt.Errorf("storage: queued for %s: %w", platform, err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: queued for %s: %w", platform, err)
	}
	return out, nil
}

// scanOutgoing reads a message's row, and its Behind column when the query
// has one.
func scanOutgoing(rows interface{ Scan(...any) error }, behind bool) (bot.Outgoing, error) {
	var o bot.Outgoing
	var reply, notBefore string
	dest := []any{&o.ID, &o.Platform, &o.Conversation, &o.User.Platform, &o.User.Workspace, &o.User.ID,
		&reply, &o.Attempts, &notBefore}
	if behind {
		dest = append(dest, &o.Behind)
	}
	if err := rows.Scan(dest...); err != nil {
		return o, err
	}
	if err := json.Unmarshal([]byte(reply), &o.Reply); err != nil {
		return o, fmt.Errorf("message %d: bad reply: %w", o.ID, err)
	}
	var err error
	o.NotBefore, err = sqldb.ParseTime(notBefore)
	return o, err
}

// Claim takes a due message for this process before it is sent, and
// reports whether it got it: false when another replica has claimed it
// or it has left the queue. On PostgreSQL the claim is a lease of a
// minute on the message (and so on its queue); on SQLite, whose outbox
// one serve delivers, every message is already this process's.
func (db *DB) Claim(ctx context.Context, id int64, now time.Time) (bool, error) {
	if db.sql.Claim == "" {
		return true, nil
	}
	res, err := db.ws.Exec(ctx, db.sql.Claim, id, sqldb.FormatTime(now))
	if err != nil {
		return false, fmt.Errorf("storage: claim %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Retry keeps a message queued until notBefore, and counts the attempt when
// failed is true (a failed delivery, not mere pacing). It returns an error
// wrapping bot.ErrNotFound if the message is not queued (or is a dead letter).
func (db *DB) Retry(ctx context.Context, id int64, notBefore time.Time, failed bool) error {
	res, err := db.ws.Exec(ctx, "UPDATE outbox SET attempts = attempts + ?, not_before = ? WHERE id = ? AND dead_at IS NULL",
		failed, sqldb.FormatTime(notBefore), id)
	if err != nil {
		return fmt.Errorf("storage: retry %d: %w", id, err)
	}
	return sqldb.MustAffect(res, "retry: message %d", id)
}

// DeadLetter turns a queued message into a dead letter at at, for reason (a
// short code). It reports whether another message of the same queue was
// dead-lettered for the same reason since since: a repeat, which the
// dispatcher does not announce again. It returns an error wrapping
// bot.ErrNotFound if the message is not queued.
func (t *tx) DeadLetter(id int64, reason string, at, since time.Time) (bool, error) {
	var repeat bool
	err := t.QueryRow(`SELECT EXISTS (SELECT 1 FROM outbox o JOIN outbox d
			ON d.platform = o.platform AND d.queue = o.queue AND d.id != o.id
		WHERE o.id = ? AND d.dead_at IS NOT NULL AND d.dead_reason = ? AND d.dead_at >= ?)`,
		id, reason, sqldb.FormatTime(since)).Scan(&repeat)
	if err != nil {
		return false, fmt.Errorf("storage: dead letter %d: %w", id, err)
	}
	res, err := t.Exec("UPDATE outbox SET dead_at = ?, dead_reason = ? WHERE id = ? AND dead_at IS NULL",
		sqldb.FormatTime(at), reason, id)
	if err != nil {
		return false, fmt.Errorf("storage: dead letter %d: %w", id, err)
	}
	return repeat, sqldb.MustAffect(res, "dead letter %d", id)
}
