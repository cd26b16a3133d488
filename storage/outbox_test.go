package storage_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func enqueue(tb testing.TB, db *storage.DB, os ...bot.Outgoing) {
	tb.Helper()
	update(tb, db, func(tx bot.Tx) error {
		for _, o := range os {
			if err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
}

func due(tb testing.TB, db *storage.DB, platform string, now time.Time) []bot.Outgoing {
	tb.Helper()
	out, err := db.Outbox(context.Background(), platform, now, 50)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// queuedIDs lists the ids of every message queued, live or dead, oldest first.
func queuedIDs(tb testing.TB, db *storage.DB) []int64 {
	tb.Helper()
	es, err := db.OutboxEntries(context.Background(), storage.OutboxFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids
}

func texts(out []bot.Outgoing) []string {
	s := []string{}
	for _, o := range out {
		s = append(s, o.Reply.Text)
	}
	return s
}

func TestOutbox_RoundTripsTheReply(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		want := bot.Outgoing{Platform: "slack", User: spoc, Attempts: 0, NotBefore: t0, Reply: bot.Reply{
			Replace: true, Thread: "1700000300.000100",
			Question: &bot.Question{Engagement: "e1", Item: "1-1", Serial: 4, Number: 1, Total: 32, Category: "org",
				Text: "質問", Choices: []bot.Choice{{Value: "0", Label: "0"}}, Controls: []bot.Choice{{Value: "skip", Label: "Skip"}}},
		}}
		enqueue(t, db, want)
		out := due(t, db, "slack", t0)
		if len(out) != 1 {
			t.Fatalf("Outbox has %d messages, want 1", len(out))
		}
		want.ID = out[0].ID
		if !reflect.DeepEqual(out[0], want) {
			t.Errorf("Outbox =\n%+v\nwant\n%+v", out[0], want)
		}
	})
}

func TestOutbox_RetryDelaysAndSentRemoves(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		enqueue(t, db,
			bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "a"}, NotBefore: t0},
			bot.Outgoing{Platform: "slack", Conversation: "C2", Reply: bot.Reply{Text: "later"}, NotBefore: t0.Add(time.Minute)},
			bot.Outgoing{Platform: "discord", Conversation: "C1", Reply: bot.Reply{Text: "other platform"}, NotBefore: t0},
		)
		if got := texts(due(t, db, "slack", t0)); !reflect.DeepEqual(got, []string{"a"}) {
			t.Fatalf("due at t0 = %v, want [a]", got)
		}
		a := due(t, db, "slack", t0)[0]

		// A failed delivery waits and counts; pacing waits without counting.
		if err := db.Retry(ctx, a.ID, t0.Add(30*time.Second), true); err != nil {
			t.Fatal(err)
		}
		if got := texts(due(t, db, "slack", t0.Add(29*time.Second))); len(got) != 0 {
			t.Errorf("due before the retry time = %v, want none", got)
		}
		if err := db.Retry(ctx, a.ID, t0.Add(40*time.Second), false); err != nil {
			t.Fatal(err)
		}
		got := due(t, db, "slack", t0.Add(2*time.Minute))
		if !reflect.DeepEqual(texts(got), []string{"a", "later"}) || got[0].Attempts != 1 ||
			!got[0].NotBefore.Equal(t0.Add(40*time.Second)) {
			t.Fatalf("due after the retry = %+v, want a (1 attempt, not before t0+40s) then later", got)
		}

		if err := db.MarkSent(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkSent(ctx, a.ID); err != nil {
			t.Errorf("MarkSent twice = %v, want nil (already gone)", err)
		}
		if got := texts(due(t, db, "slack", t0.Add(2*time.Minute))); !reflect.DeepEqual(got, []string{"later"}) {
			t.Errorf("due after MarkSent = %v, want [later]", got)
		}
		if err := db.Retry(ctx, a.ID, t0, true); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Retry of a sent message = %v, want not found", err)
		}
	})
}

func TestOutbox_AWaitingMessageHoldsBackItsQueueOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		msg := func(conv string, u bot.UserRef, text string) bot.Outgoing {
			return bot.Outgoing{Platform: "slack", Conversation: conv, User: u, Reply: bot.Reply{Text: text}, NotBefore: t0}
		}
		enqueue(t, db,
			msg("C1", bot.UserRef{}, "c1-first"),
			msg("", spoc, "dm-spoc-first"),
			msg("C1", lead, "c1-second"), // the user does not split a conversation's queue
			msg("", spoc, "dm-spoc-second"),
			msg("", lead, "dm-lead-first"),
			msg("", other, "dm-other-first"), // same user id, other workspace: another queue
		)
		ctx := context.Background()
		got := due(t, db, "slack", t0)
		want := []string{"c1-first", "dm-spoc-first", "dm-lead-first", "dm-other-first"}
		if !reflect.DeepEqual(texts(got), want) {
			t.Fatalf("Outbox = %v, want the head of every queue in id order %v", texts(got), want)
		}

		// While C1's head waits, C1's second message is not handed out; the
		// spoc's DM queue moves on once its head is sent.
		if err := db.Retry(ctx, got[0].ID, t0.Add(time.Second), false); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkSent(ctx, got[1].ID); err != nil {
			t.Fatal(err)
		}
		want = []string{"dm-spoc-second", "dm-lead-first", "dm-other-first"}
		// c1-second is due but queued behind the waiting c1-first.
		if got := texts(due(t, db, "slack", t0)); !reflect.DeepEqual(got, want) {
			t.Errorf("Outbox with C1 waiting = %v, want %v", got, want)
		}
		if got := texts(due(t, db, "slack", t0.Add(time.Second))); !reflect.DeepEqual(got, append([]string{"c1-first"}, want...)) {
			t.Errorf("Outbox once C1's head is due = %v, want c1-first before %v", got, want)
		}

		out, err := db.Outbox(ctx, "slack", t0, 2)
		if err != nil || len(out) != 2 {
			t.Errorf("Outbox with limit 2 = %d, %v", len(out), err)
		}
		if out, err := db.Outbox(ctx, "slack", t0, 0); err != nil || len(out) != 0 {
			t.Errorf("Outbox with limit 0 = %d, %v; want none", len(out), err)
		}
	})
}

// deadLetter dead-letters message id in a transaction and returns repeat.
func deadLetter(tb testing.TB, db *storage.DB, id int64, reason string, at time.Time) bool {
	tb.Helper()
	var repeat bool
	update(tb, db, func(tx bot.Tx) error {
		var err error
		repeat, err = tx.DeadLetter(id, reason, at, at.Add(-24*time.Hour))
		return err
	})
	return repeat
}

func TestOutbox_DeadLetterIsKeptButHoldsNothingBack(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		msg := func(text string) bot.Outgoing {
			return bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: text}, NotBefore: t0}
		}
		enqueue(t, db, msg("a"), msg("b"), msg("c"))
		got := queuedIDs(t, db)
		// a waits far in the future, then is given up on: b goes on.
		if err := db.Retry(ctx, got[0], t0.Add(time.Hour), true); err != nil {
			t.Fatal(err)
		}
		if texts := texts(due(t, db, "slack", t0)); len(texts) != 0 {
			t.Fatalf("due while a waits = %v, want none", texts)
		}
		if repeat := deadLetter(t, db, got[0], "not_in_channel", t0); repeat {
			t.Error("the first dead letter of C1 is a repeat")
		}
		if texts := texts(due(t, db, "slack", t0)); !reflect.DeepEqual(texts, []string{"b"}) {
			t.Fatalf("due after the dead letter = %v, want [b]", texts)
		}
		if repeat := deadLetter(t, db, got[1], "not_in_channel", t0.Add(time.Minute)); !repeat {
			t.Error("a second dead letter of C1 for the same reason is not a repeat")
		}
		if repeat := deadLetter(t, db, got[2], "is_archived", t0.Add(time.Minute)); repeat {
			t.Error("a dead letter for another reason is a repeat")
		}

		// Kept: MarkSent does not delete it, Retry does not revive it, and it
		// cannot be dead-lettered twice.
		if err := db.MarkSent(ctx, got[0]); err != nil {
			t.Fatal(err)
		}
		if err := db.Retry(ctx, got[0], t0, true); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Retry of a dead letter = %v, want not found", err)
		}
		err := db.Update(ctx, func(tx bot.Tx) error { _, err := tx.DeadLetter(got[0], "x", t0, t0); return err })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("DeadLetter twice = %v, want not found", err)
		}
		dead, err := db.DeadLetters(ctx)
		if err != nil || dead["slack"] != 3 {
			t.Errorf("DeadLetters = %v, %v; want slack: 3", dead, err)
		}
		depth, err := db.OutboxDepth(ctx)
		if err != nil || depth["slack"] != 0 {
			t.Errorf("OutboxDepth = %v, %v; want no live slack message", depth, err)
		}
	})
}

func TestOutbox_DeadLetterRepeatsOnlyWithinTheWindow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		enqueue(t, db,
			bot.Outgoing{Platform: "slack", User: spoc, Reply: bot.Reply{Text: "a"}, NotBefore: t0},
			bot.Outgoing{Platform: "slack", User: lead, Reply: bot.Reply{Text: "other queue"}, NotBefore: t0},
			bot.Outgoing{Platform: "slack", User: spoc, Reply: bot.Reply{Text: "b"}, NotBefore: t0},
		)
		got := queuedIDs(t, db)
		deadLetter(t, db, got[0], "unreachable", t0)
		if deadLetter(t, db, got[1], "unreachable", t0) {
			t.Error("another queue's dead letter counts as a repeat")
		}
		if deadLetter(t, db, got[2], "unreachable", t0.Add(25*time.Hour)) {
			t.Error("a dead letter older than the window counts as a repeat")
		}
	})
}

func TestEnqueue_AReplacementSupersedesTheWaitingOnesOfTheSameMessage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		edit := func(msg, text string) bot.Outgoing {
			return bot.Outgoing{Platform: "slack", Conversation: "D1", Reply: bot.Reply{Replace: true, Edit: msg, Text: text}, NotBefore: t0}
		}
		update(t, db, func(tx bot.Tx) error {
			for _, o := range []bot.Outgoing{edit("m1", "first"), edit("m2", "other message"), edit("m1", "second"),
				{Platform: "slack", Conversation: "D1", Reply: bot.Reply{Text: "a question"}, NotBefore: t0}} {
				if err := tx.Enqueue(o); err != nil {
					return err
				}
			}
			return nil
		})
		out, err := db.Queued(context.Background(), "slack") // the whole queue, not only its head
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range out {
			got = append(got, o.Reply.Edit+":"+o.Reply.Text)
		}
		if strings.Join(got, "|") != "m2:other message|m1:second|:a question" {
			t.Errorf("outbox = %q, want m1's first replacement dropped", got)
		}
	})
}

// A delivered message leaves the database with the next write that commits
// (here seen from a second handle on the file, as another process or a
// restart after a crash would see it), while this handle never hands it out
// again in the meantime.
func TestMarkSent_TheRowLeavesWithTheNextCommittedWrite(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t)
	if db.Path() == "" || storage.IsPostgres(db.Path()) {
		t.Skip("a second handle on the same SQLite file")
	}
	other, err := storage.Open(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	enqueue(t, db,
		bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "a"}, NotBefore: t0},
		bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "b"}, NotBefore: t0},
	)
	a := due(t, db, "slack", t0)[0]
	if err := db.MarkSent(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := queuedIDs(t, other); len(got) != 2 {
		t.Fatalf("queued in the file before any write = %v, want both (a crash now sends a again)", got)
	}
	failed := errors.New("turn refused")
	if err := db.Update(ctx, func(bot.Tx) error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("Update = %v, want %v", err, failed)
	}
	if got := queuedIDs(t, other); len(got) != 2 {
		t.Fatalf("queued after a write that rolled back = %v, want both", got)
	}
	update(t, db, func(bot.Tx) error { return nil })
	if got := queuedIDs(t, other); len(got) != 1 || got[0] == a.ID {
		t.Fatalf("queued after a committed write = %v, want b alone", got)
	}
	if got := texts(due(t, db, "slack", t0)); !reflect.DeepEqual(got, []string{"b"}) {
		t.Errorf("due = %v, want [b]", got)
	}
}

// An outbox read deletes the delivered messages first when no write has
// since: the head of the queue is the next message, not the one sent. Each
// head says whether more of its queue waits behind it.
func TestMarkSent_TheNextOutboxReadDoesNotHandTheMessageOutAgain(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		enqueue(t, db,
			bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "a"}, NotBefore: t0},
			bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "b"}, NotBefore: t0},
		)
		a := due(t, db, "slack", t0)[0]
		if !a.Behind {
			t.Errorf("a handed out with Behind false; b waits behind it")
		}
		if err := db.MarkSent(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if got := due(t, db, "slack", t0); !reflect.DeepEqual(texts(got), []string{"b"}) || got[0].Behind {
			t.Errorf("due after a was sent = %+v, want b with nothing behind", got)
		}
		if got := queuedIDs(t, db); len(got) != 1 || got[0] == a.ID {
			t.Errorf("queued = %v, want b alone", got)
		}
	})
}
