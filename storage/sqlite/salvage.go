package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// SalvageReport says, table by table, what a salvage saved.
type SalvageReport struct {
	Tables []TableSalvage
}

// Damaged lists the tables some of whose rows could not be read.
func (r SalvageReport) Damaged() []string {
	var out []string
	for _, t := range r.Tables {
		if t.Damaged {
			out = append(out, t.Name)
		}
	}
	return out
}

// TableSalvage is one table's rows saved, and whether some could not be read.
type TableSalvage struct {
	Name    string
	Rows    int
	Damaged bool
}

// CopyFrom attaches the database at src and copies its tables' rows into
// the fresh database of writer, with foreign keys off, since tables are copied one at a time.
func CopyFrom(ctx context.Context, writer *sql.DB, src string) ([]TableSalvage, error) {
	conn, err := writer.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("salvage: %w", err)
	}
	defer conn.Close()
	srcDSN, err := DSN(src, "", "query_only(1)")
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF")
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "ATTACH DATABASE ? AS damaged", srcDSN)
	}
	if err != nil {
		return nil, fmt.Errorf("salvage: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE damaged")  //nolint:errcheck // closing
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON") //nolint:errcheck // closing
	tables, err := userTables(ctx, conn)
	if err != nil {
		return nil, err
	}
	var rep []TableSalvage
	for _, t := range tables {
		ts, err := copyTable(ctx, conn, t)
		if err != nil {
			return rep, err
		}
		rep = append(rep, ts)
	}
	return rep, nil
}

// userTables lists the fresh database's tables but schema_migrations, which
// its migrations have already filled.
func userTables(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name FROM main.sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("salvage: list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("salvage: list tables: %w", err)
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// copyTable copies one table whole, or row by row when the whole cannot be
// read.
func copyTable(ctx context.Context, conn *sql.Conn, table string) (TableSalvage, error) {
	q := quoteIdent(table)
	res, err := conn.ExecContext(ctx, "INSERT INTO main."+q+" SELECT * FROM damaged."+q)
	if err == nil {
		n, _ := res.RowsAffected()
		return TableSalvage{Name: table, Rows: int(n)}, nil
	}
	if !IsCorrupt(err) && !isMissingTable(err) {
		return TableSalvage{}, fmt.Errorf("salvage %s: %w", table, err)
	}
	n, err := copyRows(ctx, conn, q)
	return TableSalvage{Name: table, Rows: n, Damaged: true}, err
}

// maxSkips bounds the jumps over unreadable rowids: each jump is twice the
// last, so 40 of them pass any rowid a table here can reach.
const maxSkips = 40

// copyRows copies a table's readable rows in rowid order; where reading
// stops at damage, it jumps ahead (1, 2, 4 … rowids) and goes on. A table
// without rowids, or one whose root cannot be read, saves nothing.
func copyRows(ctx context.Context, conn *sql.Conn, q string) (int, error) {
	var saved int
	after, skip := int64(-1<<62), int64(1)
	for range maxSkips {
		n, last, err := copyRun(ctx, conn, q, after)
		saved += n
		if err == nil {
			return saved, nil
		}
		if !IsCorrupt(err) {
			return saved, nil // no rowid, or nothing readable: the table is lost
		}
		if n > 0 {
			after, skip = last, 1
		}
		after += skip
		skip *= 2
	}
	return saved, nil
}

// copyRun copies rows with a rowid above after until the end or the first
// unreadable page, returning how many it copied and the last rowid copied.
func copyRun(ctx context.Context, conn *sql.Conn, q string, after int64) (int, int64, error) {
	rows, err := conn.QueryContext(ctx, "SELECT rowid FROM damaged."+q+" WHERE rowid > ? ORDER BY rowid", after)
	if err != nil {
		return 0, after, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			break
		}
		ids = append(ids, id)
	}
	readErr := rows.Err()
	rows.Close()
	n := 0
	for _, id := range ids {
		if _, err := conn.ExecContext(ctx, "INSERT INTO main."+q+" SELECT * FROM damaged."+q+" WHERE rowid = ?", id); err == nil {
			n++
		}
	}
	last := after
	if len(ids) > 0 {
		last = slices.Max(ids)
	}
	return n, last, readErr
}

// isMissingTable tells SQLITE_ERROR, which a table that an older file
// lacks gives.
func isMissingTable(err error) bool { return code(err) == codeError }

// quoteIdent quotes a table name for SQL.
func quoteIdent(s string) string { return `"` + s + `"` }
