package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// closedAnswerer is storage's Tx reading every closed engagement's answers:
// what the engine scored one by one before stored scores (ClosedReference).
type closedAnswerer interface {
	ClosedAnswers(packID, version, except string) ([]bot.RoundAnswers, error)
}

// TestClosedReference_EqualsScoringEveryClosedEngagement checks that the
// reference average from stored scores is the one scoring every closed
// engagement's answers in Go gives (assessment.AverageReference over
// ClosedAnswers), whether the scores are not stored yet (closed before
// migration 0018), stored at the next Open, dropped by an answer after
// closing, or stored by SetStatus.
func TestClosedReference_EqualsScoringEveryClosedEngagement(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db := storagetest.Seed(t, 80, now) // engagements 9, 19, …, 79 closed, all with the same answers
	pack := assessmenttest.DefaultPack(t)
	vary(t, db, pack, now)
	check := func(stage string, wantStored int) {
		t.Helper()
		for _, except := range []string{"", storagetest.SeedID(9), storagetest.SeedID(0)} {
			old, stored := oldReference(t, db, pack, except), storedReference(t, db, pack, except)
			if !reflect.DeepEqual(old, stored) || old.Total == nil {
				t.Errorf("%s, except %q: stored reference %+v (total %v), scoring each gives %+v (total %v)",
					stage, except, stored, deref(stored.Total), old, deref(old.Total))
			}
		}
		if got := storedCount(t, db); got != wantStored {
			t.Errorf("%s: %d closed engagements have stored scores, want %d", stage, got, wantStored)
		}
	}
	check("seeded (closed before 0018)", 0)

	reopen(t, db)
	check("after Open stored them", 8)

	update(t, db, func(tx bot.Tx) error { // an answer after closing drops the stored scores
		_, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: storagetest.SeedID(19), Item: pack.Items[3].ID,
			Round: bot.RoundReview, Value: "na", EventKey: "late", At: now})
		return err
	})
	check("an answer after closing", 7)

	update(t, db, func(tx bot.Tx) error { return tx.SetStatus(storagetest.SeedID(5), bot.StatusClosed) })
	check("closed by SetStatus", 8)

	update(t, db, func(tx bot.Tx) error { return tx.SetStatus(storagetest.SeedID(5), bot.StatusReview) })
	check("reopened", 7)
}

// vary gives each closed engagement its own review answers, so that the
// averages are of different figures, with some items not applicable.
func vary(t *testing.T, db *storage.DB, pack *assessment.Pack, now time.Time) {
	update(t, db, func(tx bot.Tx) error {
		for i := 9; i < 80; i += 10 {
			for k, it := range pack.Items {
				v := assessment.Value(fmt.Sprint((i + 3*k) % 5))
				if (i+k)%7 == 0 {
					v = "na"
				}
				_, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: storagetest.SeedID(i), Item: it.ID, Round: bot.RoundReview,
					Value: v, EventKey: fmt.Sprintf("vary:%d:%s", i, it.ID), At: now})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// oldReference is the reference as the engine computed it before stored
// scores: each closed engagement's answers scored in Go.
func oldReference(t *testing.T, db *storage.DB, pack *assessment.Pack, except string) assessment.Reference {
	closed := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.RoundAnswers, error) {
		return tx.(closedAnswerer).ClosedAnswers(pack.ID, pack.Version, except)
	})
	var results []assessment.Result
	for _, c := range closed {
		results = append(results, assessment.Score(pack, assessment.AfterAnswers(c.Self, c.Review)))
	}
	return assessment.AverageReference(pack, results)
}

func storedReference(t *testing.T, db *storage.DB, pack *assessment.Pack, except string) assessment.Reference {
	return storagetest.Read(t, db, func(tx bot.Tx) (assessment.Reference, error) {
		return tx.ClosedReference(pack, except)
	})
}

// storedCount counts the rows of closed_scores.
func storedCount(t *testing.T, db *storage.DB) int {
	raw, err := sql.Open("sqlite", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM closed_scores").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// reopen opens the file a second time, as the next otassess command would.
func reopen(t *testing.T, db *storage.DB) {
	other, err := storage.Open(context.Background(), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
