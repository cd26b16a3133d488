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

	_ "modernc.org/sqlite" // the bare commit's connection

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkTurnVsCommit interleaves a console turn (an answer stored on a
// real SQLite file, the next question queued, delivered and rendered to
// text) with a bare single-row INSERT and COMMIT on the same WAL file
// through a connection of its own, and reports the ratio of their times
// (turn/commit) measured in the same run, so the machine's load cancels
// out. fresh is a new database; stale10k holds 10,000 engagements that
// were added after SQLite's statistics were gathered on a database of one.
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
	c := newChatOn(b, db, io.Discard, assessment.EN)
	ctx := context.Background()
	if err := c.Run(ctx, strings.NewReader(""), "start"); err != nil {
		b.Fatal(err)
	}
	bare := bareCommitter(b, db.Path())
	in := strings.NewReader("")
	var turn, commit time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		text := "2"
		if n++; n%32 == 0 {
			text = "goto 1-1" // start over after the last item
		}
		in.Reset(text + "\n")
		start := time.Now()
		if err := c.Run(ctx, in, ""); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		bare()
		turn, commit = turn+mid.Sub(start), commit+time.Since(mid)
	}
	var answered int
	err := db.View(ctx, func(tx bot.Tx) error {
		cur, err := tx.CurrentAnswers(c.Engagement, bot.RoundSelf)
		answered = len(cur)
		return err
	})
	if err != nil || answered == 0 {
		b.Fatalf("the turns stored %d answers (%v): nothing was measured", answered, err)
	}
	b.ReportMetric(float64(turn)/float64(commit), "turn/commit")
	b.ReportMetric(float64(turn.Microseconds())/float64(n), "turn-µs")
	b.ReportMetric(float64(commit.Microseconds())/float64(n), "commit-µs")
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

// bareCommitter opens its own connection to the database file (WAL,
// synchronous=NORMAL, as the store's writer) and returns a function that
// inserts one row and commits.
func bareCommitter(b *testing.B, path string) func() {
	q := url.Values{"_pragma": {"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)"}}
	conn, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		b.Fatal(err)
	}
	conn.SetMaxOpenConns(1)
	b.Cleanup(func() { conn.Close() })
	if _, err := conn.Exec("CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		b.Fatal(err)
	}
	return func() {
		if _, err := conn.Exec("INSERT INTO bench_bare (v) VALUES (?)", "2"); err != nil {
			b.Fatal(err)
		}
	}
}
