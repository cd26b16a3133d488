package storage

import (
	"context"
	"fmt"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// TableCount is a table's number of rows.
type TableCount = sqldb.TableCount

// CopyTo copies every row of every table of db into dst (another engine,
// or another file), whose tables must all be empty, in one transaction of
// dst, ids included, and returns the rows copied per table.
func (db *DB) CopyTo(ctx context.Context, dst *DB) ([]TableCount, error) {
	out, err := sqldb.CopyTables(ctx, db.reader, dst.writer)
	if err != nil {
		return nil, fmt.Errorf("storage: copy %s to %s: %w", db.path, dst.path, err)
	}
	return out, nil
}

// Counts returns the rows of every table, parents first.
func (db *DB) Counts(ctx context.Context) ([]TableCount, error) {
	out, err := sqldb.Counts(ctx, db.reader)
	if err != nil {
		return nil, fmt.Errorf("storage: counts: %w", err)
	}
	return out, nil
}
