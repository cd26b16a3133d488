package engine

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/findings"
	"github.com/otassess/otassess/bot/report"
)

// milestonePercents are the progress marks announced in the engagement channel.
var milestonePercents = []int{25, 50, 75, 100}

// milestones records each mark the self round has reached, once, and posts
// it; reaching 100 % stores the draft findings and posts them with the
// scores.
func (t *turn) milestones(answers map[string]assessment.Answer) error {
	done, total := bot.CountDone(answers), len(t.pack.Items)
	for _, pct := range milestonePercents {
		if done*100 < pct*total {
			break
		}
		fresh, err := t.tx.RecordMilestone(t.eng.ID, bot.RoundSelf, pct, t.now)
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
		if err := t.Post(catalog.Say(t.eng.Langs, "milestone", t.eng.Name, pct, done, total)); err != nil {
			return err
		}
	}
	return nil
}

// statusText is progress per category; with both languages, the Japanese
// text and then the English one, each whole (one category a line).
func statusText(pack *assessment.Pack, answers map[string]assessment.Answer, lang assessment.Lang) string {
	return catalog.EachLang(lang, func(l assessment.Lang) string { return bot.StatusIn(pack, answers, l) })
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
	cats, total := assessment.RoundFigures(t.pack, answers)
	var b strings.Builder
	b.WriteString(catalog.Say(lang, head, t.eng.Name, t.pack.Scoring.Profile))
	provisional := report.Provisional(total)
	for i, c := range t.pack.Categories {
		fmt.Fprintf(&b, "\n  %s: %s", c.Title.In(lang), report.Figure(cats[i], lang))
		provisional = provisional || report.Provisional(cats[i])
	}
	fmt.Fprintf(&b, "\n  %s: %s", catalog.Say(lang, "total"), report.Figure(total, lang))
	if provisional {
		b.WriteString("\n" + catalog.Say(lang, "summary_provisional_note"))
	}
	return b.String()
}

// selfComplete stores the draft findings of the completed self round
// (otassess's offline drafts, and a model job to redraft them when the
// model is on) and posts the scores and the drafts, numbered for approve
// and edit.
func (t *turn) selfComplete(answers map[string]assessment.Answer) error {
	list, queued, err := findings.Refresh(t)
	if err != nil {
		return err
	}
	lang := t.eng.Langs
	text := catalog.Say(lang, "self_complete", t.eng.Name) + "\n\n" + t.scoresText(answers, lang) + "\n\n" + t.storedFindingsText(list, lang)
	if queued {
		text += "\n\n" + catalog.Say(lang, "drafts_model_queued")
	}
	return t.Post(text)
}

// findingsText renders the stored findings (or says there are none yet:
// drafts are made when the self round is complete, or with drafts).
func (t *turn) findingsText(lang assessment.Lang) (string, error) {
	stored, err := t.tx.Findings(t.eng.ID)
	return findings.Text(t.pack, stored, lang), err
}

// storedFindingsText is the stored findings, or the sentence that no item
// calls for one.
func (t *turn) storedFindingsText(list []bot.Finding, lang assessment.Lang) string {
	if len(list) == 0 {
		return catalog.Say(lang, "findings_nothing")
	}
	return findings.Text(t.pack, list, lang)
}
