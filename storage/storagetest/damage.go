package storagetest

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

// Damage overwrites the root page of table in the closed database at path
// with garbage, as a failing disk would, so PRAGMA quick_check reports it
// and reading the table fails while the rest of the file stays readable.
func Damage(tb testing.TB, path, table string) {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
	ctx := context.Background()
	var root, size int64
	_, err = raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	if err == nil {
		err = raw.QueryRowContext(ctx, "SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root)
	}
	if err == nil {
		err = raw.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size)
	}
	raw.Close()
	if err != nil {
		tb.Fatalf("storagetest: damage %s: %v", table, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
	defer f.Close()
	garbage := make([]byte, size)
	for i := range garbage {
		garbage[i] = byte(0xA5 ^ i)
	}
	if _, err := f.WriteAt(garbage, (root-1)*size); err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
}
