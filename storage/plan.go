package storage

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// AddAction stores a new action under the engagement's next number, with
// its "created" history row.
func (t *tx) AddAction(a bot.Action, by bot.UserRef) (bot.Action, error) {
	err := t.QueryRow(`SELECT coalesce(max(number), 0) + 1 FROM actions WHERE engagement_id = ?`, a.EngagementID).Scan(&a.Number)
	if err != nil {
		return a, fmt.Errorf("storage: add action to %s: %w", a.EngagementID, err)
	}
	a.UpdatedAt = a.CreatedAt
	a.ID, err = t.Insert(`INSERT INTO actions (engagement_id, number, finding_number, items, theme, text_ja, text_en,
			owner_platform, owner_workspace, owner_id, due, status, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.EngagementID, a.Number, a.FindingNumber, strings.Join(a.Items, ","), a.Theme, a.Text.JA, a.Text.EN,
		a.Owner.Platform, a.Owner.Workspace, a.Owner.ID, a.Due, string(a.Status), a.Note, sqldb.FormatTime(a.CreatedAt), sqldb.FormatTime(a.UpdatedAt))
	if err != nil {
		return a, fmt.Errorf("storage: add action to %s: %w", a.EngagementID, err)
	}
	return a, t.addActionChange(a, bot.ActionChange{ActionID: a.ID, Field: bot.ActionCreated, Value: string(a.Status), By: by, At: a.CreatedAt})
}

// UpdateAction saves an action and appends a change to its history.
func (t *tx) UpdateAction(a bot.Action, ch bot.ActionChange) error {
	res, err := t.Exec(`UPDATE actions SET theme = ?, owner_platform = ?, owner_workspace = ?, owner_id = ?, due = ?,
		status = ?, note = ?, updated_at = ? WHERE id = ?`,
		a.Theme, a.Owner.Platform, a.Owner.Workspace, a.Owner.ID, a.Due, string(a.Status), a.Note, sqldb.FormatTime(a.UpdatedAt), a.ID)
	if err != nil {
		return fmt.Errorf("storage: update action %d: %w", a.ID, err)
	}
	if err := sqldb.MustAffect(res, "update action %d", a.ID); err != nil {
		return err
	}
	ch.ActionID = a.ID
	return t.addActionChange(a, ch)
}

func (t *tx) addActionChange(a bot.Action, ch bot.ActionChange) error {
	_, err := t.Exec(`INSERT INTO action_history (action_id, engagement_id, field, value, note, by_platform, by_workspace, by_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.EngagementID, ch.Field, ch.Value, ch.Note,
		ch.By.Platform, ch.By.Workspace, ch.By.ID, sqldb.FormatTime(ch.At))
	if err != nil {
		return fmt.Errorf("storage: history of action %d: %w", a.ID, err)
	}
	return nil
}

// Actions lists an engagement's actions by number.
func (t *tx) Actions(engagementID string) ([]bot.Action, error) {
	rows, err := t.Query(`SELECT id, engagement_id, number, finding_number, items, theme, text_ja, text_en,
		owner_platform, owner_workspace, owner_id, due, status, note, created_at, updated_at
		FROM actions WHERE engagement_id = ? ORDER BY number`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: actions of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.Action{}
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: actions of %s: %w", engagementID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: actions of %s: %w", engagementID, err)
	}
	return out, nil
}

func scanAction(rows *sql.Rows) (bot.Action, error) {
	var a bot.Action
	var items, status, created, updated string
	err := rows.Scan(&a.ID, &a.EngagementID, &a.Number, &a.FindingNumber, &items, &a.Theme, &a.Text.JA, &a.Text.EN,
		&a.Owner.Platform, &a.Owner.Workspace, &a.Owner.ID, &a.Due, &status, &a.Note, &created, &updated)
	if err != nil {
		return a, err
	}
	a.Items, a.Status = sqldb.SplitList[string](items), bot.ActionStatus(status)
	if a.Items == nil {
		a.Items = []string{}
	}
	if a.CreatedAt, err = sqldb.ParseTime(created); err != nil {
		return a, err
	}
	a.UpdatedAt, err = sqldb.ParseTime(updated)
	return a, err
}

// ActionHistory lists the history of an engagement's actions, oldest first.
func (t *tx) ActionHistory(engagementID string) ([]bot.ActionChange, error) {
	rows, err := t.Query(`SELECT action_id, field, value, note, by_platform, by_workspace, by_id, at
		FROM action_history WHERE engagement_id = ? ORDER BY id`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: action history of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.ActionChange{}
	for rows.Next() {
		var c bot.ActionChange
		var at string
		if err := rows.Scan(&c.ActionID, &c.Field, &c.Value, &c.Note, &c.By.Platform, &c.By.Workspace, &c.By.ID, &at); err != nil {
			return nil, fmt.Errorf("storage: action history of %s: %w", engagementID, err)
		}
		if c.At, err = sqldb.ParseTime(at); err != nil {
			return nil, fmt.Errorf("storage: action history of %s: %w", engagementID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: action history of %s: %w", engagementID, err)
	}
	return out, nil
}

// ClaimActionReminder records a reminder by its key; false means it was
// recorded before.
func (t *tx) ClaimActionReminder(a bot.Action, key string, at time.Time) (bool, error) {
	ok, err := t.InsertOnce(`INSERT INTO action_reminders (action_id, engagement_id, key, at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, a.ID, a.EngagementID, key, sqldb.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("storage: claim reminder of action %d: %w", a.ID, err)
	}
	return ok, nil
}

// EngagementsWithOpenActions lists the engagements that have an owned,
// dated action neither done nor dropped.
func (t *tx) EngagementsWithOpenActions() ([]string, error) {
	rows, err := t.Query(`SELECT DISTINCT engagement_id FROM actions
		WHERE status IN ('open', 'doing') AND owner_id != '' AND due != '' ORDER BY engagement_id`)
	if err != nil {
		return nil, fmt.Errorf("storage: engagements with open actions: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: engagements with open actions: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
