package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// AddEvidence stores a file or a note and returns its id. Evidence is
// append-only. Errors name the item, never the text or the file.
func (t *tx) AddEvidence(e bot.Evidence) (int64, error) {
	var data any
	if e.Kind == bot.EvidenceFile {
		data = e.Data
		if e.Data == nil {
			data = []byte{} // an empty file is stored empty, not NULL
		}
	}
	id, err := t.Insert(`INSERT INTO evidence (engagement_id, item, kind, author_platform, author_workspace, author_id,
			author_name, name, mime, size, sha256, data, text, model_ok, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.EngagementID, e.Item, e.Kind, e.Author.Platform, e.Author.Workspace, e.Author.ID,
		e.AuthorName, e.Name, e.MIME, e.Size, e.SHA256, data, e.Text, e.ModelOK, sqldb.FormatTime(e.At))
	if err != nil {
		return 0, fmt.Errorf("storage: add evidence %s/%s: %w", e.EngagementID, e.Item, err)
	}
	return id, nil
}

// EvidenceOf lists an engagement's evidence, oldest first, without bytes.
func (t *tx) EvidenceOf(engagementID string) ([]bot.Evidence, error) {
	rows, err := t.Query(`SELECT id, engagement_id, item, kind, author_platform, author_workspace, author_id,
		author_name, name, mime, size, sha256, text, model_ok, created_at FROM evidence WHERE engagement_id = ? ORDER BY id`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: evidence of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.Evidence{}
	for rows.Next() {
		var e bot.Evidence
		var at string
		if err := rows.Scan(&e.ID, &e.EngagementID, &e.Item, &e.Kind, &e.Author.Platform, &e.Author.Workspace, &e.Author.ID,
			&e.AuthorName, &e.Name, &e.MIME, &e.Size, &e.SHA256, &e.Text, &e.ModelOK, &at); err != nil {
			return nil, fmt.Errorf("storage: evidence of %s: %w", engagementID, err)
		}
		if e.At, err = sqldb.ParseTime(at); err != nil {
			return nil, fmt.Errorf("storage: evidence of %s: %w", engagementID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: evidence of %s: %w", engagementID, err)
	}
	return out, nil
}

// EvidenceData returns the bytes of an evidence file.
func (t *tx) EvidenceData(id int64) ([]byte, error) {
	var data []byte
	err := t.QueryRow(`SELECT data FROM evidence WHERE id = ? AND kind = 'file'`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sqldb.NotFound("evidence %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: evidence %d: %w", id, err)
	}
	return data, nil
}
