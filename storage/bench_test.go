package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkTurnStoreVsCommit measures the store's side of one answer turn
// on a real file (WAL, synchronous=NORMAL), against a bare single-row
// INSERT and COMMIT on the same file in the same run, as
// BenchmarkTurnVsCommit measures the whole turn (bot/console):
//
//   - writes: only what an answer turn must write, in one transaction: its
//     event key, the answer, the SPOC's position, the next question queued,
//     and the deletion of the question delivered before it (MarkSent).
//   - reads+writes: those writes and the store's reads that the engine's
//     turn makes, in its order (the engagement, its participants, the
//     position, the item's last answer, the current answers, a milestone,
//     the holders, the engagement followed, the SPOC's open engagements).
//
// Its ratios are the floor under the turn's: what the engine adds is the
// difference.
func BenchmarkTurnStoreVsCommit(b *testing.B) {
	b.Run("writes", func(b *testing.B) { benchTurnStore(b, false) })
	b.Run("reads+writes", func(b *testing.B) { benchTurnStore(b, true) })
}

func benchTurnStore(b *testing.B, reads bool) {
	db := storagetest.Open(b)
	if storage.IsPostgres(db.Path()) {
		b.Skip("measured against a bare commit on the SQLite file")
	}
	bare := storagetest.BareCommitter(b, db.Path())
	id, who, conv := "", bot.UserRef{}, ""
	// A new engagement every 31 answers, as the turn benchmark does, each
	// with a SPOC of its own, as on a busy server.
	fresh := func(n int) {
		id, who, conv = fmt.Sprintf("e%d", n), bot.UserRef{Platform: "slack", Workspace: "T1", ID: fmt.Sprintf("U%d", n)}, fmt.Sprintf("D%d", n)
		create(b, db, id)
		update(b, db, func(tx bot.Tx) error {
			return tx.SaveParticipant(bot.Participant{EngagementID: id, User: who, Roles: []bot.Role{bot.RoleSPOC}, Lang: assessment.EN})
		})
	}
	ctx := context.Background()
	q := &bot.Question{Item: "1-2", Number: 2, Total: 32, Text: "Is there an asset inventory?"}
	for _, v := range []string{"0", "1", "2", "3", "4", "na"} {
		q.Choices = append(q.Choices, bot.Choice{Value: v, Label: v})
	}
	var turn, commit time.Duration
	var sent int64
	i := 0
	for b.Loop() {
		if i%31 == 0 {
			b.StopTimer()
			fresh(i / 31)
			b.StartTimer()
		}
		i++
		item := fmt.Sprintf("%d-%d", i%4+1, i%8+1)
		start := time.Now()
		if sent != 0 {
			if err := db.MarkSent(ctx, sent); err != nil {
				b.Fatal(err)
			}
		}
		err := db.Update(ctx, func(tx bot.Tx) error {
			if reads {
				if err := turnReads(tx, id, who, item); err != nil {
					return err
				}
			}
			key := fmt.Sprintf("slack:action:%d", i)
			if isNew, err := tx.MarkProcessed(key, t0); err != nil || !isNew {
				return fmt.Errorf("mark %s: new = %v, %w", key, isNew, err)
			}
			a := answer(item, "2", t0)
			a.EngagementID, a.EventKey = id, key
			if _, err := tx.AppendAnswer(a); err != nil {
				return err
			}
			if reads {
				if err := turnReadsAfter(tx, id); err != nil {
					return err
				}
			}
			q.Engagement, q.Serial = id, i
			pos := bot.Position{EngagementID: id, User: who, Conversation: conv, Item: q.Item, Serial: i,
				Skipped: []string{"1-1"}, UpdatedAt: t0}
			if err := tx.SavePosition(pos); err != nil {
				return err
			}
			if reads {
				if _, err := tx.PreviousOf(id); err != nil {
					return err
				}
				if _, err := tx.CountOpenEngagementsOf(who); err != nil {
					return err
				}
			}
			return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: conv, User: who,
				Reply: bot.Reply{Question: q}, NotBefore: t0})
		})
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		bare()
		turn, commit = turn+mid.Sub(start), commit+time.Since(mid)
		sent = due(b, db, "slack", t0)[0].ID // off the clock: the dispatcher's read
	}
	b.ReportMetric(float64(turn)/float64(commit), "store/commit")
	b.ReportMetric(float64(turn.Microseconds())/float64(i), "store-µs")
	b.ReportMetric(float64(commit.Microseconds())/float64(i), "commit-µs")
}

// turnReads are the store's reads of an answer turn before it stores the
// answer; turnReadsAfter those after.
func turnReads(tx bot.Tx, id string, who bot.UserRef, item string) error {
	if _, err := tx.Engagement(id); err != nil {
		return err
	}
	if _, err := tx.Participants(id); err != nil {
		return err
	}
	if _, err := tx.Position(id, who); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return err
	}
	if _, err := tx.LastAnswer(id, item, bot.RoundSelf); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return err
	}
	return nil
}

func turnReadsAfter(tx bot.Tx, id string) error {
	if _, err := tx.CurrentAnswers(id, bot.RoundSelf); err != nil {
		return err
	}
	if _, err := tx.RecordMilestone(id, bot.RoundSelf, 25, t0); err != nil {
		return err
	}
	_, err := tx.Holders(id)
	return err
}

// BenchmarkOutboxPoll measures one poll of the dispatcher (a batch of 50)
// with 35,000 messages queued in 1,000 conversations of 35 each, as after
// an outage: the head of every other conversation is waiting (paced or
// rate limited), which holds back the 34 behind it.
func BenchmarkOutboxPoll(b *testing.B) {
	db := storagetest.Open(b)
	ctx := context.Background()
	const convs, each = 1000, 35
	q := &bot.Question{Item: "1-2", Number: 2, Total: 32, Text: strings.Repeat("Is there an asset inventory? ", 20)}
	for c := range convs {
		update(b, db, func(tx bot.Tx) error {
			for k := range each {
				at := t0
				if k == 0 && c%2 == 1 {
					at = t0.Add(time.Hour)
				}
				err := tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: fmt.Sprintf("D%04d", c), User: spoc,
					Reply: bot.Reply{Question: q}, NotBefore: at})
				if err != nil {
					return err
				}
			}
			return nil
		})
	}
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := db.Outbox(ctx, "slack", t0, 50)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != 50 {
			b.Fatalf("poll returned %d messages, want 50", len(msgs))
		}
	}
}
