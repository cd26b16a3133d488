package postgres

import (
	"context"
	"database/sql"
	"errors"
)

// ErrOwnTools says that what otassess does for a SQLite file (backup,
// salvage) is the database's own business on PostgreSQL.
var ErrOwnTools = errors.New("a PostgreSQL database is backed up and repaired with PostgreSQL's own tools " +
	"(pg_dump / pg_restore, or the managed service's backups and point-in-time recovery), not by otassess")

// Backup refuses: see ErrOwnTools.
func Backup(context.Context, *sql.DB, string) error { return ErrOwnTools }

// QuickCheck finds nothing: PostgreSQL checks its pages itself (data
// checksums) and reports damage as errors of the statements that meet it.
func QuickCheck(context.Context, *sql.DB) ([]string, error) { return nil, nil }

// Optimize does nothing: autovacuum keeps the planner's statistics.
func Optimize(context.Context, *sql.DB) error { return nil }

// Checkpoint does nothing: deleted rows leave the heap at the next vacuum.
func Checkpoint(context.Context, *sql.DB) error { return nil }
