package outbox

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// queueStore is an outbox in memory: every queued message is due, and a
// poll hands out the head of each conversation's queue.
type queueStore struct {
	queue []bot.Outgoing
	polls int
}

func (s *queueStore) Update(context.Context, func(bot.Tx) error) error { return errors.New("unused") }
func (s *queueStore) View(context.Context, func(bot.Tx) error) error   { return errors.New("unused") }
func (s *queueStore) Retry(context.Context, int64, time.Time, bool) error {
	return errors.New("unused")
}

func (s *queueStore) Outbox(_ context.Context, _ string, _ time.Time, limit int) ([]bot.Outgoing, error) {
	s.polls++
	var heads []bot.Outgoing
	at := map[string]int{} // queue → index in heads
	for _, o := range s.queue {
		if i, ok := at[queueKey(o)]; ok {
			if i >= 0 {
				heads[i].Behind = true
			}
			continue
		}
		at[queueKey(o)] = -1
		if len(heads) < limit {
			at[queueKey(o)] = len(heads)
			heads = append(heads, o)
		}
	}
	return heads, nil
}

func (s *queueStore) MarkSent(_ context.Context, id int64) error {
	s.queue = slices.DeleteFunc(s.queue, func(o bot.Outgoing) bool { return o.ID == id })
	return nil
}

// checkingSender records, at each send, which messages were still queued.
type checkingSender struct {
	store  *queueStore
	queued [][]int64
}

func (c *checkingSender) Send(_ context.Context, o bot.Outgoing) error {
	var ids []int64
	for _, q := range c.store.queue {
		ids = append(ids, q.ID)
	}
	c.queued = append(c.queued, ids)
	return nil
}

type clock struct{ t time.Time }

func (c clock) Now() time.Time { return c.t }

// A message is marked sent as soon as it is sent, before the next send.
func TestDrain_EachMessageLeavesTheOutboxBeforeTheNextIsSent(t *testing.T) {
	store := &queueStore{}
	for i := range 4 {
		store.queue = append(store.queue, bot.Outgoing{ID: int64(i + 1), Platform: "p", Conversation: string(rune('A' + i))})
	}
	sender := &checkingSender{store: store}
	d := &Dispatcher{Store: store, Sender: sender, Platform: "p", Clock: clock{time.Unix(0, 0)},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	n, err := d.Drain(context.Background())
	if err != nil || n != 4 {
		t.Fatalf("Drain = %d, %v; want 4 sent", n, err)
	}
	for i, queued := range sender.queued {
		var want []int64
		for id := int64(i + 1); id <= 4; id++ {
			want = append(want, id)
		}
		if !slices.Equal(queued, want) {
			t.Errorf("send %d saw %v queued, want %v: what was sent before it must have left", i+1, queued, want)
		}
	}
}

// claimingStore is a queueStore shared with another replica, which has
// claimed some messages.
type claimingStore struct {
	queueStore
	theirs map[int64]bool
	asked  []int64
}

func (s *claimingStore) Claim(_ context.Context, id int64, _ time.Time) (bool, error) {
	s.asked = append(s.asked, id)
	return !s.theirs[id], nil
}

// A message another replica claimed is neither sent nor marked sent here.
func TestDrain_SendsOnlyWhatItClaims(t *testing.T) {
	store := &claimingStore{theirs: map[int64]bool{2: true}}
	for i := range 3 {
		store.queue = append(store.queue, bot.Outgoing{ID: int64(i + 1), Platform: "p", Conversation: string(rune('A' + i))})
	}
	sender := &checkingSender{store: &store.queueStore}
	d := &Dispatcher{Store: store, Sender: sender, Platform: "p", Clock: clock{time.Unix(0, 0)},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	n, err := d.Drain(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("Drain = %d, %v; want 2 sent", n, err)
	}
	if len(sender.queued) != 2 {
		t.Errorf("%d sends, want 2", len(sender.queued))
	}
	if len(store.queue) != 1 || store.queue[0].ID != 2 {
		t.Errorf("left queued %+v, want only message 2 (the other replica's)", store.queue)
	}
	if !slices.Contains(store.asked, 2) {
		t.Errorf("claims asked %v: message 2 was never claimed", store.asked)
	}
}

// Drain reads the outbox again only when a message it sent had more of its
// queue behind it: with each queue's head sent and nothing behind, a second
// read would find nothing, at the cost of a query (and of the write that
// deletes what was marked sent).
func TestDrain_ReadsAgainOnlyWhenMoreWaitsBehindWhatItSent(t *testing.T) {
	for _, c := range []struct {
		convs     string
		sent      int
		wantPolls int
	}{
		{"A", 1, 1},
		{"ABC", 3, 1},
		{"AAB", 3, 2},
		{"AAA", 3, 3},
	} {
		store := &queueStore{}
		for i, conv := range c.convs {
			store.queue = append(store.queue, bot.Outgoing{ID: int64(i + 1), Platform: "p", Conversation: string(conv)})
		}
		d := &Dispatcher{Store: store, Sender: &checkingSender{store: store}, Platform: "p", Clock: clock{time.Unix(0, 0)},
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		n, err := d.Drain(context.Background())
		if err != nil || n != c.sent || len(store.queue) != 0 {
			t.Fatalf("%s: Drain = %d, %v, left %v; want %d sent, none left", c.convs, n, err, store.queue, c.sent)
		}
		if store.polls != c.wantPolls {
			t.Errorf("%s: %d reads of the outbox, want %d", c.convs, store.polls, c.wantPolls)
		}
	}
}
