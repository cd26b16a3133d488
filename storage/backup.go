package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a compact, consistent copy of the database to the new file
// to, while the database stays in use (VACUUM INTO). It refuses to overwrite:
// to must not exist (the error wraps fs.ErrExist). Writes wait while the
// copy is made.
func (db *DB) Backup(ctx context.Context, to string) error {
	// An absolute path cannot be taken for a "file:" URI by SQLite.
	abs, err := filepath.Abs(to)
	if err != nil {
		return fmt.Errorf("storage: backup to %s: %w", to, err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("storage: backup to %s: %w; choose a new name", to, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: backup to %s: %w", to, err)
	}
	// Made first, empty and owner-only, so the copy is as private as the
	// database; VACUUM INTO writes into an empty file.
	if err := createPrivate(abs); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", to, err)
	}
	if _, err := db.writer.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		os.Remove(abs)
		return fmt.Errorf("storage: backup to %s: %w", to, err)
	}
	return nil
}
