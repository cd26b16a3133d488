package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// OutboxDepth counts the queued messages per platform, for /metrics;
// dead letters are counted by DeadLetters.
func (db *DB) OutboxDepth(ctx context.Context) (map[string]int, error) {
	n, err := db.countByPlatform(ctx, "dead_at IS NULL")
	if err != nil {
		return nil, fmt.Errorf("storage: outbox depth: %w", err)
	}
	return n, nil
}

// DeadLetters counts the dead letters per platform, for /metrics.
func (db *DB) DeadLetters(ctx context.Context) (map[string]int, error) {
	n, err := db.countByPlatform(ctx, "dead_at IS NOT NULL")
	if err != nil {
		return nil, fmt.Errorf("storage: dead letters: %w", err)
	}
	return n, nil
}

// countByPlatform counts the outbox rows that match where, per platform.
func (db *DB) countByPlatform(ctx context.Context, where string) (map[string]int, error) {
	if err := db.flushSent(ctx); err != nil {
		return nil, err
	}
	return sqldb.CountByPlatform(ctx, db.reader, where)
}

// OutboxOldest is, per platform, when the oldest message still waiting to
// be delivered was queued, for /metrics; dead letters are not counted.
func (db *DB) OutboxOldest(ctx context.Context) (map[string]time.Time, error) {
	err := db.flushSent(ctx)
	var out map[string]time.Time
	if err == nil {
		out, err = sqldb.OutboxOldest(ctx, db.reader)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: outbox oldest: %w", err)
	}
	return out, nil
}
