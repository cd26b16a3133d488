// Package storagetest gives tests of other packages a real otassess store: a
// fresh SQLite file under the test's temporary directory, migrated and
// closed when the test ends.
package storagetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

// Open opens a new database in tb.TempDir() and closes it at cleanup. It
// stops the test if the database cannot be opened. With EngineEnv set to
// postgres, it opens a PostgreSQL database instead (OpenPostgres), so that
// any package's tests can be run on PostgreSQL.
func Open(tb testing.TB) *storage.DB {
	tb.Helper()
	if os.Getenv(EngineEnv) == "postgres" {
		return OpenPostgres(tb)
	}
	return openAt(tb, filepath.Join(tb.TempDir(), "otassess.db"))
}

// openAt opens the database a --db value names, closed when the test ends.
func openAt(tb testing.TB, dsn string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("storagetest: %v", err)
		}
	})
	return db
}

// EngineEnv names the environment variable that, set to postgres, makes
// Open open PostgreSQL databases: OTASSESS_TEST_ENGINE=postgres go test
// ./bot/... runs those tests on the server of PostgresEnv.
const EngineEnv = "OTASSESS_TEST_ENGINE"

// Read runs a read-only transaction on db and returns what read found; it
// stops the test on an error. For example, an engagement's answers:
//
//	storagetest.Read(t, db, func(tx bot.Tx) (map[string]assessment.Answer, error) {
//		return tx.CurrentAnswers(id, bot.RoundSelf)
//	})
func Read[T any](tb testing.TB, db *storage.DB, read func(tx bot.Tx) (T, error)) T {
	tb.Helper()
	var out T
	err := db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		out, err = read(tx)
		return err
	})
	if err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
	return out
}
