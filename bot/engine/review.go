package engine

import (
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/evidence"
	"github.com/otassess/otassess/bot/findings"
)

// cmdReassess records the assessors' after-assessment level of an item
// with the reason, as a review-round answer and a review comment:
// reassess 3-5 1 "no boundary protection between OT segments". The self
// answer stays as it was. The first reassess moves the engagement to review.
func (t *turn) cmdReassess(in input) error {
	if len(in.args) == 0 {
		return t.Reply("reassess_usage")
	}
	item, ok := t.ItemArg(in.args[0])
	if !ok {
		return t.Reply("unknown_item", bot.Echo(item))
	}
	if len(in.args) == 1 {
		return t.showForReview(item)
	}
	v, ok := reviewValue(in.args[1])
	if !ok {
		return t.Reply("reassess_usage")
	}
	_, rest, _ := bot.CutWord(in.rest)
	_, reason, _ := bot.CutWord(rest)
	reason = bot.Unquote(reason)
	if reason == "" {
		return t.Reply("reassess_reason")
	}
	if max := t.e.cfg.MaxComment; len([]rune(reason)) > max {
		return t.Reply("comment_too_long", max)
	}
	self, err := t.answers()
	if err != nil {
		return err
	}
	me := t.ev.UserRef()
	if _, err := t.tx.AppendAnswer(bot.AnswerRecord{EngagementID: t.eng.ID, Item: item, Round: bot.RoundReview, Value: v, Author: me, EventKey: t.ev.Key, At: t.now}); err != nil {
		return err
	}
	if err := t.saveComment(bot.Comment{EngagementID: t.eng.ID, Item: item, Round: bot.RoundReview, Author: me, Text: reason, At: t.now}); err != nil {
		return err
	}
	if t.eng.Status == bot.StatusDraft || t.eng.Status == bot.StatusSelfAssessment {
		if err := t.tx.SetStatus(t.eng.ID, bot.StatusReview); err != nil {
			return err
		}
		t.eng.Status = bot.StatusReview
	}
	text := catalog.Say(t.lang, "reassessed", item, t.answerOrNone(self[item]), t.valueText(v))
	key, err := t.refreshFindings()
	if err != nil {
		return err
	}
	text += "\n" + catalog.Say(t.lang, key)
	if ev, err := evidence.Lines(t, item); err != nil {
		return err
	} else if len(ev) > 0 {
		text += "\n" + catalog.Say(t.lang, "reassess_evidence", item) + "\n" + strings.Join(ev, "\n")
	}
	return t.Send(bot.Reply{Text: text})
}

// showForReview (reassess 3-5) shows an assessor what to weigh before
// re-evaluating an item: its self-assessment answer, its level after
// assessment so far, and its evidence (files, photos and on-site notes).
func (t *turn) showForReview(item string) error {
	self, err := t.answers()
	if err != nil {
		return err
	}
	after, err := findings.AfterAnswers(t.tx, t.eng.ID)
	if err != nil {
		return err
	}
	ev, err := evidence.Lines(t, item)
	if err != nil {
		return err
	}
	text := catalog.Say(t.lang, "reassess_view", item, t.answerOrNone(self[item]), t.answerOrNone(after[item]))
	if len(ev) == 0 {
		text += "\n" + catalog.Say(t.lang, "evidence_none", item)
	} else {
		text += "\n" + catalog.Say(t.lang, "evidence_head") + "\n" + strings.Join(ev, "\n")
	}
	return t.Send(bot.Reply{Text: text + "\n" + catalog.Say(t.lang, "reassess_how", item)})
}

// answerOrNone is an answer's label in each language, or "unanswered".
func (t *turn) answerOrNone(a assessment.Answer) assessment.Text {
	return catalog.TextOf(func(l assessment.Lang) string {
		if label := t.answerLabel(a, l); label != "" {
			return label
		}
		return catalog.Say(l, "unanswered_label")
	})
}

// refreshFindings redrafts the unprotected findings after a re-evaluation,
// or makes the first drafts when there are none yet: once the assessors
// re-evaluate, the analysis has begun, even while "not sure" items keep the
// self round open. It returns the key of the sentence that says which.
func (t *turn) refreshFindings() (string, error) {
	current, err := t.tx.Findings(t.eng.ID)
	if err != nil {
		return "", err
	}
	if _, _, err := findings.Refresh(t); err != nil {
		return "", err
	}
	if len(current) == 0 {
		return "findings_drafted", nil
	}
	return "findings_refreshed", nil
}

// reviewValue reads the level of a reassess: 0–4, na or 該当なし.
func reviewValue(s string) (assessment.Value, bool) {
	s = strings.ToLower(s)
	if aliases[s] == "na" {
		s = string(assessment.NA)
	}
	v, err := assessment.ParseValue(s)
	return v, err == nil
}

// cmdClose closes the engagement: it leaves its channel, its answers can
// no longer change, and its after-assessment scores count towards the
// reference average of other engagements on the same pack version.
func (t *turn) cmdClose(input) error {
	if err := t.tx.SetStatus(t.eng.ID, bot.StatusClosed); err != nil {
		return err
	}
	t.eng.Status = bot.StatusClosed
	return t.Post(catalog.Say(t.eng.Langs, "closed", t.eng.Name))
}
