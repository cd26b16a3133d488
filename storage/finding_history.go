package storage

import (
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// recordFinding appends a finding's state to its history.
func (t *tx) recordFinding(action string, f bot.Finding) error {
	items, _, stale, err := findingValues(f)
	if err != nil {
		return err
	}
	_, err = t.Exec(`INSERT INTO finding_history (finding_id, engagement_id, action, kind, items, category, priority,
			risk_ja, risk_en, direction_ja, direction_en, status, author, model, stale, changed_platform,
			changed_workspace, changed_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ID, f.EngagementID, action, string(f.Kind), items, f.Category, f.Priority, f.Risk.JA, f.Risk.EN,
		f.Direction.JA, f.Direction.EN, string(f.Status), string(f.Author), f.Model, stale,
		f.ChangedBy.Platform, f.ChangedBy.Workspace, f.ChangedBy.ID, sqldb.FormatTime(f.UpdatedAt))
	return err
}

const historyColumns = `h.action, h.finding_id, f.number, h.kind, h.items, h.category, h.priority, h.risk_ja, h.risk_en,
	h.direction_ja, h.direction_en, h.status, h.author, h.model, '[]', h.stale, h.changed_platform,
	h.changed_workspace, h.changed_id, f.created_at, h.at`

// FindingHistory lists every state of an engagement's finding number n,
// oldest first; sources are not kept in the history.
func (t *tx) FindingHistory(engagementID string, n int) ([]bot.FindingChange, error) {
	rows, err := t.Query(`SELECT `+historyColumns+` FROM finding_history h JOIN findings f ON f.id = h.finding_id
		WHERE f.engagement_id = ? AND f.number = ? ORDER BY h.id`, engagementID, n)
	if err != nil {
		return nil, fmt.Errorf("storage: history of finding %d of %s: %w", n, engagementID, err)
	}
	defer rows.Close()
	var out []bot.FindingChange
	for rows.Next() {
		var c bot.FindingChange
		c.Finding, err = scanFinding(historyRow{rows, &c.Action}, engagementID)
		c.At = c.UpdatedAt
		if err != nil {
			return nil, fmt.Errorf("storage: history of finding %d of %s: %w", n, engagementID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: history of finding %d of %s: %w", n, engagementID, err)
	}
	return out, nil
}

// historyRow scans a history row: the action, then the finding's columns
// (its updated_at is the time of the change).
type historyRow struct {
	s      scanner
	action *string
}

func (h historyRow) Scan(dest ...any) error {
	return h.s.Scan(append([]any{h.action}, dest...)...)
}
