package bot

import (
	"github.com/otassess/otassess/assessment"
)

// DisplayOrder is how a reader sees a translated text: the original first
// (the default, "") or the translation first. The original is always shown.
type DisplayOrder string

// The display orders `lang order original|translation` sets.
const (
	OrderOriginal    DisplayOrder = "original"
	OrderTranslation DisplayOrder = "translation"
)

// queueTranslations queues a translate job per language the engagement
// reads that a saved text is not written in, when the model may be used.
// The turn does not wait: the worker translates and posts.
func (t *turn) queueTranslations(commentID int64, text string) error {
	on, err := t.modelOn()
	if err != nil || !on {
		return err
	}
	src := detectLang(text)
	for _, target := range translationTargets(t.eng.Langs, src) {
		if _, err := t.tx.QueueJob(t.translateJob(commentID, src, target)); err != nil {
			return err
		}
	}
	return nil
}

// translateJob is a translate job of a comment whose result goes to the
// engagement channel. It is due when the translation window ends, so the
// comments written after it can join its call.
func (t *turn) translateJob(commentID int64, src, target assessment.Lang) Job {
	return Job{EngagementID: t.eng.ID, Kind: JobTranslate, CommentID: commentID,
		Source: src, Target: target, CreatedAt: t.now, NotBefore: t.now.Add(t.e.cfg.TranslateWindow),
		ReplyTo: Outgoing{Platform: t.eng.Platform, Conversation: t.eng.Channel}}
}

// findingTranslateJob translates a finding's field (FieldRisk or
// FieldDirection) that a person wrote in one language into the other. It is
// due at once: an assessor waits at the screen for the other language.
func (t *turn) findingTranslateJob(f Finding, field string, src, target assessment.Lang) Job {
	return Job{EngagementID: t.eng.ID, Kind: JobTranslate, FindingID: f.ID, Params: JobParams{Field: field},
		Source: src, Target: target, CreatedAt: t.now, NotBefore: t.now,
		ReplyTo: Outgoing{Platform: t.eng.Platform, Conversation: t.eng.Channel}}
}

// ChannelOrder is the display order of the engagement channel: its first
// lead's preference (a channel message is one text for every reader).
func ChannelOrder(tx Tx, engagementID string) (DisplayOrder, error) {
	parts, err := tx.Participants(engagementID)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		if p.Has(RoleLead) {
			return p.Order, nil
		}
	}
	return "", nil
}

// cmdLangOrder sets how the user sees translations: lang order
// original|translation. The engagement channel follows its lead's choice.
func (t *turn) cmdLangOrder(in input) error {
	if len(in.args) != 2 || (in.args[1] != string(OrderOriginal) && in.args[1] != string(OrderTranslation)) {
		return t.reply("lang_order_usage")
	}
	t.me.Order = DisplayOrder(in.args[1])
	if err := t.tx.SaveParticipant(t.me); err != nil {
		return err
	}
	return t.reply("lang_order_set_" + in.args[1])
}
