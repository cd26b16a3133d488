package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestAssign_ReplacesHoldersAndGivesItemsBack(t *testing.T) {
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	db := storagetest.Seed(t, 1, at)
	ctx := context.Background()
	id := storagetest.SeedID(0)
	a := bot.UserRef{Platform: "slack", Workspace: "T1", ID: "UA"}
	b := bot.UserRef{Platform: "slack", Workspace: "T1", ID: "UB"}
	holders := func() map[string][]bot.UserRef {
		t.Helper()
		var h map[string][]bot.UserRef
		if err := db.View(ctx, func(tx bot.Tx) (err error) { h, err = tx.Holders(id); return err }); err != nil {
			t.Fatal(err)
		}
		return h
	}
	update := func(items []string, users ...bot.UserRef) {
		t.Helper()
		if err := db.Update(ctx, func(tx bot.Tx) error { return tx.Assign(id, items, users, a, at) }); err != nil {
			t.Fatal(err)
		}
	}
	update([]string{"3-1", "3-2"}, b, a)
	if h := holders(); len(h) != 2 || len(h["3-1"]) != 2 || h["3-1"][0] != b || h["3-1"][1] != a {
		t.Fatalf("holders = %v, want 3-1 and 3-2 held by UB then UA", h)
	}
	update([]string{"3-2"}, a)
	if h := holders(); len(h["3-2"]) != 1 || h["3-2"][0] != a || len(h["3-1"]) != 2 {
		t.Errorf("after giving 3-2 to UA alone: %v", h)
	}
	update([]string{"3-1", "3-2"})
	if h := holders(); len(h) != 0 {
		t.Errorf("after giving them back: %v", h)
	}
}
