package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/sqlite"
)

// A replacement waiting in a file made before migration 0019 (its edit
// only in the reply's JSON) is still dropped by the next replacement of
// the same message queued after it: the migration fills the edit column.
func TestMigration0019_AWaitingReplacementIsStillSuperseded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "otassess.db")
	w, err := sqlite.OpenWriter(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	before := mustSub(t)
	for name := range before {
		if name >= "0019" {
			delete(before, name)
		}
	}
	if err := migrate(ctx, pool{DB: w, D: sqliteDialect()}, before); err != nil {
		t.Fatal(err)
	}
	_, err = w.ExecContext(ctx, `INSERT INTO outbox (platform, conversation, reply, not_before, created_at)
		VALUES ('slack', 'C1', '{"text":"old","edit":"M1"}', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'),
			('slack', 'C1', '{"text":"other","edit":"M2"}', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')`)
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx bot.Tx) error {
		return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "new", Edit: "M1"},
			NotBefore: time.Date(2026, 12, 1, 9, 1, 0, 0, time.UTC)})
	})
	if err != nil {
		t.Fatal(err)
	}
	queued, err := db.Queued(ctx, "slack")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, o := range queued {
		texts = append(texts, o.Reply.Text)
	}
	if got := strings.Join(texts, ","); got != "other,new" {
		t.Errorf("queued = %s, want other,new (the old replacement of M1 superseded, M2's kept)", got)
	}
}
