package bot

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// milestonePercents are the progress marks announced in the engagement channel.
var milestonePercents = []int{25, 50, 75, 100}

// milestones records each mark the self round has reached, once, and posts
// it; reaching 100 % stores the draft risk comments and posts them with the
// scores.
func (t *turn) milestones(answers map[string]assessment.Answer) error {
	done, total := CountDone(answers), len(t.pack.Items)
	for _, pct := range milestonePercents {
		if done*100 < pct*total {
			break
		}
		fresh, err := t.tx.RecordMilestone(t.eng.ID, RoundSelf, pct, t.now)
		if err != nil {
			return err
		}
		if !fresh {
			continue
		}
		if pct == 100 {
			if err := t.selfComplete(answers); err != nil {
				return err
			}
			if err := t.chartPost(); err != nil {
				return err
			}
			continue
		}
		if err := t.post(catalog.Say(t.eng.Langs, "milestone", t.eng.Name, pct, done, total)); err != nil {
			return err
		}
	}
	return nil
}

// statusText is progress per category; with both languages, the Japanese
// text and then the English one, each whole (one category a line).
func statusText(pack *assessment.Pack, answers map[string]assessment.Answer, lang assessment.Lang) string {
	return catalog.EachLang(lang, func(l assessment.Lang) string { return StatusIn(pack, answers, l) })
}

func StatusIn(pack *assessment.Pack, answers map[string]assessment.Answer, lang assessment.Lang) string {
	done, total := CountDone(answers), len(pack.Items)
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "status_head", done, total, done*100/total))
	for _, c := range pack.Categories {
		items := pack.ItemsIn(c.ID)
		n := 0
		for _, it := range items {
			if answers[it.ID].Done() {
				n++
			}
		}
		fmt.Fprintf(&b, "\n  %s %d/%d", c.Title.In(lang), n, len(items))
	}
	return b.String()
}

// reviewText lists unanswered items and those marked not sure.
func (t *turn) reviewText(answers map[string]assessment.Answer, lang assessment.Lang) string {
	var open, unsure []string
	for _, it := range t.pack.Items {
		a := answers[it.ID]
		switch {
		case a.Unsure:
			unsure = append(unsure, it.ID)
		case !a.Done():
			open = append(open, it.ID)
		}
	}
	if len(open)+len(unsure) == 0 {
		return catalog.Say(lang, "review_none")
	}
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "review_head", len(open), len(unsure)))
	if len(open) > 0 {
		fmt.Fprintf(&b, "\n  ? %s", strings.Join(open, ", "))
	}
	for _, id := range unsure {
		it, _ := t.pack.Item(id)
		fmt.Fprintf(&b, "\n  ! %s %s", id, it.Question.In(lang))
	}
	return b.String()
}

// scoresText renders the meti-selfcheck scores; partial results say so.
// With both languages it is the Japanese text and then the English one.
func (t *turn) scoresText(answers map[string]assessment.Answer, lang assessment.Lang) string {
	return catalog.EachLang(lang, func(l assessment.Lang) string { return t.scoresIn("scores_head", answers, l) })
}

// afterScoresText is scoresText of the after-assessment answers, headed as such.
func (t *turn) afterScoresText(after map[string]assessment.Answer, lang assessment.Lang) string {
	return catalog.EachLang(lang, func(l assessment.Lang) string { return t.scoresIn("scores_after_head", after, l) })
}

func (t *turn) scoresIn(head string, answers map[string]assessment.Answer, lang assessment.Lang) string {
	res := assessment.Score(t.pack, answers)
	var b strings.Builder
	b.WriteString(catalog.Say(lang, head, t.eng.Name, res.Profile))
	for _, cs := range res.Categories {
		c, _ := t.pack.Category(cs.ID)
		fmt.Fprintf(&b, "\n  %s: %s", c.Title.In(lang), t.categoryFigure(cs, lang))
	}
	if res.Total.Score != nil {
		fmt.Fprintf(&b, "\n  %s: %d (%s)", catalog.Say(lang, "total"), *res.Total.Score, *res.Total.Grade)
	} else {
		fmt.Fprintf(&b, "\n  %s: –\n%s", catalog.Say(lang, "total"), catalog.Say(lang, "scores_partial"))
	}
	return b.String()
}

func (t *turn) categoryFigure(cs assessment.CategoryScore, lang assessment.Lang) string {
	switch {
	case cs.Scorable:
		return fmt.Sprintf("%d (%s)", *cs.Score, *cs.Grade)
	case cs.Answered < cs.Items:
		return catalog.Say(lang, "incomplete", cs.Answered, cs.Items)
	}
	return catalog.Say(lang, "not_scorable_na")
}

// selfComplete stores the draft risk comments of the completed self round
// (the pack's, and a model job to redraft them when the model is on) and
// posts the scores and the drafts, numbered for approve and edit.
func (t *turn) selfComplete(answers map[string]assessment.Answer) error {
	list, queued, err := t.refreshDrafts(answers)
	if err != nil {
		return err
	}
	lang := t.eng.Langs
	text := catalog.Say(lang, "self_complete", t.eng.Name) + "\n\n" + t.scoresText(answers, lang) + "\n\n" + t.storedRisksText(list, lang)
	if queued {
		text += "\n\n" + catalog.Say(lang, "drafts_model_queued")
	}
	return t.post(text)
}

// risksText renders the stored risk comments, or while there are none the
// offline drafts of answers, marked DRAFT.
func (t *turn) risksText(answers map[string]assessment.Answer, lang assessment.Lang) (string, error) {
	stored, err := t.tx.RiskComments(t.eng.ID)
	if err != nil || len(stored) > 0 {
		return t.storedRisksText(stored, lang), err
	}
	drafts := assessment.DraftRisks(t.pack, answers)
	if len(drafts) == 0 {
		return catalog.Say(lang, "risk_none"), nil
	}
	var b strings.Builder
	b.WriteString("[DRAFT] " + catalog.Say(lang, "risk_head"))
	for _, d := range drafts {
		c, _ := t.pack.Category(d.Category)
		fmt.Fprintf(&b, "\n\n%s · %s\n%s", c.Short.Inline(lang), strings.Join(d.Items, ", "), d.Text.In(lang))
	}
	return b.String(), nil
}

// storedRisksText is the stored comments, or the no-weak-item sentence.
func (t *turn) storedRisksText(list []RiskComment, lang assessment.Lang) string {
	if len(list) == 0 {
		return catalog.Say(lang, "risk_none")
	}
	return t.commentsText(list, lang)
}
