package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a compact, consistent copy of the database of writer to
// the new file to (VACUUM INTO), while the database stays in use. It
// refuses to overwrite: to must not exist (the error wraps fs.ErrExist).
func Backup(ctx context.Context, writer *sql.DB, to string) error {
	// An absolute path cannot be taken for a "file:" URI by SQLite.
	abs, err := filepath.Abs(to)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("%w; choose a new name", fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// Made first, empty and owner-only, so the copy is as private as the
	// database; VACUUM INTO writes into an empty file.
	if err := CreatePrivate(abs); err != nil {
		return err
	}
	if _, err := writer.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		os.Remove(abs)
		return err
	}
	return nil
}

// maxProblems is how many lines of PRAGMA quick_check are kept: the first
// ones say where the damage is; thousands more say nothing new.
const maxProblems = 10

// QuickCheck runs PRAGMA quick_check, which reads every page of the file
// and checks the b-trees' structure (not that indexes match their tables,
// which integrity_check would take much longer to check). It returns the
// damage found (at most maxProblems lines), or none for a sound file.
func QuickCheck(ctx context.Context, reader *sql.DB) ([]string, error) {
	rows, err := reader.QueryContext(ctx, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	if IsCorrupt(err) {
		return []string{err.Error()}, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); IsCorrupt(err) {
		problems = append(problems, err.Error())
	} else if err != nil {
		return nil, err
	}
	return problems, nil
}

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
// any statistics gathered while it was smaller still.
func Optimize(ctx context.Context, writer *sql.DB) error {
	var n int
	if err := writer.QueryRowContext(ctx, "SELECT count(*) FROM engagements").Scan(&n); err != nil {
		return err
	}
	if n < analyzeFrom {
		return dropStatistics(ctx, writer)
	}
	for _, q := range []string{"PRAGMA analysis_limit = 400", "PRAGMA optimize = 0x10002"} {
		if _, err := writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return dropSamples(ctx, writer)
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
func dropSamples(ctx context.Context, writer *sql.DB) error {
	var n int
	err := writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	if err := writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_stat4").Scan(&n); err != nil || n == 0 {
		return err
	}
	for _, q := range []string{"DELETE FROM sqlite_stat4", "ANALYZE sqlite_schema"} {
		if _, err := writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// dropStatistics deletes the statistics of ANALYZE, if any, and has the
// connections' planners forget them.
func dropStatistics(ctx context.Context, writer *sql.DB) error {
	if err := dropSamples(ctx, writer); err != nil {
		return err
	}
	var stats int
	err := writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").Scan(&stats)
	if err != nil || stats == 0 {
		return err
	}
	for _, q := range []string{"DELETE FROM sqlite_stat1", "ANALYZE sqlite_schema"} {
		if _, err := writer.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// Checkpoint copies the WAL's pages into the file and empties the WAL, so
// that pages as they were before a purge are not left in it.
func Checkpoint(ctx context.Context, writer *sql.DB) error {
	_, err := writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}
