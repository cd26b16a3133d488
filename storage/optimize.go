package storage

import (
	"context"
	"fmt"
)

// analyzeFrom is how many engagements a database holds before its
// statistics are gathered. Statistics of nearly empty tables would tell
// the query planner that every index finds one row, and it would keep
// those plans as the tables grow; below this size the planner's defaults,
// with the indexes, are the better guide.
const analyzeFrom = 100

// Optimize keeps the query planner's statistics current, cheaply: on a
// database of analyzeFrom engagements or more it runs PRAGMA optimize with
// a bounded analysis (SQLite re-analyzes only the tables that changed much
// since they were last analyzed, or never were); on a smaller one it drops
// any statistics gathered while it was smaller still. Open runs it, so
// does Close, and serve runs it every hour.
func (db *DB) Optimize(ctx context.Context) error {
	if err := db.optimize(ctx); err != nil {
		return fmt.Errorf("storage: optimize %s: %w", db.path, err)
	}
	return nil
}

func (db *DB) optimize(ctx context.Context) error {
	var n int
	if err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM engagements").Scan(&n); err != nil {
		return err
	}
	if n < analyzeFrom {
		return db.dropStatistics(ctx)
	}
	for _, q := range []string{"PRAGMA analysis_limit = 400", "PRAGMA optimize = 0x10002"} {
		if _, err := db.writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return db.dropSamples(ctx)
}

// dropSamples deletes the per-value samples ANALYZE keeps in sqlite_stat4
// (this SQLite is built with STAT4), keeping the per-index figures of
// sqlite_stat1, and has the connections reload the statistics. While an
// index has samples, every prepared statement that compares its columns
// with a bound parameter is prepared again whenever the parameter's value
// changes, so that the plan may follow the value, which undoes the
// statement cache (a third of a turn's time, BenchmarkTurnVsCommit/stale10k).
// A bounded analysis gathers no samples, but an unbounded ANALYZE did (an
// older otassess's PRAGMA optimize, or an operator's). Every hot query has
// one good plan whatever the value.
func (db *DB) dropSamples(ctx context.Context) error {
	var n int
	err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	if err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_stat4").Scan(&n); err != nil || n == 0 {
		return err
	}
	for _, q := range []string{"DELETE FROM sqlite_stat4", "ANALYZE sqlite_schema"} {
		if _, err := db.writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// dropStatistics deletes the statistics of ANALYZE, if any, and has the
// connections' planners forget them.
func (db *DB) dropStatistics(ctx context.Context) error {
	if err := db.dropSamples(ctx); err != nil {
		return err
	}
	var stats int
	err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").Scan(&stats)
	if err != nil || stats == 0 {
		return err
	}
	for _, q := range []string{"DELETE FROM sqlite_stat1", "ANALYZE sqlite_schema"} {
		if _, err := db.writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
