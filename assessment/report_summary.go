package assessment

// summary is the executive summary table: a row per category in pack
// order, then the total. Each figure is exact where the round is complete
// and otherwise carries the provisional estimate over the answered items.
func summary(p *Pack, self, after map[string]Answer, ref Reference) []SummaryRow {
	selfRes, afterRes := Score(p, self), Score(p, after)
	selfShown, afterShown := map[string]int{}, map[string]int{}
	rows := make([]SummaryRow, 0, len(p.Categories)+1)
	for i, c := range p.Categories {
		row := SummaryRow{Category: c.ID, Label: c.Short,
			Self:  categoryFigure(p, c.ID, selfRes.Categories[i], self, selfShown),
			After: categoryFigure(p, c.ID, afterRes.Categories[i], after, afterShown)}
		if v, ok := ref.Categories[c.ID]; ok {
			row.Reference = &v
		}
		row.Direction = direction(row.After, row.Reference)
		rows = append(rows, row)
	}
	total := SummaryRow{Label: Text{JA: "総合", EN: "Total"},
		Self: totalFigure(p, selfRes, selfShown), After: totalFigure(p, afterRes, afterShown), Reference: ref.Total}
	total.Direction = direction(total.After, total.Reference)
	return append(rows, total)
}

// categoryFigure is a category's figure; the score it shows (exact or
// estimated) is recorded in shown for the total.
func categoryFigure(p *Pack, cat string, cs CategoryScore, answers map[string]Answer, shown map[string]int) Figure {
	f := Figure{Score: cs.Score, Grade: cs.Grade, Answered: cs.Answered, Items: cs.Items,
		Incomplete: cs.Answered < cs.Items, TooManyNA: cs.Answered == cs.Items && cs.TooManyNA()}
	if f.Score == nil && f.Incomplete {
		f.Estimate = ProvisionalCategory(p, cat, answers)
	}
	if v, _, _, ok := f.Shown(); ok {
		shown[cat] = v
	}
	return f
}

// totalFigure is the total's figure: exact when every category is
// scorable, else provisional over the categories that show a score — but
// never when a category is unscorable for too many N/A answers, as the
// exact total is not either.
func totalFigure(p *Pack, res Result, shown map[string]int) Figure {
	f := Figure{Score: res.Total.Score, Grade: res.Total.Grade}
	for _, cs := range res.Categories {
		f.Answered += cs.Answered
		f.Items += cs.Items
		f.TooManyNA = f.TooManyNA || (cs.Answered == cs.Items && cs.TooManyNA())
	}
	f.Incomplete = f.Answered < f.Items
	if f.Score == nil && f.Incomplete && !f.TooManyNA {
		f.Estimate = ProvisionalTotal(p, shown)
	}
	return f
}

// direction compares the score an after figure shows with the reference.
func direction(after Figure, ref *int) string {
	score, _, _, ok := after.Shown()
	switch {
	case !ok || ref == nil:
		return ""
	case score > *ref:
		return Better
	case score < *ref:
		return Worse
	}
	return Equal
}
