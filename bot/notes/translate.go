package notes

import (
	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// queueTranslations queues a translate job per language the engagement
// reads that a saved text is not written in, when the model may be used.
// The turn does not wait: the worker translates and posts.
func (t *turn) queueTranslations(commentID int64, text string) error {
	on, err := t.ModelOn()
	if err != nil || !on {
		return err
	}
	src := bot.DetectLang(text)
	for _, target := range bot.TranslationTargets(t.Eng().Langs, src) {
		if _, err := t.Tx().QueueJob(t.translateJob(commentID, src, target)); err != nil {
			return err
		}
	}
	return nil
}

// translateJob is a translate job of a comment whose result goes to the
// engagement channel. It is due when the translation window ends, so the
// comments written after it can join its call.
func (t *turn) translateJob(commentID int64, src, target assessment.Lang) bot.Job {
	return bot.Job{EngagementID: t.Eng().ID, Kind: bot.JobTranslate, CommentID: commentID,
		Source: src, Target: target, CreatedAt: t.Now(), NotBefore: t.Now().Add(t.Config().TranslateWindow),
		ReplyTo: bot.Outgoing{Platform: t.Eng().Platform, Conversation: t.Eng().Channel}}
}
