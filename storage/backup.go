package storage

import (
	"context"
	"fmt"
)

// Backup writes a compact, consistent copy of a SQLite database to the new
// file to, while the database stays in use (VACUUM INTO). It refuses to
// overwrite: to must not exist (the error wraps fs.ErrExist). Writes wait
// while the copy is made. A PostgreSQL database refuses with
// postgres.ErrOwnTools: pg_dump backs it up.
func (db *DB) Backup(ctx context.Context, to string) error {
	if err := db.sql.Backup(ctx, db.writer.DB, to); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", to, err)
	}
	return nil
}

// QuickCheck runs SQLite's PRAGMA quick_check, which reads every page of
// the file and checks the b-trees' structure. It returns the damage found
// (at most 10 lines), or none for a sound file; PostgreSQL checks its own
// pages, and finds none here.
func (db *DB) QuickCheck(ctx context.Context) ([]string, error) {
	problems, err := db.sql.QuickCheck(ctx, db.reader.DB)
	if err != nil {
		return nil, fmt.Errorf("storage: quick check: %w", err)
	}
	return problems, nil
}

// Optimize keeps SQLite's query planner statistics current, cheaply (see
// sqlite.Optimize); PostgreSQL's autovacuum does it by itself. Open runs
// it, so does Close, and serve runs it every hour.
func (db *DB) Optimize(ctx context.Context) error {
	if err := db.optimize(ctx); err != nil {
		return fmt.Errorf("storage: optimize %s: %w", db.path, err)
	}
	return nil
}

func (db *DB) optimize(ctx context.Context) error { return db.sql.Optimize(ctx, db.writer.DB) }
