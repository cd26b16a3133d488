package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrNewerSchema means the database holds a migration this binary does not
// know: it was written by a newer otassess, and this one must not touch it.
var ErrNewerSchema = errors.New("database was written by a newer otassess")

// Migration is one schema step: NNNN_what.sql, applied in version order.
// A released file is never edited: a change is a new file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads the .sql files at the root of fsys, in version order.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	seen := map[int]string{}
	for _, name := range names {
		prefix, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version and '_'", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, v)
		}
		seen[v] = name
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies the migrations of fsys that db has not recorded, each in
// its own transaction. It refuses a database that records a version fsys
// does not have.
func Migrate(ctx context.Context, db Pool, fsys fs.FS) error {
	ms, err := LoadMigrations(fsys)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	_, err = db.ExecContext(ctx, db.D.CreateMigrations)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied, err := appliedVersions(ctx, db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := checkKnown(applied, ms); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.Name, err)
		}
	}
	return nil
}

func appliedVersions(ctx context.Context, db Pool) (map[int]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// checkKnown fails with ErrNewerSchema when applied holds a version that ms
// lacks, naming the highest such version.
func checkKnown(applied map[int]bool, ms []Migration) error {
	known := map[int]bool{}
	latest := 0
	for _, m := range ms {
		known[m.Version] = true
		latest = max(latest, m.Version)
	}
	unknown := 0
	for v := range applied {
		if !known[v] {
			unknown = max(unknown, v)
		}
	}
	if unknown == 0 {
		return nil
	}
	return fmt.Errorf("%w: it has schema version %d, this binary knows up to %d; use a newer otassess",
		ErrNewerSchema, unknown, latest)
}

// apply runs one migration and records it in one transaction. It checks the
// record again inside the transaction, after the engine's write lock, so
// two processes (replicas) opening the same new database at once apply each
// step once.
func apply(ctx context.Context, db Pool, m Migration) error {
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := db.D.Lock(ctx, sqlTx); err != nil {
		return err
	}
	var n int
	err = sqlTx.QueryRowContext(ctx, db.D.Rebind("SELECT count(*) FROM schema_migrations WHERE version = ?"), m.Version).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	if _, err := sqlTx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	_, err = sqlTx.ExecContext(ctx, db.D.Rebind("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
		m.Version, time.Now().UTC().Format(TimeLayout))
	if err != nil {
		return err
	}
	return sqlTx.Commit()
}
