package render

import (
	"fmt"

	"github.com/otassess/otassess/assessment"
)

// trendBlocks compare a follow-up's scores after the assessment with
// those of the engagement it follows, per category and in total.
func trendBlocks(r *assessment.Report, lang assessment.Lang) []block {
	if r.Trend == nil {
		return nil
	}
	out := []block{{Kind: kSub, Text: label(lang, "trend", r.Trend.Previous)}}
	t := block{Kind: kTable, Head: []string{label(lang, "category"), label(lang, "trend_previous"), label(lang, "trend_now"), label(lang, "trend_change")},
		Widths: []int{34, 22, 22, 22}}
	for _, tr := range append(append([]assessment.TrendRow{}, r.Trend.Categories...), r.Trend.Total) {
		rw := row{Cells: [][]string{{tr.Label.Inline(lang)}, {points(tr.Previous, false, lang)}, {points(tr.Now, tr.Provisional, lang)}, {change(tr.Change)}}}
		if tr.Category == "" {
			rw.Class = []string{"total"}
		}
		t.Rows = append(t.Rows, rw)
	}
	return append(out, t)
}

func points(v *int, provisional bool, lang assessment.Lang) string {
	if v == nil {
		return "–"
	}
	if provisional {
		return fmt.Sprintf("%d%% (%s)", *v, label(lang, "provisional"))
	}
	return fmt.Sprintf("%d%%", *v)
}

func change(d *int) string {
	switch {
	case d == nil:
		return "–"
	case *d > 0:
		return fmt.Sprintf("▲ +%d", *d)
	case *d < 0:
		return fmt.Sprintf("▼ %d", *d)
	}
	return "±0"
}
