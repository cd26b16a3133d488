package storage

import (
	"context"
	"fmt"
	"testing"
)

// Statistics of a nearly empty database are dropped, not kept to freeze
// plans; once it holds analyzeFrom engagements they are gathered.
func TestOptimize_NoStatisticsOfSmallTables(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	stats := func() int {
		t.Helper()
		var n int
		if err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'engagements'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	mustExec(t, db, rawEngagement)
	mustExec(t, db, "ANALYZE") // as a close-time PRAGMA optimize once did
	if stats() == 0 {
		t.Fatal("ANALYZE gathered no statistics to drop")
	}
	if err := db.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	if n := stats(); n != 0 {
		t.Errorf("after Optimize of one engagement: %d statistics rows of engagements, want none", n)
	}
	for i := range analyzeFrom {
		mustExec(t, db, fmt.Sprintf(`INSERT INTO engagements (id, name, pack_id, pack_version, pack_sha256, pack_bytes,
			langs, platform, timezone, status, created_at) VALUES ('e%d', 'n', 'p', '1', 'h', x'', 'en', 'console', 'UTC', 'draft', 't')`, i))
	}
	if err := db.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	if n := stats(); n == 0 {
		t.Errorf("after Optimize of %d engagements: no statistics of engagements", analyzeFrom+1)
	}
	mustExec(t, db, "PRAGMA analysis_limit = 0") // unbounded, as before otassess bounded it: it gathers samples (STAT4)
	mustExec(t, db, "ANALYZE")
	if samples(t, db) == 0 {
		t.Fatal("ANALYZE gathered no samples to drop: is this SQLite built without STAT4?")
	}
	if err := db.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	if n := samples(t, db); n != 0 {
		t.Errorf("after Optimize: %d sqlite_stat4 samples, want none (they make statements re-prepare per value)", n)
	}
	if n := stats(); n == 0 {
		t.Error("after Optimize: the sqlite_stat1 figures went with the samples")
	}
}

// samples counts the rows of sqlite_stat4.
func samples(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.writer.QueryRowContext(context.Background(), "SELECT count(*) FROM sqlite_stat4").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
