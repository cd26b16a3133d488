package postgres

import (
	"context"
	"database/sql"
	"fmt"
)

// AfterCopy moves every identity sequence of the schema past the largest
// value copied into its column, so that the next row gets a new id.
func AfterCopy(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'`)
	if err != nil {
		return err
	}
	type col struct{ table, column string }
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.table, &c.column); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cols {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', '%[2]s'), coalesce(max("%[2]s"), 0) + 1, false) FROM "%[1]s"`,
			c.table, c.column)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("identity of %s.%s: %w", c.table, c.column, err)
		}
	}
	return nil
}
