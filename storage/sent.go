package storage

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// sentQueue holds the ids of delivered messages not yet deleted from the
// outbox. MarkSent only notes an id; the next write transaction deletes the
// noted rows together with its own writes (a turn's, or the one the next
// read of the outbox makes first), so a delivery costs no commit of its
// own, and a drain's deliveries share one. A crash before that transaction
// loses the notes, not a message: their rows are sent again, as a crash
// between a send and its deletion always did them, and each platform's
// resend check recognises them.
type sentQueue struct {
	mu  sync.Mutex
	ids []int64
}

// note adds a delivered message's id.
func (q *sentQueue) note(id int64) {
	q.mu.Lock()
	q.ids = append(q.ids, id)
	q.mu.Unlock()
}

// take returns the noted ids and forgets them; putBack returns ids a
// transaction that did not commit had taken.
func (q *sentQueue) take() []int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := q.ids
	q.ids = nil
	return ids
}

func (q *sentQueue) putBack(ids []int64) {
	if len(ids) == 0 {
		return
	}
	q.mu.Lock()
	q.ids = slices.Concat(ids, q.ids)
	q.mu.Unlock()
}

func (q *sentQueue) empty() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ids) == 0
}

const markSentSQL = "DELETE FROM outbox WHERE id = ? AND dead_at IS NULL"

// MarkSent notes that a message was delivered: it leaves the outbox in the
// next write transaction (sentQueue), and no read of the outbox through
// this DB sees it before then. A message already gone is not an error, and
// a dead letter is kept.
func (db *DB) MarkSent(ctx context.Context, id int64) error {
	db.sent.note(id)
	return nil
}

// deleteSent deletes the rows of ids in t.
func (t *tx) deleteSent(ids []int64) error {
	for _, id := range ids {
		if _, err := t.Exec(markSentSQL, id); err != nil {
			return fmt.Errorf("storage: mark sent %d: %w", id, err)
		}
	}
	return nil
}

// flushSent deletes the noted rows now, in a transaction of their own,
// unless there are none: before a read of the outbox, which must not hand
// out a delivered message again.
func (db *DB) flushSent(ctx context.Context) error {
	if db.sent.empty() {
		return nil
	}
	return db.update(ctx, func(*tx) error { return nil })
}
