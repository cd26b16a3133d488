package langdb

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// LLMOff reports whether the language model is turned off for an
// engagement; an engagement that never set it has it on.
func (t *LanguageTx) LLMOff(engagementID string) (bool, error) {
	var off bool
	err := t.QueryRow("SELECT off FROM engagement_llm WHERE engagement_id = ?", engagementID).Scan(&off)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("storage: llm setting of %s: %w", engagementID, err)
	}
	return off, nil
}

// SetLLMOff turns the language model off (or on again) for an engagement
// and records who did it.
func (t *LanguageTx) SetLLMOff(engagementID string, off bool, by bot.UserRef, at time.Time) error {
	_, err := t.Exec(`INSERT INTO engagement_llm (engagement_id, off, by_platform, by_workspace, by_id, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (engagement_id) DO UPDATE SET off = excluded.off, by_platform = excluded.by_platform,
			by_workspace = excluded.by_workspace, by_id = excluded.by_id, updated_at = excluded.updated_at`,
		engagementID, off, by.Platform, by.Workspace, by.ID, sqldb.FormatTime(at))
	if err != nil {
		return fmt.Errorf("storage: set llm setting of %s: %w", engagementID, err)
	}
	return nil
}
