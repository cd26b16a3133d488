package storage

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// mustOpen opens a fresh database for tests inside the package (which cannot
// import storagetest without an import cycle).
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "otassess.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpen_SetsPragmas(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	for _, tc := range []struct {
		pool   string
		pragma string
		want   string
	}{
		{"writer", "journal_mode", "wal"},
		{"writer", "foreign_keys", "1"},
		{"writer", "busy_timeout", "5000"},
		{"writer", "synchronous", "1"}, // NORMAL
		{"writer", "query_only", "0"},
		{"writer", "secure_delete", "1"},
		{"reader", "journal_mode", "wal"},
		{"reader", "foreign_keys", "1"},
		{"reader", "busy_timeout", "5000"},
		{"reader", "query_only", "1"},
	} {
		pool := db.writer
		if tc.pool == "reader" {
			pool = db.reader
		}
		var got string
		if err := pool.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatalf("%s PRAGMA %s: %v", tc.pool, tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("%s PRAGMA %s = %q, want %q", tc.pool, tc.pragma, got, tc.want)
		}
	}
}

func TestOpen_WriterBeginsImmediate(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	// A deferred BEGIN takes no lock until the first write; an immediate one
	// holds the write lock at once, so a second connection cannot write.
	other, err := openPool(ctx, mustDSN(t, db.path, "busy_timeout(0)"), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, err = other.ExecContext(ctx, "INSERT INTO processed_events (key, created_at) VALUES ('k', 'now')")
	if err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("write from another connection during Update: err = %v, want database is locked", err)
	}
}

func mustDSN(tb testing.TB, path string, pragmas ...string) string {
	tb.Helper()
	s, err := dsn(path, "", pragmas...)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func appliedCount(tb testing.TB, db *DB) int {
	tb.Helper()
	var n int
	if err := db.writer.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestMigrate_ReopenAppliesNothingTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "otassess.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := loadMigrations(mustSub(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := appliedCount(t, db); got != len(embedded) {
		t.Fatalf("applied %d migrations, want %d", got, len(embedded))
	}
	db.Close()

	// Re-opening re-runs nothing: 0001 has plain CREATE TABLEs, which would fail.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()

	// A newer binary's extra step is applied once, alone.
	next := fstest.MapFS{"9000_extra.sql": {Data: []byte("CREATE TABLE extra (x INTEGER) STRICT;")}}
	for _, m := range embedded {
		next[m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
	}
	for range 2 {
		if err := migrate(ctx, db.writer, next); err != nil {
			t.Fatalf("migrate with an extra step: %v", err)
		}
	}
	if got := appliedCount(t, db); got != len(embedded)+1 {
		t.Fatalf("applied %d migrations, want %d", got, len(embedded)+1)
	}
}

func mustSub(tb testing.TB) fstest.MapFS {
	tb.Helper()
	names, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		tb.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, e := range names {
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func TestMigrate_NewerDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "otassess.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.Exec("INSERT INTO schema_migrations VALUES (9999, 'later')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err = Open(ctx, path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "9999") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q should name the version and the file", err)
	}
}

func TestMigrate_FailedStepLeavesNoTrace(t *testing.T) {
	db := mustOpen(t)
	before := appliedCount(t, db)
	fsys := mustSub(t)
	fsys["9000_broken.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE half (x INTEGER); THIS IS NOT SQL;")}
	if err := migrate(context.Background(), db.writer, fsys); err == nil {
		t.Fatal("a broken migration was applied")
	}
	if got := appliedCount(t, db); got != before {
		t.Errorf("applied %d migrations after a failure, want %d", got, before)
	}
	var n int
	db.writer.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&n)
	if n != 0 {
		t.Error("the first statement of a failed migration was kept")
	}
}

func TestLoadMigrations_RejectsBadNames(t *testing.T) {
	for _, name := range []string{"init.sql", "0000_zero.sql", "x1_a.sql"} {
		if _, err := loadMigrations(fstest.MapFS{name: {}}); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
	dup := fstest.MapFS{"0001_a.sql": {}, "1_b.sql": {}}
	if _, err := loadMigrations(dup); err == nil {
		t.Error("two files with version 1 were accepted")
	}
}

func TestAnswersAndComments_RefuseUpdate(t *testing.T) {
	db := mustOpen(t)
	w := db.writer
	mustExec(t, db, `INSERT INTO engagements (id, name, pack_id, pack_version, pack_sha256, pack_bytes,
		langs, platform, timezone, status, created_at) VALUES ('e', 'n', 'p', '1', 'h', x'00', 'en', 'console', 'UTC', 'draft', 't')`)
	mustExec(t, db, `INSERT INTO answers (engagement_id, item, round, value, created_at) VALUES ('e', '1-1', 'self', '2', 't')`)
	mustExec(t, db, `INSERT INTO comments (engagement_id, item, round, text, created_at) VALUES ('e', '1-1', 'self', 'x', 't')`)
	for _, q := range []string{"UPDATE answers SET value = '3'", "UPDATE comments SET text = 'y'"} {
		if _, err := w.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want append-only refusal", q, err)
		}
	}
}

func mustExec(tb testing.TB, db *DB, q string) {
	tb.Helper()
	if _, err := db.writer.Exec(q); err != nil {
		tb.Fatal(err)
	}
}

func TestTimeLayout_TextOrderIsTimeOrder(t *testing.T) {
	base := time.Date(2026, 11, 25, 9, 0, 5, 0, time.FixedZone("JST", 9*3600))
	times := []time.Time{base, base.Add(100 * time.Millisecond), base.Add(450 * time.Millisecond), base.Add(time.Second)}
	for i := 1; i < len(times); i++ {
		a, b := sqldb.FormatTime(times[i-1]), sqldb.FormatTime(times[i])
		if a >= b {
			t.Errorf("%s sorts after %s", a, b)
		}
	}
	got, err := sqldb.ParseTime(sqldb.FormatTime(base))
	if err != nil || !got.Equal(base) || got.Location() != time.UTC {
		t.Errorf("round trip of %v = %v, %v; want the same instant in UTC", base, got, err)
	}
}
