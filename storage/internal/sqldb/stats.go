package sqldb

import (
	"context"
	"time"
)

// CountByPlatform counts the outbox rows that match where, per platform.
func CountByPlatform(ctx context.Context, p Pool, where string) (map[string]int, error) {
	rows, err := p.QueryContext(ctx, "SELECT platform, count(*) FROM outbox WHERE "+where+" GROUP BY platform")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		counts[name] = n
	}
	return counts, rows.Err()
}

// OutboxOldest is, per platform, when the oldest message still waiting to
// be delivered was queued, for /metrics; dead letters are not counted.
func OutboxOldest(ctx context.Context, p Pool) (map[string]time.Time, error) {
	rows, err := p.QueryContext(ctx, "SELECT platform, min(created_at) FROM outbox WHERE dead_at IS NULL GROUP BY platform")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var p, at string
		if err := rows.Scan(&p, &at); err != nil {
			return nil, err
		}
		if out[p], err = parseTime(at); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}
