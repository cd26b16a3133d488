package storage

import (
	"embed"
	"io/fs"

	"github.com/otassess/otassess/storage/internal/sqldb"
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
