package bot

import "github.com/otassess/otassess/assessment"

// journeyMessages are the sentences added in the review of the users'
// journeys (after-assessment scores in chat).
var journeyMessages = map[string]assessment.Text{
	"scores_after_head": {
		JA: "%s：評価後のスコア（%s、アセッサーの再評価を反映）",
		EN: "%s: scores after assessment (%s, with the assessors' re-evaluations)",
	},
}
