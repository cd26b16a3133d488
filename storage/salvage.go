package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/otassess/otassess/storage/postgres"
	"github.com/otassess/otassess/storage/sqlite"
)

// SalvageReport says, table by table, what Salvage saved.
type SalvageReport = sqlite.SalvageReport

// TableSalvage is one table's rows saved, and whether some could not be read.
type TableSalvage = sqlite.TableSalvage

// Salvage copies what can be read of a damaged database into the new file
// to: it creates a fresh database there (the same migrations, so the same
// tables) and copies each table's rows; a table whose pages cannot all be
// read is copied row by row around the damage, and the report marks it.
// Indexes are rebuilt from the copied rows. It refuses to overwrite to.
func (db *DB) Salvage(ctx context.Context, to string) (SalvageReport, error) {
	if db.sql.Name != "sqlite" {
		return SalvageReport{}, fmt.Errorf("storage: salvage: %w", postgres.ErrOwnTools)
	}
	abs, err := filepath.Abs(to)
	if err == nil {
		_, err = os.Lstat(abs)
		if err == nil {
			err = fmt.Errorf("%w; choose a new name", fs.ErrExist)
		} else if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	}
	if err != nil {
		return SalvageReport{}, fmt.Errorf("storage: salvage to %s: %w", to, err)
	}
	dst, err := Open(ctx, abs)
	if err != nil {
		return SalvageReport{}, fmt.Errorf("storage: salvage to %s: %w", to, err)
	}
	tables, err := sqlite.CopyFrom(ctx, dst.writer.DB, db.path)
	return SalvageReport{Tables: tables}, errors.Join(err, dst.Close())
}
