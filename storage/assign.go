package storage

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// Assign makes users the holders of items, replacing their holders.
func (t *tx) Assign(engagementID string, items []string, users []bot.UserRef, by bot.UserRef, at time.Time) error {
	for _, item := range items {
		if _, err := t.Exec(`DELETE FROM assignments WHERE engagement_id = ? AND item = ?`, engagementID, item); err != nil {
			return fmt.Errorf("storage: assign %s of %s: %w", item, engagementID, err)
		}
		for i, u := range users {
			if _, err := t.Exec(`INSERT INTO assignments (engagement_id, item, platform, workspace, user_id, seq, assigned_by, assigned_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, engagementID, item, u.Platform, u.Workspace, u.ID, i, by.ID, sqldb.FormatTime(at)); err != nil {
				return fmt.Errorf("storage: assign %s of %s: %w", item, engagementID, err)
			}
		}
	}
	return nil
}

// Holders maps each delegated item of an engagement to its holders.
func (t *tx) Holders(engagementID string) (map[string][]bot.UserRef, error) {
	rows, err := t.Query(`SELECT item, platform, workspace, user_id FROM assignments WHERE engagement_id = ? ORDER BY item, seq`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: holders of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := map[string][]bot.UserRef{}
	for rows.Next() {
		var item string
		var u bot.UserRef
		if err := rows.Scan(&item, &u.Platform, &u.Workspace, &u.ID); err != nil {
			return nil, fmt.Errorf("storage: holders of %s: %w", engagementID, err)
		}
		out[item] = append(out[item], u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: holders of %s: %w", engagementID, err)
	}
	return out, nil
}
