package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/otassess/otassess/storage"
)

// openDB opens the database of the --db flag or OTASSESS_DB: a SQLite
// file, or a PostgreSQL database named by a postgres:// URL. A path in a
// directory that does not exist, a file that is not a database and one
// written by a newer otassess are bad input, named after the setting.
func openDB(ctx context.Context, path string) (*storage.DB, error) {
	if err := checkDBDir(path); err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, path)
	if errors.Is(err, storage.ErrNotDatabase) || errors.Is(err, storage.ErrNewerSchema) {
		return nil, usagef("--db: %s: %v", storage.Redact(path), errors.Unwrap(err))
	}
	return db, err
}

// checkDBDir refuses, as bad input, a database path in a directory that
// does not exist.
func checkDBDir(path string) error {
	if storage.IsPostgres(path) {
		return nil
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return usagef("--db: there is no directory %s for the database %s (set --db or OTASSESS_DB)", filepath.Dir(path), path)
	}
	return nil
}

// existingDB refuses, as bad input, a database file that does not exist,
// so that a mistyped --db does not become a new empty database.
func existingDB(path string) error {
	if storage.IsPostgres(path) {
		return nil // a server's database: Open fails if it is not there
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return usagef("--db: there is no database at %s (set --db or OTASSESS_DB)", path)
	}
	return nil
}
