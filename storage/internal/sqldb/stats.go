package sqldb

import "context"

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
