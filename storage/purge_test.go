package storage_test

import (
	"context"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestPurge_DropsMessagesStillQueuedForTheEngagement(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		update(t, db, func(tx bot.Tx) error {
			for _, id := range []string{"e1", "e2", ""} {
				o := bot.Outgoing{Platform: "slack", Conversation: "C-" + id, NotBefore: t0,
					Reply: bot.Reply{Text: "report of " + id, Engagement: id, Attachments: []bot.Attachment{{Name: "r.md", Data: []byte("x")}}}}
				if err := tx.Enqueue(o); err != nil {
					return err
				}
			}
			return nil
		})
		ctx := context.Background()
		if err := db.Purge(ctx, "e1"); err != nil {
			t.Fatal(err)
		}
		left, err := db.Outbox(ctx, "slack", t0.AddDate(1, 0, 0), 10)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, o := range left {
			texts = append(texts, o.Reply.Text)
		}
		if len(left) != 2 || left[0].Reply.Engagement != "e2" || left[1].Reply.Engagement != "" {
			t.Errorf("queued after purging e1: %q, want e2's message and the one of no engagement", texts)
		}
	})
}
