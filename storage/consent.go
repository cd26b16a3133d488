package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SetConsent records a participant's answer to being named SPOC
// (bot.ConsentAccepted or bot.ConsentDeclined).
func (t *tx) SetConsent(engagementID string, u bot.UserRef, consent bot.Consent) error {
	res, err := t.Exec(`UPDATE participants SET consent = ?
		WHERE engagement_id = ? AND platform = ? AND workspace = ? AND user_id = ?`,
		string(consent), engagementID, u.Platform, u.Workspace, u.ID)
	if err != nil {
		return fmt.Errorf("storage: consent of %s/%s/%s in %s: %w", u.Platform, u.Workspace, u.ID, engagementID, err)
	}
	return sqldb.MustAffect(res, "participant %s/%s/%s in %s", u.Platform, u.Workspace, u.ID, engagementID)
}

// pendingTTL is how long typed text waits for its engagement to be chosen.
const pendingTTL = 24 * time.Hour

// SavePending keeps a user's typed text until they choose its engagement,
// and returns its id. Texts older than a day are dropped on the way.
func (t *tx) SavePending(u bot.UserRef, conversation, text string, now time.Time) (int64, error) {
	_, err := t.Exec("DELETE FROM pending_inputs WHERE created_at < ?", sqldb.FormatTime(now.Add(-pendingTTL)))
	var id int64
	if err == nil {
		id, err = t.Insert(`INSERT INTO pending_inputs (platform, workspace, user_id, conversation, text, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, u.Platform, u.Workspace, u.ID, conversation, text, sqldb.FormatTime(now))
	}
	if err != nil {
		return 0, fmt.Errorf("storage: keep typed text of %s/%s/%s: %w", u.Platform, u.Workspace, u.ID, err)
	}
	return id, nil
}

// TakePending returns and deletes the user's kept text id; ok is false when
// there is none (taken already, expired, or another user's).
func (t *tx) TakePending(u bot.UserRef, id int64) (string, bool, error) {
	var text string
	err := t.QueryRow(`SELECT text FROM pending_inputs WHERE id = ? AND platform = ? AND workspace = ? AND user_id = ?`,
		id, u.Platform, u.Workspace, u.ID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err == nil {
		_, err = t.Exec("DELETE FROM pending_inputs WHERE id = ?", id)
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: take typed text %d: %w", id, err)
	}
	return text, true, nil
}
