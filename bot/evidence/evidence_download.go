package evidence

import "github.com/otassess/otassess/bot"

// queueDownload queues the posted file's download as evidence of item.
func (t *turn) queueDownload(item string) error {
	f := t.Event().File
	d := bot.EvidenceDownload{EngagementID: t.Eng().ID, Item: item, Author: t.Event().UserRef(), AuthorName: t.Event().Name, Name: f.Name, URL: f.URL,
		Size: f.Size, ReplyConversation: t.Event().Conversation, ReplyThread: t.Event().Thread, NotBefore: t.Now(), CreatedAt: t.Now()}
	if err := t.Tx().QueueEvidenceDownload(d); err != nil {
		return err
	}
	return t.Reply("evidence_downloading", f.Name, t.itemName(item))
}
