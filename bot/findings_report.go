package bot

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// ReportFindings are the findings a report prints: the stored ones
// (approved and drafts, by priority), or while none is stored the offline
// drafts of the answers.
func ReportFindings(tx Tx, eng *Engagement, pack *assessment.Pack) ([]assessment.Finding, error) {
	stored, err := tx.Findings(eng.ID)
	if err != nil {
		return nil, err
	}
	if len(stored) == 0 {
		in, err := DraftInputOf(tx, eng, pack, nil, false)
		return assessment.DraftFindings(in), err
	}
	out := make([]assessment.Finding, len(stored))
	for i, f := range stored {
		out[i] = f.Finding
	}
	return out, nil
}

// reportComments gives the report's comment table the findings, approved
// ones first, each as its risk text followed by its direction, until the
// report takes findings themselves.
func reportComments(tx Tx, eng *Engagement, pack *assessment.Pack) ([]assessment.RiskComment, error) {
	fs, err := ReportFindings(tx, eng, pack)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(fs, func(a, b assessment.Finding) int {
		return rankOf(a.Status != assessment.FindingApproved) - rankOf(b.Status != assessment.FindingApproved)
	})
	out := make([]assessment.RiskComment, 0, len(fs))
	for _, f := range fs {
		text := assessment.Text{JA: joinText(f.Risk.JA, f.Direction.JA, ""), EN: joinText(f.Risk.EN, f.Direction.EN, " ")}
		out = append(out, assessment.RiskComment{Category: f.Category, Items: slices.Clone(f.Items), Text: text, Status: string(f.Status)})
	}
	return out, nil
}

func joinText(risk, direction, sep string) string {
	return strings.TrimSpace(strings.Join([]string{risk, direction}, sep))
}
