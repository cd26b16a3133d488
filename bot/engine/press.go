package engine

import (
	"slices"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// press handles a button on a question message. It applies only when the
// message is the current question of the presser's own engagement (its
// serial matches), so old messages and double presses change nothing.
func (t *turn) press() error {
	pr := t.ev.Press
	if pr.Item == pressRoute {
		return t.routePress()
	}
	eng, err := t.tx.Engagement(pr.Engagement)
	if bot.IsNotFound(err) || (err == nil && (eng.Platform != t.ev.Platform || eng.Workspace != t.ev.Workspace)) {
		t.Private("not_participant")
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.bind(eng); err != nil {
		return err
	}
	if !t.me.Answers() {
		t.Private("not_spoc")
		return nil
	}
	if t.Closed() {
		return nil
	}
	if pr.Item == pressConsent {
		return t.consentPress()
	}
	if t.needsConsent(t.me) {
		t.Private("consent_first", t.eng.Name)
		return nil
	}
	pos, err := t.Position()
	if err != nil {
		return err
	}
	if pos.Item != pr.Item || pos.Serial != pr.Serial {
		t.Private("stale_press")
		if pos.Item == "" {
			return nil
		}
		answers, err := t.answers()
		if err != nil {
			return err
		}
		return t.show(&pos, pos.Item, answers)
	}
	label, err := t.applyControl(&pos, pr.Value)
	if err != nil || label == (assessment.Text{}) {
		return err
	}
	it, _ := t.pack.Item(pr.Item)
	answered := bot.Reply{Replace: true, Text: pr.Item + " " + it.Question.In(t.lang) + "\n" + catalog.Inline(t.lang, "answered_as", label)}
	if t.ev.Pressed == "" {
		t.respond = &answered
		return nil
	}
	// The pressed message is replaced through the outbox, so a refused or
	// rate-limited update is retried rather than leaving live buttons.
	answered.Edit = t.ev.Pressed
	return t.Send(answered)
}

// applyControl applies a pressed value to the displayed item and returns
// the label to show on the answered message (zero for an unknown value).
func (t *turn) applyControl(pos *bot.Position, value string) (assessment.Text, error) {
	item := pos.Item
	switch value {
	case "unsure":
		return catalog.Message("unsure_label"), t.markUnsure(pos, item, "")
	case "skip":
		return catalog.Message("skipped_label"), t.skip(pos)
	case "back":
		return catalog.Message("control_back"), t.back(pos)
	}
	v, err := assessment.ParseValue(value)
	if err != nil {
		t.Private("bad_number")
		return assessment.Text{}, nil
	}
	return t.valueText(v), t.answer(pos, item, v, "")
}

// markUnsure flags an item as "not sure". On the displayed item with no
// level it leaves the item unanswered; an item that has a level keeps it.
// Either way the item goes on the interview list.
func (t *turn) markUnsure(pos *bot.Position, item, keepLevelOf string) error {
	rec := bot.AnswerRecord{EngagementID: t.eng.ID, Item: item, Round: bot.RoundSelf, Unsure: true, Author: t.ev.UserRef(), EventKey: t.ev.Key, At: t.now}
	if keepLevelOf != "" {
		prev, err := t.tx.LastAnswer(t.eng.ID, item, bot.RoundSelf)
		if err != nil && !bot.IsNotFound(err) {
			return err
		}
		rec.Value = prev.Value
	}
	if _, err := t.tx.AppendAnswer(rec); err != nil {
		return err
	}
	if item != pos.Item {
		// A flag counts like an answer: it may complete a milestone.
		answers, err := t.answers()
		if err != nil {
			return err
		}
		if err := t.milestones(answers); err != nil {
			return err
		}
		return t.Reply("unsure_saved", item)
	}
	return t.advance(pos, item)
}

// skip leaves the displayed item for later: it is asked again after the last item.
func (t *turn) skip(pos *bot.Position) error {
	if pos.Item != "" {
		pos.Skipped = append(pos.Skipped, pos.Item)
	}
	return t.advance(pos, pos.Item)
}

// back shows the item before the displayed one among the person's own
// items, with its current answer.
func (t *turn) back(pos *bot.Position) error {
	held, err := t.heldBy(pos.User)
	if err != nil || len(held) == 0 {
		return err
	}
	i := slices.Index(held, pos.Item)
	if pos.Item == "" {
		i = len(held)
	}
	if i <= 0 {
		if err := t.Reply("first_item"); err != nil {
			return err
		}
		i = 1
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.show(pos, held[i-1], answers)
}
