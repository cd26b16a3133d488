package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/otassess/otassess/storage/internal/sqldb"
	"github.com/otassess/otassess/storage/postgres"
)

// migrationFiles are SQLite's schema steps, named NNNN_what.sql and applied
// in version order. A released file is never edited: a change is a new
// file, with a PostgreSQL twin of the same number in
// storage/postgres/migrations.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNewerSchema means the database holds a migration this binary does not
// know: it was written by a newer otassess, and this one must not touch it.
var ErrNewerSchema = sqldb.ErrNewerSchema

type (
	dialect   = sqldb.Dialect
	pool      = sqldb.Pool
	stmtCache = sqldb.StmtCache
)

func sqliteDialect() *dialect {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded: always there
	}
	return sqldb.SQLite(sub)
}

// Engine names the database's engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.sql.Name }

// IsPostgres reports whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(dsn string) bool { return postgres.IsURL(dsn) }

// SchemaVersion is the highest schema step applied to the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.reader.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("storage: schema version: %w", err)
	}
	return v, nil
}

// Redact returns a --db value fit to show: a PostgreSQL URL without its
// password; a file name as it is.
func Redact(dsn string) string {
	if IsPostgres(dsn) {
		return postgres.Redact(dsn)
	}
	return dsn
}
