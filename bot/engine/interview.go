package engine

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/assign"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/followup"
)

// Position is the user's interview position, new if they have none yet.
func (t *turn) Position() (bot.Position, error) {
	me := t.ev.UserRef()
	pos, err := t.tx.Position(t.eng.ID, me)
	if bot.IsNotFound(err) {
		return bot.Position{EngagementID: t.eng.ID, User: me}, nil
	}
	return pos, err
}

func (t *turn) answers() (map[string]assessment.Answer, error) {
	return t.tx.CurrentAnswers(t.eng.ID, bot.RoundSelf)
}

// typedAnswer applies a typed level to the displayed item.
func (t *turn) typedAnswer(in input) error {
	if !t.me.Answers() {
		t.Private("not_spoc")
		return nil
	}
	pos, err := t.Position()
	if err != nil {
		return err
	}
	if pos.Item == "" {
		return t.finished()
	}
	return t.answer(&pos, pos.Item, in.value, in.comment)
}

// answer appends a level for an item, with its comment, and moves on.
func (t *turn) answer(pos *bot.Position, item string, v assessment.Value, comment string) error {
	if max := t.e.cfg.MaxComment; len([]rune(comment)) > max {
		return t.Reply("comment_too_long", max)
	}
	unsure, err := t.conflict(item, v)
	if err != nil {
		return err
	}
	rec := bot.AnswerRecord{EngagementID: t.eng.ID, Item: item, Round: bot.RoundSelf, Value: v, Unsure: unsure, Author: t.ev.UserRef(), EventKey: t.ev.Key, At: t.now}
	if _, err := t.tx.AppendAnswer(rec); err != nil {
		return err
	}
	if comment != "" {
		if err := t.addComment(item, comment); err != nil {
			return err
		}
	}
	return t.advance(pos, item)
}

// conflict reports whether another SPOC already gave the item a different
// level; if so both are told and the new answer is flagged for the interview.
func (t *turn) conflict(item string, v assessment.Value) (bool, error) {
	prev, err := t.tx.LastAnswer(t.eng.ID, item, bot.RoundSelf)
	if bot.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if prev.Value == "" || prev.Value == v || prev.Author == t.ev.UserRef() {
		return false, nil
	}
	if err := t.Reply("conflict", item, t.valueText(prev.Value)); err != nil {
		return false, err
	}
	other := t.participant(prev.Author)
	lang := t.langOf(other)
	msg := bot.Reply{Text: catalog.Say(lang, "conflict", item, t.valueText(v)), Engagement: t.eng.ID}
	return true, t.tx.Enqueue(bot.Outgoing{Platform: t.eng.Platform, User: prev.Author, Reply: msg, NotBefore: t.now})
}

func (t *turn) participant(u bot.UserRef) bot.Participant {
	parts, _ := t.tx.Participants(t.eng.ID)
	for _, p := range parts {
		if p.User == u {
			return p
		}
	}
	return bot.Participant{User: u}
}

// advance records milestones and shows the next open item, or finishes.
func (t *turn) advance(pos *bot.Position, from string) error {
	answers, err := t.answers()
	if err != nil {
		return err
	}
	if err := t.milestones(answers); err != nil {
		return err
	}
	busy, err := t.unavailable(pos.User)
	if err != nil {
		return err
	}
	next, skipped := nextItem(t.pack, answers, from, pos.Skipped, busy)
	pos.Skipped = skipped
	if next == "" {
		pos.Item = ""
		pos.UpdatedAt = t.now
		if err := t.tx.SavePosition(*pos); err != nil {
			return err
		}
		return t.finishedWith(answers)
	}
	return t.show(pos, next, answers)
}

// finished tells a SPOC with no item left to ask that they are done, or,
// while items marked not sure have no level, that those stay open.
func (t *turn) finished() error {
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.finishedWith(answers)
}

func (t *turn) finishedWith(answers map[string]assessment.Answer) error {
	held, err := t.heldBy(t.ev.UserRef())
	if err != nil {
		return err
	}
	open := slices.DeleteFunc(unsureOpen(t.pack, answers), func(id string) bool { return !slices.Contains(held, id) })
	switch {
	case len(open) > 0:
		return t.Reply("complete_spoc_unsure", len(open), strings.Join(open, ", "), open[0])
	case !t.me.Has(bot.RoleSPOC) && len(held) > 0:
		return t.Reply("complete_delegate", held[0])
	}
	return t.Reply("complete_spoc")
}

// unsureOpen lists, in pack order, the items marked not sure that have no
// level: they are not answered (issue 16), whatever else is.
func unsureOpen(p *assessment.Pack, answers map[string]assessment.Answer) []string {
	var out []string
	for _, it := range p.Items {
		if a := answers[it.ID]; a.Unsure && a.Value == "" {
			out = append(out, it.ID)
		}
	}
	return out
}

// itemsShownToOthers lists the items displayed to the engagement's SPOCs
// other than u, so two contacts are not asked the same item at once.
func (t *turn) itemsShownToOthers(u bot.UserRef) ([]string, error) {
	parts, err := t.tx.Participants(t.eng.ID)
	if err != nil {
		return nil, err
	}
	var busy []string
	for _, p := range parts {
		if !p.Answers() || p.User == u {
			continue
		}
		pos, err := t.tx.Position(t.eng.ID, p.User)
		if bot.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if pos.Item != "" {
			busy = append(busy, pos.Item)
		}
	}
	return busy, nil
}

// nextItem picks the first open item after from (wrapping round), leaving
// out skipped and busy items; when only skipped items remain, they are asked
// again and the skip list is cleared. An empty result means every item is done.
func nextItem(p *assessment.Pack, answers map[string]assessment.Answer, from string, skipped, busy []string) (string, []string) {
	start := p.Index(from) + 1
	n := len(p.Items)
	for pass := 0; pass < 2; pass++ {
		for i := range n {
			it := p.Items[(start+i)%n]
			if answers[it.ID].Done() || slices.Contains(busy, it.ID) {
				continue
			}
			if pass == 0 && slices.Contains(skipped, it.ID) {
				continue
			}
			if pass == 1 {
				skipped = nil
			}
			return it.ID, skipped
		}
	}
	return "", nil
}

// show sends the question for an item and makes it the displayed one.
func (t *turn) show(pos *bot.Position, item string, answers map[string]assessment.Answer) error {
	p := t.participant(pos.User)
	if t.needsConsent(p) {
		return nil // no question before the SPOC accepts the engagement
	}
	pos.Item = item
	pos.Serial++
	pos.UpdatedAt = t.now
	if t.ev.DM && t.ev.Engagement == "" && pos.User == t.ev.UserRef() {
		pos.Conversation = t.ev.Conversation
	}
	if err := t.tx.SavePosition(*pos); err != nil {
		return err
	}
	lang := t.langOf(p)
	q := t.question(item, pos.Serial, answers, lang)
	q.Category = t.namedCategory(pos.User, q.Category)
	if err := t.ownProgress(q, pos.User, answers); err != nil {
		return err
	}
	return t.tx.Enqueue(bot.Outgoing{Platform: t.eng.Platform, Conversation: pos.Conversation, User: pos.User, Reply: bot.Reply{Question: q, Engagement: t.eng.ID}, NotBefore: t.now})
}

// ownProgress counts a question's number and progress over the items its
// person holds, when some items are delegated.
func (t *turn) ownProgress(q *bot.Question, u bot.UserRef, answers map[string]assessment.Answer) error {
	held, err := t.heldBy(u)
	if err != nil || len(held) == len(t.pack.Items) {
		return err
	}
	q.Number, q.Total, q.Done = slices.Index(held, q.Item)+1, len(held), assign.CountDone(held, answers)
	return nil
}

// question builds the platform-neutral question message for an item.
func (t *turn) question(item string, serial int, answers map[string]assessment.Answer, lang assessment.Lang) *bot.Question {
	it, _ := t.pack.Item(item)
	cat, _ := t.pack.Category(it.Category)
	q := &bot.Question{
		Engagement: t.eng.ID, Item: item, Serial: serial,
		Number: t.pack.Index(item) + 1, Total: len(t.pack.Items), Done: bot.CountDone(answers),
		Category: cat.Title.Inline(lang), Text: it.Question.In(lang),
		Current: t.answerLabel(answers[item], lang),
	}
	q.Text += followup.LastYear(t.tx, t.e, t.eng, item, lang)
	for _, v := range append(slices.Clone(assessment.Levels), assessment.NA) {
		q.Choices = append(q.Choices, bot.Choice{Value: string(v), Label: t.valueLabel(v, lang)})
	}
	for _, c := range []string{"unsure", "skip", "back"} {
		q.Controls = append(q.Controls, bot.Choice{Value: c, Label: catalog.Inline(lang, "control_"+c)})
	}
	return q
}

func (t *turn) valueLabel(v assessment.Value, lang assessment.Lang) string {
	return t.valueText(v).Inline(lang)
}

// valueText is a scale value's label in both languages.
func (t *turn) valueText(v assessment.Value) assessment.Text {
	o, ok := t.pack.Option(v)
	if !ok {
		return assessment.Text{JA: string(v), EN: string(v)}
	}
	return o.Label
}

// answerLabel describes a current answer ("" when there is none).
func (t *turn) answerLabel(a assessment.Answer, lang assessment.Lang) string {
	switch {
	case a.Value != "" && a.Unsure:
		return t.valueLabel(a.Value, lang) + " (" + catalog.Inline(lang, "unsure_label") + ")"
	case a.Value != "":
		return t.valueLabel(a.Value, lang)
	case a.Unsure:
		return catalog.Inline(lang, "unsure_label")
	}
	return ""
}
