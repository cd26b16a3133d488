package storage

import (
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const positionColumns = `engagement_id, platform, workspace, user_id, conversation, item, serial, skipped, updated_at`

// Position returns where a participant is in an engagement's interview.
func (t *tx) Position(engagementID string, u bot.UserRef) (bot.Position, error) {
	ps, err := t.positions(`WHERE engagement_id = ? AND platform = ? AND workspace = ? AND user_id = ?`,
		engagementID, u.Platform, u.Workspace, u.ID)
	if err != nil {
		return bot.Position{}, fmt.Errorf("storage: position of %s/%s/%s in %s: %w",
			u.Platform, u.Workspace, u.ID, engagementID, err)
	}
	if len(ps) == 0 {
		return bot.Position{}, sqldb.NotFound("position of %s/%s/%s in %s", u.Platform, u.Workspace, u.ID, engagementID)
	}
	return ps[0], nil
}

const savePositionSQL = `INSERT INTO positions (` + positionColumns + `, seq)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
		(SELECT coalesce(max(seq), 0) + 1 FROM positions WHERE platform = ? AND workspace = ? AND user_id = ?))
	ON CONFLICT (engagement_id, platform, workspace, user_id) DO UPDATE SET
		conversation = excluded.conversation, item = excluded.item, serial = excluded.serial,
		skipped = excluded.skipped, updated_at = excluded.updated_at, seq = excluded.seq`

// SavePosition inserts or replaces a participant's position and marks it the
// latest save of the user's positions (seq), LatestPositionOf's last
// tie-break.
func (t *tx) SavePosition(p bot.Position) error {
	skipped, err := sqldb.JoinList(p.Skipped)
	if err == nil {
		_, err = t.Exec(savePositionSQL,
			p.EngagementID, p.User.Platform, p.User.Workspace, p.User.ID,
			p.Conversation, p.Item, p.Serial, skipped, sqldb.FormatTime(p.UpdatedAt),
			p.User.Platform, p.User.Workspace, p.User.ID)
	}
	if err != nil {
		return fmt.Errorf("storage: save position of %s/%s/%s in %s: %w",
			p.User.Platform, p.User.Workspace, p.User.ID, p.EngagementID, err)
	}
	return nil
}

// LatestPositionOf returns the user's most recently updated position, in any
// engagement: how a direct message finds its engagement. Ties on UpdatedAt go
// to the highest serial, then to the position saved last.
func (t *tx) LatestPositionOf(u bot.UserRef) (bot.Position, error) {
	ps, err := t.positions(`WHERE platform = ? AND workspace = ? AND user_id = ?
		ORDER BY updated_at DESC, serial DESC, seq DESC LIMIT 1`, u.Platform, u.Workspace, u.ID)
	if err != nil {
		return bot.Position{}, fmt.Errorf("storage: latest position of %s/%s/%s: %w", u.Platform, u.Workspace, u.ID, err)
	}
	if len(ps) == 0 {
		return bot.Position{}, sqldb.NotFound("latest position of %s/%s/%s", u.Platform, u.Workspace, u.ID)
	}
	return ps[0], nil
}

func (t *tx) positions(tail string, args ...any) ([]bot.Position, error) {
	rows, err := t.Query("SELECT "+positionColumns+" FROM positions "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []bot.Position
	for rows.Next() {
		var p bot.Position
		var skipped, at string
		err := rows.Scan(&p.EngagementID, &p.User.Platform, &p.User.Workspace, &p.User.ID,
			&p.Conversation, &p.Item, &p.Serial, &skipped, &at)
		if err != nil {
			return nil, err
		}
		p.Skipped = sqldb.SplitList[string](skipped)
		if p.UpdatedAt, err = sqldb.ParseTime(at); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}
