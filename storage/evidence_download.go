package storage

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// QueueEvidenceDownload stores a posted file's download. Errors name the
// item, never the URL.
func (t *tx) QueueEvidenceDownload(d bot.EvidenceDownload) error {
	_, err := t.Exec(`INSERT INTO evidence_downloads (engagement_id, item, author_platform, author_workspace, author_id,
			author_name, name, url, size, reply_conversation, reply_thread, attempts, not_before, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.EngagementID, d.Item, d.Author.Platform, d.Author.Workspace, d.Author.ID, d.AuthorName, d.Name, d.URL, d.Size,
		d.ReplyConversation, d.ReplyThread, d.Attempts, sqldb.FormatTime(d.NotBefore), sqldb.FormatTime(d.CreatedAt))
	if err != nil {
		return fmt.Errorf("storage: queue evidence download %s/%s: %w", d.EngagementID, d.Item, err)
	}
	return nil
}

// DueEvidenceDownloads lists the downloads due at now, oldest first.
func (t *tx) DueEvidenceDownloads(now time.Time, limit int) ([]bot.EvidenceDownload, error) {
	rows, err := t.Query(`SELECT id, engagement_id, item, author_platform, author_workspace, author_id, author_name, name, url, size,
		reply_conversation, reply_thread, attempts, not_before, created_at
		FROM evidence_downloads WHERE not_before <= ? ORDER BY not_before, id LIMIT CAST(? AS INTEGER)`, sqldb.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: due evidence downloads: %w", err)
	}
	defer rows.Close()
	var out []bot.EvidenceDownload
	for rows.Next() {
		var d bot.EvidenceDownload
		var nb, created string
		if err := rows.Scan(&d.ID, &d.EngagementID, &d.Item, &d.Author.Platform, &d.Author.Workspace, &d.Author.ID, &d.AuthorName,
			&d.Name, &d.URL, &d.Size, &d.ReplyConversation, &d.ReplyThread, &d.Attempts, &nb, &created); err != nil {
			return nil, fmt.Errorf("storage: due evidence downloads: %w", err)
		}
		if d.NotBefore, err = sqldb.ParseTime(nb); err != nil {
			return nil, fmt.Errorf("storage: due evidence downloads: %w", err)
		}
		if d.CreatedAt, err = sqldb.ParseTime(created); err != nil {
			return nil, fmt.Errorf("storage: due evidence downloads: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// LeaseEvidenceDownload saves a download's attempts and NotBefore.
func (t *tx) LeaseEvidenceDownload(d bot.EvidenceDownload) error {
	res, err := t.Exec(`UPDATE evidence_downloads SET attempts = ?, not_before = ? WHERE id = ?`, d.Attempts, sqldb.FormatTime(d.NotBefore), d.ID)
	if err != nil {
		return fmt.Errorf("storage: lease evidence download %d: %w", d.ID, err)
	}
	return sqldb.MustAffect(res, "lease evidence download %d", d.ID)
}

// DropEvidenceDownload deletes a download (done, or failed for good).
func (t *tx) DropEvidenceDownload(id int64) error {
	if _, err := t.Exec(`DELETE FROM evidence_downloads WHERE id = ?`, id); err != nil {
		return fmt.Errorf("storage: drop evidence download %d: %w", id, err)
	}
	return nil
}
