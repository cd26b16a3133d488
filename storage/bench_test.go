package storage_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkAppendAnswer measures the storage side of one conversation turn:
// the event key, the answer, the new position and the next question queued,
// committed in one transaction on a real file (WAL, synchronous=NORMAL).
func BenchmarkAppendAnswer(b *testing.B) {
	db := storagetest.Open(b)
	create(b, db, "e1")
	ctx := context.Background()
	q := &bot.Question{Engagement: "e1", Item: "1-2", Number: 2, Total: 32, Text: "Is there an asset inventory?"}
	for _, v := range []string{"0", "1", "2", "3", "4", "na"} {
		q.Choices = append(q.Choices, bot.Choice{Value: v, Label: v})
	}
	i := 0
	for b.Loop() {
		i++
		err := db.Update(ctx, func(tx bot.Tx) error {
			key := fmt.Sprintf("slack:action:%d", i)
			if isNew, err := tx.MarkProcessed(key, t0); err != nil || !isNew {
				return fmt.Errorf("mark %s: new = %v, %w", key, isNew, err)
			}
			a := answer(fmt.Sprintf("%d-%d", i%4+1, i%8+1), "2", t0)
			a.EventKey = key
			if _, err := tx.AppendAnswer(a); err != nil {
				return err
			}
			q.Serial = i
			pos := bot.Position{EngagementID: "e1", User: spoc, Conversation: "D1", Item: q.Item, Serial: i,
				Skipped: []string{"1-1"}, UpdatedAt: t0}
			if err := tx.SavePosition(pos); err != nil {
				return err
			}
			return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "D1", User: spoc,
				Reply: bot.Reply{Question: q}, NotBefore: t0})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOutboxPoll measures one poll of the dispatcher (a batch of 50)
// with 35,000 messages queued in 1,000 conversations of 35 each, as after
// an outage: the head of every other conversation is waiting (paced or
// rate limited), which holds back the 34 behind it.
func BenchmarkOutboxPoll(b *testing.B) {
	db := storagetest.Open(b)
	ctx := context.Background()
	const convs, each = 1000, 35
	q := &bot.Question{Engagement: "e1", Item: "1-2", Number: 2, Total: 32, Text: strings.Repeat("Is there an asset inventory? ", 20)}
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
