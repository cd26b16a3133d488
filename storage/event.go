package storage

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const markProcessedSQL = `INSERT INTO processed_events (key, created_at) VALUES (?, ?)
	ON CONFLICT (key) DO NOTHING`

// MarkProcessed records an event key and reports whether it was new; false
// means the event was already handled and must change nothing. An empty key
// marks an event that cannot be delivered twice (bot.Event.Key): it is always
// new and nothing is recorded.
func (t *tx) MarkProcessed(key string, at time.Time) (bool, error) {
	if key == "" {
		return true, nil
	}
	isNew, err := t.InsertOnce(markProcessedSQL, key, sqldb.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("storage: mark processed %s: %w", key, err)
	}
	return isNew, nil
}

// RecordMilestone stores a progress milestone once and reports whether it
// was new, so a ping for it is sent once.
func (t *tx) RecordMilestone(engagementID string, r bot.Round, percent int, at time.Time) (bool, error) {
	isNew, err := t.InsertOnce(`INSERT INTO milestones (engagement_id, round, percent, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (engagement_id, round, percent) DO NOTHING`,
		engagementID, string(r), percent, sqldb.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("storage: record milestone %d%% of %s/%s: %w", percent, engagementID, r, err)
	}
	return isNew, nil
}
