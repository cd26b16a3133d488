package report

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// SummaryText is the executive summary as chat text: per category the self
// assessment, the result after assessment and the reference average. With
// both languages each row stays on one line and says everything in both.
// Its figures are the report's: where items are open, the score over the
// answered items, marked provisional with the count, and a note saying
// what provisional means.
func SummaryText(r *assessment.Report, lang assessment.Lang) string {
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "summary_head", r.Engagement.Name))
	provisional := false
	for _, row := range r.Summary {
		ref := "–"
		if row.Reference != nil {
			ref = fmt.Sprintf("%d (%s)", *row.Reference, assessment.GradeOf(*row.Reference))
		}
		fmt.Fprintf(&b, "\n  %s: %s → %s · %s %s", row.Label.Inline(lang), Figure(row.Self, lang), Figure(row.After, lang), catalog.Inline(lang, "reference_label"), ref)
		provisional = provisional || Provisional(row.Self) || Provisional(row.After)
	}
	if provisional {
		b.WriteString("\n" + catalog.Say(lang, "summary_provisional_note"))
	}
	if r.Reference.Source == "" {
		b.WriteString("\n" + catalog.Say(lang, "reference_none"))
	}
	return b.String()
}

// Figure is a figure the way the report's executive summary gives
// it: exact, provisional with the count of answered items, or why there is
// no score.
func Figure(f assessment.Figure, lang assessment.Lang) string {
	v, g, prov, ok := f.Shown()
	switch {
	case ok && prov:
		return catalog.Inline(lang, "figure_provisional", v, g, f.Answered, f.Items)
	case ok:
		return fmt.Sprintf("%d (%s)", v, g)
	case f.TooManyNA:
		return catalog.Inline(lang, "not_scorable_na")
	case f.Incomplete:
		return catalog.Inline(lang, "figure_no_score", f.Answered, f.Items)
	}
	return catalog.Inline(lang, "not_scorable_na")
}

// Provisional reports a figure shown over the answered items only.
func Provisional(f assessment.Figure) bool {
	_, _, prov, ok := f.Shown()
	return ok && prov
}
