package langdb

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SaveMessage stores a message written in an engagement's channel, for
// summaries. Errors name the conversation, never the text.
func (t *LanguageTx) SaveMessage(m bot.ChannelMessage) error {
	_, err := t.Exec(`INSERT INTO channel_messages (engagement_id, platform, workspace, conversation, thread,
			author_id, text, event_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.EngagementID, m.Platform, m.Workspace, m.Conversation, m.Thread, m.Author, m.Text, m.EventKey, sqldb.FormatTime(m.At))
	if err != nil {
		return fmt.Errorf("storage: save message in %s/%s: %w", m.EngagementID, m.Conversation, err)
	}
	return nil
}

// Messages lists the newest stored messages (at most limit) of a
// conversation written at or after since, in a thread when thread is set,
// oldest first.
func (t *LanguageTx) Messages(engagementID, conversation, thread string, since time.Time, limit int) ([]bot.ChannelMessage, error) {
	q := `SELECT id, platform, workspace, thread, author_id, text, event_key, created_at FROM channel_messages
		WHERE engagement_id = ? AND conversation = ? AND created_at >= ?`
	args := []any{engagementID, conversation, sqldb.FormatTime(since)}
	if thread != "" {
		q += ` AND thread = ?`
		args = append(args, thread)
	}
	rows, err := t.Query(`SELECT * FROM (`+q+` ORDER BY created_at DESC, id DESC LIMIT ?) latest ORDER BY created_at, id`,
		append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("storage: messages of %s/%s: %w", engagementID, conversation, err)
	}
	defer rows.Close()
	var out []bot.ChannelMessage
	for rows.Next() {
		m := bot.ChannelMessage{EngagementID: engagementID, Conversation: conversation}
		var at string
		err := rows.Scan(&m.ID, &m.Platform, &m.Workspace, &m.Thread, &m.Author, &m.Text, &m.EventKey, &at)
		if err == nil {
			m.At, err = sqldb.ParseTime(at)
		}
		if err != nil {
			return nil, fmt.Errorf("storage: messages of %s/%s: %w", engagementID, conversation, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: messages of %s/%s: %w", engagementID, conversation, err)
	}
	return out, nil
}

// eventKeep is how much longer than stored messages the keys of processed
// events are kept: far past any platform's redelivery (Slack retries for
// minutes), so a late retry is still recognised.
const eventKeep = 24 * time.Hour

// PruneMessages deletes stored messages written before a time, and returns
// how many. It also deletes the keys of events processed a day before
// that, which would otherwise pile up for ever.
func (t *LanguageTx) PruneMessages(before time.Time) (int64, error) {
	res, err := t.Exec("DELETE FROM channel_messages WHERE created_at < ?", sqldb.FormatTime(before))
	if err != nil {
		return 0, fmt.Errorf("storage: prune messages: %w", err)
	}
	if _, err := t.Exec("DELETE FROM processed_events WHERE created_at < ?", sqldb.FormatTime(before.Add(-eventKeep))); err != nil {
		return 0, fmt.Errorf("storage: prune processed events: %w", err)
	}
	return res.RowsAffected()
}
