package console_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // analyze's connection

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkTurnVsCommit interleaves a console turn (an answer stored on a
// real SQLite file, the next question queued, delivered and rendered to
// text; every timed turn is one, a fresh engagement started off the clock
// after 31 answers) with a bare single-row INSERT and COMMIT on the same WAL file
// through a connection of its own, and reports the ratio of their times
// (turn/commit) measured in the same run, so the machine's load cancels
// out. fresh is a new database; stale10k holds 10,000 engagements that
// were added after SQLite's statistics were gathered on a database of one.
// BenchmarkTurnStoreVsCommit (storage) measures the store's share of it.
func BenchmarkTurnVsCommit(b *testing.B) {
	b.Run("fresh", func(b *testing.B) {
		db := storagetest.Open(b)
		benchTurnVsCommit(b, db)
	})
	b.Run("stale10k", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "stale.db")
		now := time.Now().UTC()
		db := openAt(b, path)
		storagetest.SeedInto(b, db, 0, 1, now)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		analyze(b, path) // as otassess's close-time PRAGMA optimize once did, on one engagement
		db = openAt(b, path)
		storagetest.SeedInto(b, db, 1, 10000, now)
		b.Cleanup(func() { db.Close() })
		benchTurnVsCommit(b, db)
	})
}

func openAt(b *testing.B, path string) *storage.DB {
	b.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func benchTurnVsCommit(b *testing.B, db *storage.DB) {
	ctx := context.Background()
	var c *console.Chat
	en := newEngineOn(b, db) // one engine, as in serve: its parsed-pack cache stays warm
	// A new engagement, its first question shown, off the clock; the last
	// one is closed and purged, so the SPOC takes part in one engagement,
	// as people answering one do, not in hundreds.
	fresh := func() {
		if c != nil {
			if err := errors.Join(en.CloseEngagement(ctx, c.Engagement), db.Purge(ctx, c.Engagement)); err != nil {
				b.Fatal(err)
			}
		}
		c = chatWith(b, en, db, io.Discard, assessment.EN)
		if err := c.Run(ctx, strings.NewReader(""), "start"); err != nil {
			b.Fatal(err)
		}
	}
	fresh()
	bare := storagetest.BareCommitter(b, db.Path())
	in := strings.NewReader("")
	var turn, commit time.Duration
	n, answered := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		if n > 0 && n%answersPerEngagement == 0 {
			b.StopTimer()
			answered += countAnswers(b, db, c.Engagement)
			fresh()
			b.StartTimer()
		}
		n++
		in.Reset("2\n")
		start := time.Now()
		if err := c.Run(ctx, in, ""); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		bare()
		turn, commit = turn+mid.Sub(start), commit+time.Since(mid)
	}
	if answered += countAnswers(b, db, c.Engagement); answered != n {
		b.Fatalf("%d turns stored %d answers: each turn should have stored one", n, answered)
	}
	b.ReportMetric(float64(turn)/float64(commit), "turn/commit")
	b.ReportMetric(float64(turn.Microseconds())/float64(n), "turn-µs")
	b.ReportMetric(float64(commit.Microseconds())/float64(n), "commit-µs")
}

// answersPerEngagement is how many items of the default pack are answered
// in one engagement before the next is started: all but the last, so every
// timed turn stores an answer and shows the next question.
const answersPerEngagement = 31

func countAnswers(b *testing.B, db *storage.DB, id string) int {
	var n int
	err := db.View(context.Background(), func(tx bot.Tx) error {
		cur, err := tx.CurrentAnswers(id, bot.RoundSelf)
		n = len(cur)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// analyze runs ANALYZE on the database file through a connection of its own.
func analyze(b *testing.B, path string) {
	conn, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path}).String())
	if err == nil {
		_, err = conn.Exec("ANALYZE")
		err = errors.Join(err, conn.Close())
	}
	if err != nil {
		b.Fatal(err)
	}
}
