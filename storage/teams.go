package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SaveTeamsServiceURL records the Bot Connector base URL a Teams
// conversation was last seen with (an activity's serviceUrl), so that the
// adapter can send to the conversation after a restart.
func (db *DB) SaveTeamsServiceURL(ctx context.Context, tenant, conversation, serviceURL string, at time.Time) error {
	_, err := db.writer.ExecContext(ctx, `INSERT INTO teams_service_urls (conversation_id, tenant_id, service_url, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET
		tenant_id = excluded.tenant_id, service_url = excluded.service_url, updated_at = excluded.updated_at`,
		conversation, tenant, serviceURL, sqldb.FormatTime(at))
	if err != nil {
		return fmt.Errorf("storage: save Teams service URL of %s: %w", conversation, err)
	}
	return nil
}

// TeamsServiceURL is the service URL saved for a Teams conversation or,
// when conversation is empty, the tenant's most recently saved one (where
// a new 1:1 conversation is created). It fails with bot.ErrNotFound when
// none was saved.
func (db *DB) TeamsServiceURL(ctx context.Context, tenant, conversation string) (string, error) {
	q, args := `SELECT service_url FROM teams_service_urls WHERE conversation_id = ?`, []any{conversation}
	if conversation == "" {
		q = `SELECT service_url FROM teams_service_urls WHERE tenant_id = ?
			ORDER BY updated_at DESC, conversation_id LIMIT 1`
		args = []any{tenant}
	}
	var u string
	err := db.reader.QueryRowContext(ctx, q, args...).Scan(&u)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", sqldb.NotFound("Teams service URL of %q in %q", conversation, tenant)
	case err != nil:
		return "", fmt.Errorf("storage: Teams service URL of %q in %q: %w", conversation, tenant, err)
	}
	return u, nil
}
