package bot

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// Rounds are an engagement's current answers of both rounds: the self
// assessment and the assessors' review.
func Rounds(tx Tx, engagementID string) (self, review map[string]assessment.Answer, err error) {
	if self, err = tx.CurrentAnswers(engagementID, RoundSelf); err != nil {
		return nil, nil, err
	}
	review, err = tx.CurrentAnswers(engagementID, RoundReview)
	return self, review, err
}

// CountDone counts the items answered with a level or N/A. An item marked
// not sure without a level is not answered: it counts nowhere as done
// (progress, status, milestones, completion, pings), though the interview
// moves past it.
func CountDone(answers map[string]assessment.Answer) int {
	n := 0
	for _, a := range answers {
		if answered(a) {
			n++
		}
	}
	return n
}

func StatusIn(pack *assessment.Pack, answers map[string]assessment.Answer, lang assessment.Lang) string {
	done, total := CountDone(answers), len(pack.Items)
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "status_head", done, total, done*100/total))
	for _, c := range pack.Categories {
		items := pack.ItemsIn(c.ID)
		n := 0
		for _, it := range items {
			if answered(answers[it.ID]) {
				n++
			}
		}
		fmt.Fprintf(&b, "\n  %s %d/%d", c.Title.In(lang), n, len(items))
	}
	return b.String()
}

// answered is true when an answer has a level or N/A.
func answered(a assessment.Answer) bool { return a.Value != "" }
