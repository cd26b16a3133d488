package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
)

var _ bot.Tx = (*tx)(nil)

// ErrReadOnly is returned by a write method called inside View.
var ErrReadOnly = errors.New("read-only transaction")

// Update runs fn in one write transaction (BEGIN IMMEDIATE on the writer
// connection) and commits it. If fn returns an error, or panics, everything
// it did is rolled back; fn's error is returned as is and a panic goes on.
// fn must not call Update itself: the writer has one connection, so that
// would wait forever.
func (db *DB) Update(ctx context.Context, fn func(bot.Tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	err = run(&tx{ctx: ctx, tx: sqlTx, stmts: db.ws}, fn)
	db.ws.prepareWanted(ctx)
	return err
}

// View runs fn in a read-only transaction on the reader pool: it sees one
// consistent snapshot, never blocks writers, and its write methods return
// ErrReadOnly.
func (db *DB) View(ctx context.Context, fn func(bot.Tx) error) error {
	sqlTx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("storage: begin view: %w", err)
	}
	err = run(&tx{ctx: ctx, tx: sqlTx, readOnly: true, stmts: db.rs}, fn)
	db.rs.prepareWanted(ctx)
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
	stmts    *stmtCache // the statements prepared on the transaction's pool
}

// exec runs a write statement, refusing it in a View.
func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	if st := t.stmts.get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).ExecContext(t.ctx, args...)
	}
	return t.tx.ExecContext(t.ctx, query, args...)
}

// query runs a query, prepared once per pool (see stmtCache).
func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	if st := t.stmts.get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, query, args...)
}

// queryRow is query for a single row.
func (t *tx) queryRow(query string, args ...any) *sql.Row {
	if st := t.stmts.get(query); st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, query, args...)
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

// timeLayout is RFC 3339 with a fixed nine-digit fraction, always in UTC:
// unlike time.RFC3339Nano, which drops trailing zeros, its text order is
// time order, which the outbox and position queries compare on.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

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
