package findings

import (
	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/bot"
)

// ReportFindings are the findings a report prints: the stored ones
// (approved and drafts, by priority), or while none is stored the offline
// drafts of the answers.
func ReportFindings(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack) ([]assessment.Finding, error) {
	stored, err := tx.Findings(eng.ID)
	if err != nil {
		return nil, err
	}
	if len(stored) == 0 {
		in, err := DraftInputOf(tx, eng, pack, nil, false)
		return analysis.DraftFindings(in), err
	}
	out := make([]assessment.Finding, len(stored))
	for i, f := range stored {
		out[i] = f.Finding
	}
	return out, nil
}
