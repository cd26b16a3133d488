package storage_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestUpdate_ErrorRollsBackEverything(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		boom := errors.New("boom")
		err := db.Update(context.Background(), func(tx bot.Tx) error {
			if _, err := tx.MarkProcessed("slack:action:1", t0); err != nil {
				return err
			}
			if _, err := tx.AppendAnswer(answer("1-1", "2", t0)); err != nil {
				return err
			}
			if err := tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "D1", Reply: bot.Reply{Text: "next"}}); err != nil {
				return err
			}
			return boom
		})
		if err != boom {
			t.Fatalf("Update = %v, want fn's error as is", err)
		}
		assertNothingFrom(t, db)
	})
}

// assertNothingFrom checks that the event slack:action:1 left no trace.
func assertNothingFrom(t *testing.T, db *storage.DB) {
	t.Helper()
	update(t, db, func(tx bot.Tx) error {
		isNew, err := tx.MarkProcessed("slack:action:1", t0)
		if err != nil || !isNew {
			t.Errorf("event key kept after rollback: new = %v, %v", isNew, err)
		}
		hist, err := tx.History("e1")
		if err != nil || len(hist) != 0 {
			t.Errorf("answers kept after rollback: %d, %v", len(hist), err)
		}
		return nil
	})
	out, err := db.Outbox(context.Background(), "slack", t0, 10)
	if err != nil || len(out) != 0 {
		t.Errorf("outbox kept after rollback: %d, %v", len(out), err)
	}
}

func TestUpdate_PanicRollsBackAndPanics(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		func() {
			defer func() {
				if p := recover(); p != "boom" {
					t.Errorf("recovered %v, want the panic of fn", p)
				}
			}()
			db.Update(context.Background(), func(tx bot.Tx) error {
				tx.MarkProcessed("slack:action:1", t0)
				tx.AppendAnswer(answer("1-1", "2", t0))
				panic("boom")
			})
		}()
		// The writer connection was released: this Update does not hang.
		assertNothingFrom(t, db)
	})
}

func TestView_RejectsWrites(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		writes := map[string]func(bot.Tx) error{
			"MarkProcessed":    func(tx bot.Tx) error { _, err := tx.MarkProcessed("k", t0); return err },
			"CreateEngagement": func(tx bot.Tx) error { return tx.CreateEngagement(engagement("e2")) },
			"SetStatus":        func(tx bot.Tx) error { return tx.SetStatus("e1", bot.StatusClosed) },
			"SaveParticipant": func(tx bot.Tx) error {
				return tx.SaveParticipant(bot.Participant{EngagementID: "e1", User: spoc})
			},
			"AppendAnswer": func(tx bot.Tx) error { _, err := tx.AppendAnswer(answer("1-1", "2", t0)); return err },
			"AddComment": func(tx bot.Tx) error {
				_, err := tx.AddComment(bot.Comment{EngagementID: "e1", Item: "1-1", Round: bot.RoundSelf, At: t0})
				return err
			},
			"SavePosition": func(tx bot.Tx) error {
				return tx.SavePosition(bot.Position{EngagementID: "e1", User: spoc, UpdatedAt: t0})
			},
			"RecordMilestone": func(tx bot.Tx) error {
				_, err := tx.RecordMilestone("e1", bot.RoundSelf, 25, t0)
				return err
			},
			"Enqueue": func(tx bot.Tx) error { return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "C"}) },
		}
		for name, write := range writes {
			if err := db.View(context.Background(), write); !errors.Is(err, storage.ErrReadOnly) {
				t.Errorf("%s in View = %v, want ErrReadOnly", name, err)
			}
		}
		view(t, db, func(tx bot.Tx) error {
			e, err := tx.Engagement("e1")
			if err != nil || e.Status != bot.StatusDraft {
				t.Errorf("engagement changed by a View: %v, %v", e, err)
			}
			return nil
		})
	})
}

func TestConcurrentUpdates_NoBusyErrors(t *testing.T) {
	// Two handles on one file stand for two processes: their writers compete
	// for the file lock, which BEGIN IMMEDIATE and busy_timeout turn into a wait.
	path := filepath.Join(t.TempDir(), "otassess.db")
	ctx := context.Background()
	var dbs []*storage.DB
	for range 2 {
		db, err := storage.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs = append(dbs, db)
	}
	create(t, dbs[0], "e1")

	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each)
	for w := range workers {
		wg.Go(func() {
			db := dbs[w%len(dbs)]
			for i := range each {
				errs <- db.Update(ctx, func(tx bot.Tx) error {
					// Read, then write: the pattern that fails with a deferred BEGIN.
					if _, err := tx.CurrentAnswers("e1", bot.RoundSelf); err != nil {
						return err
					}
					if _, err := tx.MarkProcessed(fmt.Sprintf("k:%d:%d", w, i), t0); err != nil {
						return err
					}
					_, err := tx.AppendAnswer(answer(fmt.Sprintf("%d-%d", w, i), "2", t0))
					return err
				})
				// Readers run alongside.
				errs <- db.View(ctx, func(tx bot.Tx) error { _, err := tx.History("e1"); return err })
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	view(t, dbs[1], func(tx bot.Tx) error {
		hist, err := tx.History("e1")
		if err != nil || len(hist) != workers*each {
			t.Errorf("History has %d rows, %v; want %d", len(hist), err, workers*each)
		}
		return nil
	})
}

func TestOpen_PathWithSpacesAndQuestionMark(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my data", "a?b#c%20d")
	path := filepath.Join(dir, "otassess v1?.db")
	if err := mkdirAll(dir); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	create(t, db, "e1")
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if !exists(path) {
		t.Fatalf("no database file at %q", path)
	}
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	view(t, db, func(tx bot.Tx) error { _, err := tx.Engagement("e1"); return err })
}

func TestOpen_MissingDirectoryFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "otassess.db")
	if db, err := storage.Open(context.Background(), path); err == nil {
		db.Close()
		t.Fatal("Open in a missing directory succeeded")
	}
}

func TestOpen_AFileThatIsNotADatabaseIsNamedSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := mkFile(path, strings.Repeat("meeting notes, not a database\n", 40)); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a text file succeeded")
	}
	if !errors.Is(err, storage.ErrNotDatabase) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want ErrNotDatabase naming %s", err, path)
	}
}

func mkFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
