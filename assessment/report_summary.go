package assessment

// summary is the executive summary table: a row per category in pack
// order, then the total. Each figure is exact where the round is complete
// and otherwise carries the provisional estimate over the answered items.
func summary(p *Pack, self, after map[string]Answer, ref Reference) []SummaryRow {
	selfCats, selfTotal := RoundFigures(p, self)
	afterCats, afterTotal := RoundFigures(p, after)
	rows := make([]SummaryRow, 0, len(p.Categories)+1)
	for i, c := range p.Categories {
		row := SummaryRow{Category: c.ID, Label: c.Short, Self: selfCats[i], After: afterCats[i]}
		if v, ok := ref.Categories[c.ID]; ok {
			row.Reference = &v
		}
		row.Direction = direction(row.After, row.Reference)
		rows = append(rows, row)
	}
	total := SummaryRow{Label: Text{JA: "総合", EN: "Total"}, Self: selfTotal, After: afterTotal, Reference: ref.Total}
	total.Direction = direction(total.After, total.Reference)
	return append(rows, total)
}

// RoundFigures are the figures of one round's answers as the executive
// summary shows them: per category in pack order, then the total; exact
// where the round is complete, else provisional over the answered items.
// The chat's scores use them too, so both say the same.
func RoundFigures(p *Pack, answers map[string]Answer) ([]Figure, Figure) {
	res := Score(p, answers)
	shown := map[string]int{}
	cats := make([]Figure, len(p.Categories))
	for i, c := range p.Categories {
		cats[i] = categoryFigure(p, c.ID, res.Categories[i], answers, shown)
	}
	return cats, totalFigure(p, res, shown)
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
