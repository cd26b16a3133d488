package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestTeamsFiles_AnOfferRetriedKeepsItsIDAndAnswersMoveOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		id, err := db.SaveTeamsFile(ctx, "7/0", "e1", []byte(`{"name":"r.xlsx"}`), []byte("PK…"), t0)
		if err != nil {
			t.Fatal(err)
		}
		again, err := db.SaveTeamsFile(ctx, "7/0", "e1", []byte(`{"name":"other"}`), []byte("x"), t0.Add(time.Minute))
		if err != nil || again != id || len(id) != 32 {
			t.Fatalf("retried offer got id %q (err %v), first %q: want the same random id", again, err, id)
		}
		state, rec, data, err := db.TeamsFile(ctx, id)
		if err != nil || state != "offered" || string(rec) != `{"name":"r.xlsx"}` || string(data) != "PK…" {
			t.Fatalf("file = %s %s %q %v, want the first offer kept", state, rec, data, err)
		}
		o := bot.Outgoing{Platform: "teams", Conversation: "a:dm", Reply: bot.Reply{Text: "uploading"}, NotBefore: t0}
		moved, err := db.MoveTeamsFile(ctx, id, "offered", "accepted", []byte(`{"upload":"u"}`), true, &o, t0)
		if err != nil || !moved {
			t.Fatalf("accept: moved=%v err=%v", moved, err)
		}
		moved, err = db.MoveTeamsFile(ctx, id, "offered", "accepted", nil, true, &o, t0)
		if err != nil || moved {
			t.Fatalf("second accept: moved=%v err=%v, want nothing changed", moved, err)
		}
		if out, _ := db.Outbox(ctx, "teams", t0, 10); len(out) != 1 {
			t.Errorf("%d queued messages, want one: the second accept must queue nothing", len(out))
		}
		if _, err := db.MoveTeamsFile(ctx, id, "accepted", "uploaded", nil, false, nil, t0); err != nil {
			t.Fatal(err)
		}
		state, rec, data, _ = db.TeamsFile(ctx, id)
		if state != "uploaded" || string(rec) != `{"upload":"u"}` || len(data) != 0 {
			t.Errorf("after upload: %s %s %d bytes, want the record kept and the data dropped", state, rec, len(data))
		}
	})
}

func TestTeamsFiles_PruneAndMissing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		old, _ := db.SaveTeamsFile(ctx, "1/0", "e1", []byte("{}"), []byte("a"), t0)
		young, _ := db.SaveTeamsFile(ctx, "2/0", "e1", []byte("{}"), []byte("b"), t0.Add(48*time.Hour))
		if n, err := db.PruneTeamsFiles(ctx, t0.Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("pruned %d (%v), want 1", n, err)
		}
		if _, _, _, err := db.TeamsFile(ctx, old); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("pruned file: %v, want ErrNotFound", err)
		}
		if _, _, _, err := db.TeamsFile(ctx, young); err != nil {
			t.Errorf("young file: %v", err)
		}
	})
}
