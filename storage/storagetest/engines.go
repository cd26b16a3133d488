package storagetest

import (
	"context"
	"os"
	"testing"

	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/postgres"
)

// PostgresEnv names the environment variable that points tests at a
// PostgreSQL server (a postgres:// URL of a database they may create
// schemas in); when it is unset, PostgreSQL tests are skipped.
const PostgresEnv = "OTASSESS_TEST_POSTGRES"

// Engine is one storage engine tests can run on.
type Engine struct {
	Name string
	Open func(tb testing.TB) *storage.DB
}

// Engines lists SQLite and, when PostgresEnv is set, PostgreSQL.
func Engines() []Engine {
	es := []Engine{{Name: "sqlite", Open: Open}}
	if os.Getenv(PostgresEnv) != "" {
		es = append(es, Engine{Name: "postgres", Open: OpenPostgres})
	}
	return es
}

// Each runs test once per engine of Engines, as subtests named after the
// engine, each on a new database.
func Each(t *testing.T, test func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) { test(t, e.Open(t)) })
	}
}

// PostgresURL returns a URL of a new, empty schema on the server that
// PostgresEnv names, dropped when the test ends; it skips the test when
// PostgresEnv is unset.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("storagetest: %s is not set: no PostgreSQL to test on", PostgresEnv)
	}
	u, drop, err := postgres.Scratch(context.Background(), base)
	if err != nil {
		tb.Fatalf("storagetest: scratch schema: %v", err)
	}
	tb.Cleanup(func() {
		if err := drop(context.Background()); err != nil {
			tb.Errorf("storagetest: drop scratch schema: %v", err)
		}
	})
	return u
}

// OpenPostgres opens a migrated PostgreSQL database in a schema of its
// own (PostgresURL), closed when the test ends.
func OpenPostgres(tb testing.TB) *storage.DB {
	tb.Helper()
	return openAt(tb, PostgresURL(tb))
}
