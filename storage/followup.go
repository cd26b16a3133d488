package storage

import (
	"database/sql"
	"errors"
	"fmt"
)

// SetPrevious records the engagement a follow-up engagement follows.
func (t *tx) SetPrevious(engagementID, previousID string) error {
	if _, err := t.Exec(`INSERT INTO engagement_previous (engagement_id, previous_id) VALUES (?, ?)`, engagementID, previousID); err != nil {
		return fmt.Errorf("storage: previous of %s: %w", engagementID, err)
	}
	return nil
}

// PreviousOf is the id of the engagement a follow-up follows, "" for none.
func (t *tx) PreviousOf(engagementID string) (string, error) {
	var id string
	err := t.QueryRow(`SELECT previous_id FROM engagement_previous WHERE engagement_id = ?`, engagementID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("storage: previous of %s: %w", engagementID, err)
	}
	return id, nil
}
