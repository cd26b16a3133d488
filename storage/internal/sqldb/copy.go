package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// copyOrder lists the tables of the schema, parents before the rows that
// reference them. A table that a migration adds must be added here: Copy
// refuses a schema with a table it does not know.
func copyOrder() []string {
	return []string{"engagements", "packs", "participants", "assignments", "answers", "comments", "positions",
		"processed_events", "milestones", "outbox", "engagement_llm", "findings", "finding_history", "model_jobs",
		"translations", "translation_cache", "model_usage", "model_audit", "channel_messages", "schedules",
		"reminders", "teams_service_urls", "teams_files", "pending_inputs", "evidence",
		"evidence_downloads", "actions", "action_history", "action_reminders", "engagement_previous",
		"closed_scores", "closed_category_scores"} // after answers: an answer's insert drops its engagement's scores
}

// generated are the columns an engine computes, which are never written.
func generated(table, column string) bool { return table == "outbox" && column == "queue" }

// TableCount is a table's number of rows.
type TableCount struct {
	Table string
	Rows  int
}

// Tables lists the tables of p's schema in copy order, failing on one
// that copyOrder does not know.
func Tables(ctx context.Context, p Pool) ([]string, error) {
	rows, err := p.QueryContext(ctx, p.D.Tables)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		have[n] = true
	}
	var out []string
	for _, t := range copyOrder() {
		if have[t] {
			out = append(out, t)
			delete(have, t)
		}
	}
	for t := range have {
		return nil, fmt.Errorf("table %s is not known to copy: add it to sqldb.copyOrder", t)
	}
	return out, rows.Err()
}

// Counts returns the rows of every table of p's schema, in copy order.
func Counts(ctx context.Context, p Pool) ([]TableCount, error) {
	tables, err := Tables(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]TableCount, len(tables))
	for i, t := range tables {
		out[i].Table = t
		if err := p.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&out[i].Rows); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
	}
	return out, nil
}

// CopyTables copies every row of every table of src into dst, whose
// tables must all be empty, in one write transaction of dst, ids
// included; it returns the rows copied per table.
func CopyTables(ctx context.Context, src, dst Pool) ([]TableCount, error) {
	tables, err := Tables(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	if err := mustBeEmpty(ctx, dst); err != nil {
		return nil, err
	}
	// The columns are read first: a SQLite destination's writer has one
	// connection, which the transaction holds.
	cols, orders := make([][]string, len(tables)), make([]string, len(tables))
	for i, t := range tables {
		if cols[i], orders[i], err = sharedColumns(ctx, src, dst, t); err != nil {
			return nil, fmt.Errorf("copy %s: %w", t, err)
		}
	}
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := dst.D.Lock(ctx, tx); err != nil {
		return nil, err
	}
	var out []TableCount
	for i, t := range tables {
		n, err := copyTable(ctx, src, dst, tx, t, cols[i], orders[i])
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t, err)
		}
		out = append(out, TableCount{Table: t, Rows: n})
	}
	if dst.D.AfterCopy != nil {
		if err := dst.D.AfterCopy(ctx, tx); err != nil {
			return nil, err
		}
	}
	return out, tx.Commit()
}

// mustBeEmpty refuses a destination that holds any row: a copy never
// merges into a database in use.
func mustBeEmpty(ctx context.Context, dst Pool) error {
	counts, err := Counts(ctx, dst)
	if err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	for _, c := range counts {
		if c.Rows > 0 {
			return fmt.Errorf("the destination is not empty (%s has %d rows); copy only into a new database", c.Table, c.Rows)
		}
	}
	return nil
}

// copyTable copies one table's rows, the columns both schemas have, in
// the source's order of joining when it keeps one (order, a column).
func copyTable(ctx context.Context, src, dst Pool, tx *sql.Tx, table string, cols []string, order string) (int, error) {
	list := `"` + strings.Join(cols, `", "`) + `"`
	ins, err := tx.PrepareContext(ctx, dst.D.Rebind(`INSERT INTO "`+table+`" (`+list+`) VALUES (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+`)`))
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	query := `SELECT ` + list + ` FROM "` + table + `"`
	if order != "" {
		query += ` ORDER BY "` + order + `"`
	}
	rows, err := src.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok && b == nil {
				vals[i] = []byte{} // an empty blob, which a driver would write as NULL
			}
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// sharedColumns lists the written columns of table that both schemas
// have, in the source's order, and the source's column of row order when
// it has one: PostgreSQL's participants keep the order they joined in in
// ord, which SQLite keeps in its row ids, so rows copied to SQLite must
// arrive in that order (PostgreSQL stores a row saved again at the end).
func sharedColumns(ctx context.Context, src, dst Pool, table string) (cols []string, order string, err error) {
	s, err := columns(ctx, src, table)
	if err != nil {
		return nil, "", err
	}
	d, err := columns(ctx, dst, table)
	if err != nil {
		return nil, "", err
	}
	for _, c := range s {
		if slices.Contains(d, c) && !generated(table, c) {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		return nil, "", errors.New("no column in common")
	}
	if slices.Contains(s, "ord") {
		order = "ord"
	}
	return cols, order, nil
}

// columns lists a table's columns.
func columns(ctx context.Context, p Pool, table string) ([]string, error) {
	rows, err := p.QueryContext(ctx, `SELECT * FROM "`+table+`" WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
