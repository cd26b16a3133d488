package assessment

// PreviousResult is the after-assessment result of the engagement a
// follow-up engagement follows (last year's assessment of the same site).
type PreviousResult struct {
	Name   string
	Result Result
	// Map is the map from its pack version onto this one's; a category
	// compares with the old category its items came from. nil compares
	// categories by id.
	Map *ItemMap
}

// category is the previous result's score of a category of this version.
func (prev *PreviousResult) category(id string) *int {
	if prev.Map != nil {
		old, ok := prev.Map.Category(id)
		if !ok {
			return nil
		}
		id = old
	}
	if c, ok := prev.Result.Category(id); ok {
		return c.Score
	}
	return nil
}

// Trend compares a follow-up engagement's after-assessment scores with
// those of the engagement it follows, per category and in total.
type Trend struct {
	Previous   string     `json:"previous"`
	Categories []TrendRow `json:"categories"`
	Total      TrendRow   `json:"total"`
}

// TrendRow is one category's score then and now, and the change in points
// when both exist. Now is the score the report shows after the assessment
// (provisional when items are open).
type TrendRow struct {
	Category    string `json:"category,omitempty"`
	Label       Text   `json:"label"`
	Previous    *int   `json:"previous"`
	Now         *int   `json:"now"`
	Provisional bool   `json:"provisional,omitempty"`
	Change      *int   `json:"change"`
}

// trend builds the trend from the summary rows (categories, then the total)
// and the previous result; nil when there is none.
func trend(summary []SummaryRow, prev *PreviousResult) *Trend {
	if prev == nil || len(summary) == 0 {
		return nil
	}
	t := &Trend{Previous: prev.Name, Categories: []TrendRow{}}
	for _, row := range summary {
		tr := TrendRow{Category: row.Category, Label: row.Label}
		if row.Category == "" {
			tr.Previous = prev.Result.Total.Score
		} else {
			tr.Previous = prev.category(row.Category)
		}
		if v, _, provisional, ok := row.After.Shown(); ok {
			tr.Now, tr.Provisional = &v, provisional
		}
		if tr.Previous != nil && tr.Now != nil {
			d := *tr.Now - *tr.Previous
			tr.Change = &d
		}
		if row.Category == "" {
			t.Total = tr
		} else {
			t.Categories = append(t.Categories, tr)
		}
	}
	return t
}
