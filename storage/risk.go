package storage

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

const riskColumns = `id, number, category, items, text_ja, text_en, status, author, model, stale_lang,
	changed_platform, changed_workspace, changed_id, created_at, updated_at`

// RiskComments lists an engagement's risk comments that are not
// superseded, by number.
func (t *tx) RiskComments(engagementID string) ([]bot.RiskComment, error) {
	rows, err := t.query(`SELECT `+riskColumns+` FROM risk_comments
		WHERE engagement_id = ? AND status != 'superseded' ORDER BY number`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: risk comments of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.RiskComment{}
	for rows.Next() {
		c := bot.RiskComment{EngagementID: engagementID}
		var items, status, author, stale, created, updated string
		err := rows.Scan(&c.ID, &c.Number, &c.Category, &items, &c.Text.JA, &c.Text.EN, &status, &author, &c.Model,
			&stale, &c.ChangedBy.Platform, &c.ChangedBy.Workspace, &c.ChangedBy.ID, &created, &updated)
		if err == nil {
			c.CreatedAt, err = parseTime(created)
		}
		if err == nil {
			c.UpdatedAt, err = parseTime(updated)
		}
		if err != nil {
			return nil, fmt.Errorf("storage: risk comments of %s: %w", engagementID, err)
		}
		c.Items = splitList[string](items)
		c.Status, c.Author, c.StaleLang = bot.RiskStatus(status), bot.RiskAuthor(author), assessment.Lang(stale)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: risk comments of %s: %w", engagementID, err)
	}
	return out, nil
}

// AddRiskComment stores a risk comment under the engagement's next number.
func (t *tx) AddRiskComment(c bot.RiskComment) (bot.RiskComment, error) {
	items, err := joinList(c.Items)
	if err != nil {
		return c, fmt.Errorf("storage: add risk comment in %s: %w", c.EngagementID, err)
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	err = t.tx.QueryRowContext(t.ctx, `SELECT coalesce(max(number), 0) + 1 FROM risk_comments WHERE engagement_id = ?`,
		c.EngagementID).Scan(&c.Number)
	if err != nil {
		return c, fmt.Errorf("storage: add risk comment in %s: %w", c.EngagementID, err)
	}
	res, err := t.exec(`INSERT INTO risk_comments (engagement_id, number, category, items, text_ja, text_en, status,
			author, model, stale_lang, changed_platform, changed_workspace, changed_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EngagementID, c.Number, c.Category, items, c.Text.JA, c.Text.EN, string(c.Status), string(c.Author),
		c.Model, string(c.StaleLang), c.ChangedBy.Platform, c.ChangedBy.Workspace, c.ChangedBy.ID,
		formatTime(c.CreatedAt), formatTime(c.UpdatedAt))
	if err == nil {
		c.ID, err = res.LastInsertId()
	}
	if err != nil {
		return c, fmt.Errorf("storage: add risk comment in %s: %w", c.EngagementID, err)
	}
	return c, nil
}

// UpdateRiskComment saves a risk comment's texts, status, author, stale
// language and last change.
func (t *tx) UpdateRiskComment(c bot.RiskComment) error {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = time.Now()
	}
	res, err := t.exec(`UPDATE risk_comments SET text_ja = ?, text_en = ?, status = ?, author = ?, model = ?,
			stale_lang = ?, changed_platform = ?, changed_workspace = ?, changed_id = ?, updated_at = ?
		WHERE id = ? AND engagement_id = ?`,
		c.Text.JA, c.Text.EN, string(c.Status), string(c.Author), c.Model, string(c.StaleLang),
		c.ChangedBy.Platform, c.ChangedBy.Workspace, c.ChangedBy.ID, formatTime(c.UpdatedAt), c.ID, c.EngagementID)
	if err != nil {
		return fmt.Errorf("storage: update risk comment %d of %s: %w", c.ID, c.EngagementID, err)
	}
	return mustAffect(res, "update risk comment %d of %s", c.ID, c.EngagementID)
}
