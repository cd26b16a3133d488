package storage

import (
	"context"
	"database/sql"
	"io/fs"
	"testing"

	"github.com/otassess/otassess/storage/internal/sqldb"
	"github.com/otassess/otassess/storage/sqlite"
)

// Helpers of the internal tests that open SQLite files by hand.

func dsn(path, txlock string, pragmas ...string) (string, error) {
	return sqlite.DSN(path, txlock, pragmas...)
}

// openPool opens a SQLite pool of n connections on dsn, speaking the
// SQLite dialect.
func openPool(ctx context.Context, dsn string, n int) (pool, error) {
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		return pool{}, err
	}
	raw.SetMaxOpenConns(n)
	if err := raw.PingContext(ctx); err != nil {
		raw.Close()
		return pool{}, err
	}
	return pool{DB: raw, D: sqliteDialect()}, nil
}

// analyzeFrom is sqlite.Optimize's threshold of engagements.
const analyzeFrom = 100

func migrate(ctx context.Context, p pool, fsys fs.FS) error { return sqldb.Migrate(ctx, p, fsys) }

func loadMigrations(fsys fs.FS) ([]sqldb.Migration, error) { return sqldb.LoadMigrations(fsys) }

// Both engines know the same schema versions: a SQLite migration needs a
// PostgreSQL twin with its number (storage/postgres/migrations), or a
// PostgreSQL database would stay behind.
func TestMigrations_BothEnginesReachTheSameVersion(t *testing.T) {
	latest := func(fsys fs.FS) int {
		ms, err := sqldb.LoadMigrations(fsys)
		if err != nil || len(ms) == 0 {
			t.Fatalf("migrations: %v", err)
		}
		return ms[len(ms)-1].Version
	}
	if s, p := latest(sqliteDialect().Migrations), latest(sqldb.Postgres().Migrations); s != p {
		t.Errorf("SQLite reaches schema version %d, PostgreSQL %d: add storage/postgres/migrations/%04d_….sql", s, p, s)
	}
}
