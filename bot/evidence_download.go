package bot

import "time"

// EvidenceDownload is a file posted on a chat platform for an item, known
// by its URL until the worker downloads it and keeps it as evidence.
type EvidenceDownload struct {
	ID           int64
	EngagementID string
	Item         string
	Author       UserRef
	AuthorName   string
	Name, URL    string
	Size         int // as the platform declared it
	// ReplyConversation and ReplyThread are where the poster is told.
	ReplyConversation, ReplyThread string
	Attempts                       int
	NotBefore, CreatedAt           time.Time
}

// EvidenceDownloadTx is what the engine and the worker store of downloads.
type EvidenceDownloadTx interface {
	QueueEvidenceDownload(d EvidenceDownload) error
	// DueEvidenceDownloads lists downloads whose NotBefore is not after
	// now, oldest first, at most limit.
	DueEvidenceDownloads(now time.Time, limit int) ([]EvidenceDownload, error)
	// LeaseEvidenceDownload saves a download's attempts and NotBefore.
	LeaseEvidenceDownload(d EvidenceDownload) error
	// DropEvidenceDownload deletes a download that is done or failed.
	DropEvidenceDownload(id int64) error
}

// Reply is a message to whoever posted the file, where they posted it.
func (d EvidenceDownload) Reply(text string, now time.Time) Outgoing {
	return Outgoing{Platform: d.Author.Platform, Conversation: d.ReplyConversation, User: d.Author,
		Reply: Reply{Text: text, Engagement: d.EngagementID, Thread: d.ReplyThread}, NotBefore: now}
}

// queueDownload queues the posted file's download as evidence of item.
func (t *turn) queueDownload(item string) error {
	f := t.ev.File
	d := EvidenceDownload{EngagementID: t.eng.ID, Item: item, Author: t.ev.UserRef(), AuthorName: t.ev.Name, Name: f.Name, URL: f.URL,
		Size: f.Size, ReplyConversation: t.ev.Conversation, ReplyThread: t.ev.Thread, NotBefore: t.now, CreatedAt: t.now}
	if err := t.tx.QueueEvidenceDownload(d); err != nil {
		return err
	}
	return t.reply("evidence_downloading", f.Name, t.itemName(item))
}
