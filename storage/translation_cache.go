package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// TranslationCache is the translation cache in the database; it has the
// methods of prompts.Cache (cmd hands it to the prompts client). Rows are
// shared between engagements and go when the last translation that used
// them is purged.
type TranslationCache struct{ db *DB }

// TranslationCache returns the database's translation cache.
func (db *DB) TranslationCache() *TranslationCache { return &TranslationCache{db: db} }

// Get returns the cached value of key; ok is false when there is none.
func (c *TranslationCache) Get(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := c.db.reader.QueryRowContext(ctx, "SELECT value FROM translation_cache WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: translation cache get: %w", err)
	}
	return v, true, nil
}

// Put stores a value under key, replacing any earlier one.
func (c *TranslationCache) Put(ctx context.Context, key, value string) error {
	_, err := c.db.writer.ExecContext(ctx, `INSERT INTO translation_cache (key, value, created_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value, sqldb.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("storage: translation cache put: %w", err)
	}
	return nil
}
