package storage_test

import (
	"context"
	"fmt"
	"testing"

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
