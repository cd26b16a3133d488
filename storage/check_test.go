package storage_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// damagedFile makes a database with two filled engagements, closes it and
// damages the comments table.
func damagedFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "damaged.db")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	create(t, db, "e1", "e2")
	update(t, db, func(tx bot.Tx) error { return fillEngagement(tx, "e1") })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	storagetest.Damage(t, path, "comments")
	return path
}

func TestQuickCheck_HealthyIsEmptyDamagedNamesTheDamage(t *testing.T) {
	ctx := context.Background()
	if problems, err := storagetest.Open(t).QuickCheck(ctx); err != nil || len(problems) != 0 {
		t.Errorf("healthy: %v, %v; want none", problems, err)
	}
	db, err := storage.Open(ctx, damagedFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	problems, err := db.QuickCheck(ctx)
	if err != nil || len(problems) == 0 {
		t.Fatalf("damaged: %v, %v; want the damage listed", problems, err)
	}
	t.Logf("quick_check: %s", strings.Join(problems, "; "))
}

func TestSalvage_SavesEveryReadableTableAndNamesTheLost(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, damagedFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	to := filepath.Join(t.TempDir(), "saved.db")
	rep, err := db.Salvage(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Damaged(); len(got) != 1 || got[0] != "comments" {
		t.Errorf("damaged tables = %v, want [comments]", got)
	}
	saved, err := storage.Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	if problems, err := saved.QuickCheck(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the saved copy is damaged: %v, %v", problems, err)
	}
	view(t, saved, func(tx bot.Tx) error {
		all, err := tx.Engagements()
		if got := ids(all); err != nil || len(got) != 2 {
			t.Errorf("engagements saved = %v, %v; want e1 and e2", got, err)
		}
		h, err := tx.History("e1")
		if err != nil || len(h) != 1 {
			t.Errorf("answers saved = %v, %v; want the one answer", h, err)
		}
		return nil
	})
}
