package storage

import (
	"context"
	"fmt"
)

// OutboxDepth counts the queued messages per platform, for /metrics;
// dead letters are counted by DeadLetters.
func (db *DB) OutboxDepth(ctx context.Context) (map[string]int, error) {
	rows, err := db.reader.QueryContext(ctx, "SELECT platform, count(*) FROM outbox WHERE dead_at IS NULL GROUP BY platform")
	if err != nil {
		return nil, fmt.Errorf("storage: outbox depth: %w", err)
	}
	defer rows.Close()
	depth := map[string]int{}
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			return nil, fmt.Errorf("storage: outbox depth: %w", err)
		}
		depth[p] = n
	}
	return depth, rows.Err()
}
