package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

var _ bot.Tx = (*tx)(nil)

// ErrReadOnly is returned by a write method called inside View.
var ErrReadOnly = errors.New("read-only transaction")

// Update runs fn in one write transaction and commits it: BEGIN IMMEDIATE
// on SQLite's single writer connection; on PostgreSQL, a transaction that
// first takes the writers' advisory lock, so that writers of every replica
// take turns as they do on SQLite. If fn returns an error, or panics, everything
// it did is rolled back; fn's error is returned as is and a panic goes on.
// fn must not call Update itself: the writer has one connection, so that
// would wait forever.
func (db *DB) Update(ctx context.Context, fn func(bot.Tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	t := &tx{ctx: ctx, tx: sqlTx, stmts: db.ws, sql: db.sql}
	if err := t.lock(); err != nil {
		sqlTx.Rollback() //nolint:errcheck // the lock's error matters more
		return fmt.Errorf("storage: begin: %w", err)
	}
	err = run(t, fn)
	db.ws.PrepareWanted(ctx)
	return err
}

// View runs fn in a read-only transaction on the reader pool: it sees one
// consistent snapshot, never blocks writers, and its write methods return
// ErrReadOnly.
func (db *DB) View(ctx context.Context, fn func(bot.Tx) error) error {
	sqlTx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: db.sql.ViewIsolation})
	if err != nil {
		return fmt.Errorf("storage: begin view: %w", err)
	}
	err = run(&tx{ctx: ctx, tx: sqlTx, readOnly: true, stmts: db.rs, sql: db.sql}, fn)
	db.rs.PrepareWanted(ctx)
	return err
}

// run calls fn and ends the transaction: commit for a write that succeeded,
// rollback otherwise. The deferred rollback also covers a panic or
// runtime.Goexit (t.FailNow) inside fn, so the writer is never left held.
func run(t *tx, fn func(bot.Tx) error) error {
	sqlTx := t.tx
	ended := false
	defer func() {
		if !ended {
			sqlTx.Rollback() //nolint:errcheck // unwinding; the panic matters more
		}
	}()
	err := fn(t)
	ended = true
	if err != nil || t.readOnly {
		if rbErr := sqlTx.Rollback(); rbErr != nil && err == nil {
			return fmt.Errorf("storage: end view: %w", rbErr)
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	return nil
}

// tx implements bot.Tx over one SQL transaction. It holds the context of the
// Update or View that made it, because bot.Tx's methods take none; it lives
// only as long as that call.
type tx struct {
	ctx      context.Context
	tx       *sql.Tx
	readOnly bool
	stmts    *stmtCache // the statements prepared on the transaction's pool; nil for none
	sql      *dialect
}

// lock takes the engine's write lock, if it has one.
func (t *tx) lock() error { return t.sql.Lock(t.ctx, t.tx) }

// exec runs a write statement, refusing it in a View.
func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	args = t.sql.Args(args)
	if st := t.stmts.Get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).ExecContext(t.ctx, args...)
	}
	return t.tx.ExecContext(t.ctx, t.sql.Rebind(query), args...)
}

// query runs a query, prepared once per pool (see stmtCache).
func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	args = t.sql.Args(args)
	if st := t.stmts.Get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, t.sql.Rebind(query), args...)
}

// queryRow is query for a single row.
func (t *tx) queryRow(query string, args ...any) *sql.Row {
	args = t.sql.Args(args)
	if st := t.stmts.Get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, t.sql.Rebind(query), args...)
}

// insert runs an INSERT … RETURNING id, refusing it in a View, and returns
// the new row's id.
func (t *tx) insert(query string, args ...any) (int64, error) {
	if t.readOnly {
		return 0, ErrReadOnly
	}
	var id int64
	err := t.queryRow(query, args...).Scan(&id)
	return id, err
}

// insertOnce runs an INSERT … ON CONFLICT DO NOTHING and reports whether it
// added the row.
func (t *tx) insertOnce(query string, args ...any) (bool, error) {
	res, err := t.exec(query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// notFound wraps bot.ErrNotFound with what was looked for.
func notFound(format string, args ...any) error {
	return fmt.Errorf("storage: "+format+": %w", append(args, bot.ErrNotFound)...)
}

// mustAffect turns a write that changed no row into a not-found error.
func mustAffect(res sql.Result, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("storage: "+format+": %w", append(args, err)...)
	}
	if n == 0 {
		return notFound(format, args...)
	}
	return nil
}

// timeLayout is how times are stored (see sqldb.TimeLayout).
const timeLayout = sqldb.TimeLayout

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// joinList stores a list as comma-separated text. Elements must be
// non-empty and comma-free, or the list would not read back the same.
func joinList[S ~string](xs []S) (string, error) {
	parts := make([]string, len(xs))
	for i, x := range xs {
		if x == "" || strings.Contains(string(x), ",") {
			return "", fmt.Errorf("list element %q is empty or has a comma", x)
		}
		parts[i] = string(x)
	}
	return strings.Join(parts, ","), nil
}

// splitList reads a list written by joinList; "" is the empty (nil) list.
func splitList[S ~string](s string) []S {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	xs := make([]S, len(parts))
	for i, p := range parts {
		xs[i] = S(p)
	}
	return xs
}

// nullIfEmpty stores "" as NULL.
func nullIfEmpty(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}
