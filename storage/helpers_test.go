package storage_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

var (
	t0    = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	spoc  = bot.UserRef{Platform: "slack", Workspace: "T1", ID: "U1"}
	lead  = bot.UserRef{Platform: "slack", Workspace: "T1", ID: "U2"}
	other = bot.UserRef{Platform: "slack", Workspace: "T2", ID: "U1"} // same id, other workspace
	jst   = time.FixedZone("JST", 9*3600)
)

func engagement(id string) *bot.Engagement {
	return &bot.Engagement{
		ID: id, Name: "Plant " + id, Client: "ACME", Site: "Rayong",
		PackID: "meti-factory", PackVersion: "1.0", PackSHA256: "abc123", PackBytes: []byte("id: meti-factory\n"),
		Langs: assessment.Both, Platform: "slack", Workspace: "T1", Channel: "C-" + id,
		Timezone: "Asia/Tokyo", Status: bot.StatusDraft, CreatedBy: lead, CreatedAt: t0,
	}
}

// update runs fn in Update and fails the test on error.
func update(tb testing.TB, db *storage.DB, fn func(bot.Tx) error) {
	tb.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

// view runs fn in View and fails the test on error.
func view(tb testing.TB, db *storage.DB, fn func(bot.Tx) error) {
	tb.Helper()
	if err := db.View(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

// create stores engagements with the given ids.
func create(tb testing.TB, db *storage.DB, ids ...string) {
	tb.Helper()
	update(tb, db, func(tx bot.Tx) error {
		for _, id := range ids {
			if err := tx.CreateEngagement(engagement(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

func answer(item string, v assessment.Value, at time.Time) bot.AnswerRecord {
	return bot.AnswerRecord{EngagementID: "e1", Item: item, Round: bot.RoundSelf, Value: v,
		Author: spoc, EventKey: "slack:action:" + item, At: at}
}

func mkdirAll(dir string) error { return os.MkdirAll(dir, 0o755) }

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
