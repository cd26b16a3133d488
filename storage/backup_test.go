package storage_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/postgres"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestBackup_CopyOpensWithSameData(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() != "sqlite" {
			t.Skip("SQLite files only: PostgreSQL is backed up with its own tools")
		}
		create(t, db, "e1")
		update(t, db, func(tx bot.Tx) error { return fillEngagement(tx, "e1") })
		ctx := context.Background()
		to := filepath.Join(t.TempDir(), "backup dir", "copy?.db")
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := db.Backup(ctx, to); err != nil {
			t.Fatal(err)
		}
		// Written after the backup: must not be in it.
		create(t, db, "e2")

		copyDB, err := storage.Open(ctx, to)
		if err != nil {
			t.Fatal(err)
		}
		defer copyDB.Close()
		var orig, copied []bot.AnswerRecord
		view(t, db, func(tx bot.Tx) error { orig, err = tx.History("e1"); return err })
		view(t, copyDB, func(tx bot.Tx) error {
			copied, err = tx.History("e1")
			if err != nil {
				return err
			}
			e, err := tx.Engagement("e1")
			want := engagement("e1")
			want.PackBytes = nil // read by the digest
			if err != nil || !reflect.DeepEqual(e, want) {
				t.Errorf("engagement in the copy = %+v, %v", e, err)
			}
			all, err := tx.Engagements()
			if got := ids(all); err != nil || !reflect.DeepEqual(got, []string{"e1"}) {
				t.Errorf("engagements in the copy = %v, %v; want [e1]", got, err)
			}
			return nil
		})
		if len(copied) != 1 || !reflect.DeepEqual(orig, copied) {
			t.Errorf("answers in the copy = %+v, want %+v", copied, orig)
		}
	})
}

func TestBackup_RefusesExistingFile(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() != "sqlite" {
			t.Skip("SQLite files only: PostgreSQL is backed up with its own tools")
		}
		to := filepath.Join(t.TempDir(), "taken.db")
		if err := os.WriteFile(to, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		err := db.Backup(context.Background(), to)
		if err == nil || !strings.Contains(err.Error(), to) || !strings.Contains(err.Error(), "exists") {
			t.Fatalf("Backup onto an existing file = %v, want a refusal naming %s", err, to)
		}
		if b, _ := os.ReadFile(to); len(b) != 0 {
			t.Error("the existing file was written")
		}
	})
}

func TestBackup_PostgreSQLSaysToUseItsOwnTools(t *testing.T) {
	db := storagetest.OpenPostgres(t)
	err := db.Backup(context.Background(), filepath.Join(t.TempDir(), "copy.db"))
	if !errors.Is(err, postgres.ErrOwnTools) || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("Backup of PostgreSQL = %v, want postgres.ErrOwnTools naming pg_dump", err)
	}
	if _, err := db.Salvage(context.Background(), filepath.Join(t.TempDir(), "saved.db")); !errors.Is(err, postgres.ErrOwnTools) {
		t.Errorf("Salvage of PostgreSQL = %v, want postgres.ErrOwnTools", err)
	}
}
