package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const findingColumns = `id, number, kind, items, category, priority, risk_ja, risk_en, direction_ja, direction_en,
	status, author, model, sources, stale, changed_platform, changed_workspace, changed_id, created_at, updated_at`

// Findings lists an engagement's findings that are not superseded, by
// priority, then number.
func (t *tx) Findings(engagementID string) ([]bot.Finding, error) {
	rows, err := t.Query(`SELECT `+findingColumns+` FROM findings
		WHERE engagement_id = ? AND status != 'superseded' ORDER BY priority, number`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: findings of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.Finding{}
	for rows.Next() {
		f, err := scanFinding(rows, engagementID)
		if err != nil {
			return nil, fmt.Errorf("storage: findings of %s: %w", engagementID, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: findings of %s: %w", engagementID, err)
	}
	return out, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanFinding(s scanner, engagementID string) (bot.Finding, error) {
	f := bot.Finding{EngagementID: engagementID}
	var kind, items, status, author, sources, stale, created, updated string
	err := s.Scan(&f.ID, &f.Number, &kind, &items, &f.Category, &f.Priority, &f.Risk.JA, &f.Risk.EN,
		&f.Direction.JA, &f.Direction.EN, &status, &author, &f.Model, &sources, &stale,
		&f.ChangedBy.Platform, &f.ChangedBy.Workspace, &f.ChangedBy.ID, &created, &updated)
	if err == nil {
		f.CreatedAt, err = sqldb.ParseTime(created)
	}
	if err == nil {
		f.UpdatedAt, err = sqldb.ParseTime(updated)
	}
	if err == nil {
		err = json.Unmarshal([]byte(sources), &f.Sources)
	}
	if err == nil {
		err = json.Unmarshal([]byte(stale), &f.Stale)
	}
	f.Kind, f.Status, f.Author = assessment.FindingKind(kind), assessment.FindingStatus(status), assessment.FindingAuthor(author)
	f.Items = sqldb.SplitList[string](items)
	if f.Items == nil {
		f.Items = []string{}
	}
	return f, err
}

// findingValues are the stored forms of a finding's list and JSON columns.
func findingValues(f bot.Finding) (items, sources, stale string, err error) {
	if items, err = sqldb.JoinList(f.Items); err != nil {
		return "", "", "", err
	}
	src, err := json.Marshal(sqldb.NonNil(f.Sources))
	if err != nil {
		return "", "", "", err
	}
	st, err := json.Marshal(sqldb.NonNil(f.Stale))
	return items, string(src), string(st), err
}

// AddFinding stores a finding under the engagement's next number and records
// it in the history. A zero UpdatedAt is CreatedAt; a zero Priority is the
// new number.
func (t *tx) AddFinding(f bot.Finding) (bot.Finding, error) {
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = f.CreatedAt
	}
	items, sources, stale, err := findingValues(f)
	if err == nil {
		err = t.QueryRow(`SELECT coalesce(max(number), 0) + 1 FROM findings WHERE engagement_id = ?`,
			f.EngagementID).Scan(&f.Number)
	}
	if f.Priority == 0 {
		f.Priority = f.Number
	}
	if err != nil {
		return f, fmt.Errorf("storage: add finding in %s: %w", f.EngagementID, err)
	}
	f.ID, err = t.Insert(`INSERT INTO findings (engagement_id, number, kind, items, category, priority, risk_ja, risk_en,
			direction_ja, direction_en, status, author, model, sources, stale, changed_platform, changed_workspace,
			changed_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		f.EngagementID, f.Number, string(f.Kind), items, f.Category, f.Priority, f.Risk.JA, f.Risk.EN,
		f.Direction.JA, f.Direction.EN, string(f.Status), string(f.Author), f.Model, sources, stale,
		f.ChangedBy.Platform, f.ChangedBy.Workspace, f.ChangedBy.ID, sqldb.FormatTime(f.CreatedAt), sqldb.FormatTime(f.UpdatedAt))
	if err == nil {
		err = t.recordFinding("add", f)
	}
	if err != nil {
		return f, fmt.Errorf("storage: add finding in %s: %w", f.EngagementID, err)
	}
	return f, nil
}

// UpdateFinding saves everything of a finding but its number and creation,
// and records the new state in the history. A zero UpdatedAt is now.
func (t *tx) UpdateFinding(f bot.Finding) error {
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = time.Now()
	}
	items, sources, stale, err := findingValues(f)
	if err != nil {
		return fmt.Errorf("storage: update finding %d of %s: %w", f.ID, f.EngagementID, err)
	}
	res, err := t.Exec(`UPDATE findings SET kind = ?, items = ?, category = ?, priority = ?, risk_ja = ?, risk_en = ?,
			direction_ja = ?, direction_en = ?, status = ?, author = ?, model = ?, sources = ?, stale = ?,
			changed_platform = ?, changed_workspace = ?, changed_id = ?, updated_at = ?
		WHERE id = ? AND engagement_id = ?`,
		string(f.Kind), items, f.Category, f.Priority, f.Risk.JA, f.Risk.EN, f.Direction.JA, f.Direction.EN,
		string(f.Status), string(f.Author), f.Model, sources, stale, f.ChangedBy.Platform, f.ChangedBy.Workspace,
		f.ChangedBy.ID, sqldb.FormatTime(f.UpdatedAt), f.ID, f.EngagementID)
	if err != nil {
		return fmt.Errorf("storage: update finding %d of %s: %w", f.ID, f.EngagementID, err)
	}
	if err := sqldb.MustAffect(res, "update finding %d of %s", f.ID, f.EngagementID); err != nil {
		return err
	}
	if err := t.recordFinding("change", f); err != nil {
		return fmt.Errorf("storage: update finding %d of %s: %w", f.ID, f.EngagementID, err)
	}
	return nil
}
