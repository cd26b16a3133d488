package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
)

// ErrReadOnly is returned by a write method called inside a View.
var ErrReadOnly = errors.New("read-only transaction")

// Tx is one SQL transaction as the storage methods use it. It holds the
// context of the Update or View that made it, because bot.Tx's methods take
// none; it lives only as long as that call. Storage's areas (package
// storage, and the area packages beside this one) define their bot.Tx
// methods on types that embed it.
type Tx struct {
	Ctx      context.Context
	SQL      *sql.Tx
	ReadOnly bool
	Stmts    *StmtCache // the statements prepared on the transaction's pool; nil for none
	D        *Dialect
}

// Dialect is the transaction's engine's dialect.
func (t *Tx) Dialect() *Dialect { return t.D }

// Exec runs a write statement, refusing it in a View.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if t.ReadOnly {
		return nil, ErrReadOnly
	}
	args = t.D.Args(args)
	if st := t.Stmts.Get(query); st != nil {
		return t.SQL.StmtContext(t.Ctx, st).ExecContext(t.Ctx, args...)
	}
	return t.SQL.ExecContext(t.Ctx, t.D.Rebind(query), args...)
}

// Query runs a query, prepared once per pool (see StmtCache).
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	args = t.D.Args(args)
	if st := t.Stmts.Get(query); st != nil {
		return t.SQL.StmtContext(t.Ctx, st).QueryContext(t.Ctx, args...)
	}
	return t.SQL.QueryContext(t.Ctx, t.D.Rebind(query), args...)
}

// QueryRow is Query for a single row.
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	args = t.D.Args(args)
	if st := t.Stmts.Get(query); st != nil {
		return t.SQL.StmtContext(t.Ctx, st).QueryRowContext(t.Ctx, args...)
	}
	return t.SQL.QueryRowContext(t.Ctx, t.D.Rebind(query), args...)
}

// Insert runs an INSERT … RETURNING id, refusing it in a View, and returns
// the new row's id.
func (t *Tx) Insert(query string, args ...any) (int64, error) {
	if t.ReadOnly {
		return 0, ErrReadOnly
	}
	var id int64
	err := t.QueryRow(query, args...).Scan(&id)
	return id, err
}

// InsertOnce runs an INSERT … ON CONFLICT DO NOTHING and reports whether it
// added the row.
func (t *Tx) InsertOnce(query string, args ...any) (bool, error) {
	res, err := t.Exec(query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// NotFound wraps bot.ErrNotFound with what was looked for.
func NotFound(format string, args ...any) error {
	return fmt.Errorf("storage: "+format+": %w", append(args, bot.ErrNotFound)...)
}

// MustAffect turns a write that changed no row into a not-found error.
func MustAffect(res sql.Result, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("storage: "+format+": %w", append(args, err)...)
	}
	if n == 0 {
		return NotFound(format, args...)
	}
	return nil
}

// FormatTime is how times are stored (TimeLayout, in UTC).
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a stored time.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// JoinList stores a list as comma-separated text. Elements must be
// non-empty and comma-free, or the list would not read back the same.
func JoinList[S ~string](xs []S) (string, error) {
	parts := make([]string, len(xs))
	for i, x := range xs {
		if x == "" || strings.Contains(string(x), ",") {
			return "", fmt.Errorf("list element %q is empty or has a comma", x)
		}
		parts[i] = string(x)
	}
	return strings.Join(parts, ","), nil
}

// SplitList reads a list written by JoinList; "" is the empty (nil) list.
func SplitList[S ~string](s string) []S {
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

// NullIfEmpty stores "" as NULL.
func NullIfEmpty(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// NonNil is xs, or an empty slice for nil, so that JSON says [] not null.
func NonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
