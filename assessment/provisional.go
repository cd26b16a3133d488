package assessment

// Estimate is a provisional score: the meti-selfcheck formula applied to
// the answered items only, as if they were the whole category. A report
// shows it where the exact score is missing because items are open, marked
// provisional, so the self column is never blank; Score stays exact.
type Estimate struct {
	Score int   `json:"score"`
	Grade Grade `json:"grade"`
}

// OpenItem is an item without a level in a round: flagged "not sure" or
// not answered at all.
type OpenItem struct {
	Item     string `json:"item"`
	Category string `json:"category"`
	Unsure   bool   `json:"unsure,omitempty"`
}

// ProvisionalCategory estimates a category from its answered items: each
// item's share is its weight over the answered items' weights. It returns
// nil when no item has a level or when at least half of the answered items
// are N/A (the same guard as Score, over the answered items).
func ProvisionalCategory(p *Pack, cat string, answers map[string]Answer) *Estimate {
	wSum, answered, na := 0, 0, 0
	for _, it := range p.ItemsIn(cat) {
		v := answers[it.ID].Value
		if v == "" {
			continue
		}
		answered++
		wSum += it.Weight
		if v == NA {
			na++
		}
	}
	if answered == 0 || na >= (answered+1)/2 || wSum == 0 {
		return nil
	}
	score := CategoryRaw(p, cat, answers, wSum)
	return &Estimate{Score: score, Grade: GradeOf(score)}
}

// ProvisionalTotal combines category figures (exact or estimated, nil for
// none) with the pack's category weights, over the categories that have
// one. It returns nil when no category has a figure.
func ProvisionalTotal(p *Pack, figures map[string]int) *Estimate {
	weighted, cwSum := 0, 0
	for _, c := range p.Categories {
		v, ok := figures[c.ID]
		if !ok {
			continue
		}
		cw := p.Scoring.CategoryWeights[c.ID]
		weighted += cw * v
		cwSum += cw
	}
	if cwSum == 0 {
		return nil
	}
	total := weightedTotal(weighted, cwSum)
	return &Estimate{Score: total, Grade: GradeOf(total)}
}

// OpenItems lists the items without a level in answers, in pack order.
func OpenItems(p *Pack, answers map[string]Answer) []OpenItem {
	out := []OpenItem{}
	for _, it := range p.Items {
		if a := answers[it.ID]; a.Value == "" {
			out = append(out, OpenItem{Item: it.ID, Category: it.Category, Unsure: a.Unsure})
		}
	}
	return out
}
