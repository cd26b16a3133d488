package assessment

import "maps"

// Reference is the reference average per category: configured in the pack,
// or averaged over other closed engagements of the same pack version. A nil
// score means there is none for that category.
type Reference struct {
	// Source is "pack", "engagements" or "" (no reference).
	Source string `json:"source"`
	// Count is how many engagements were averaged (Source "engagements").
	Count      int            `json:"count,omitempty"`
	Categories map[string]int `json:"categories,omitempty"`
	Total      *int           `json:"total"`
}

// MinReferenceEngagements is how many closed engagements a computed
// reference average needs, so that no single client's figures can be read
// from it.
const MinReferenceEngagements = 3

// PackReference is the reference configured in the pack, if any. The total
// is computed from the category figures with the pack's category weights,
// as a score's total is, when every category has one.
func PackReference(p *Pack) Reference {
	if len(p.Reference) == 0 {
		return Reference{}
	}
	ref := Reference{Source: "pack", Categories: maps.Clone(p.Reference)}
	weighted, cwSum := 0, 0
	for _, c := range p.Categories {
		v, ok := p.Reference[c.ID]
		if !ok {
			return ref
		}
		cw := p.Scoring.CategoryWeights[c.ID]
		weighted += cw * v
		cwSum += cw
	}
	total := weightedTotal(weighted, cwSum)
	ref.Total = &total
	return ref
}

// AverageReference averages the after-assessment results of other closed
// engagements of the same pack version, keeping no trace of which is which.
// With fewer than MinReferenceEngagements results there is no reference; a
// category (or the total) is left out unless at least that many results
// scored it.
func AverageReference(p *Pack, results []Result) Reference {
	if len(results) < MinReferenceEngagements {
		return Reference{}
	}
	ref := Reference{Source: "engagements", Count: len(results), Categories: map[string]int{}}
	for _, c := range p.Categories {
		var scores []int
		for _, res := range results {
			if cs, ok := res.Category(c.ID); ok && cs.Score != nil {
				scores = append(scores, *cs.Score)
			}
		}
		if v, ok := mean(scores); ok {
			ref.Categories[c.ID] = v
		}
	}
	var totals []int
	for _, res := range results {
		if res.Total.Score != nil {
			totals = append(totals, *res.Total.Score)
		}
	}
	if v, ok := mean(totals); ok {
		ref.Total = &v
	}
	return ref
}

// mean is the rounded (half up) mean of at least MinReferenceEngagements scores.
func mean(xs []int) (int, bool) {
	if len(xs) < MinReferenceEngagements {
		return 0, false
	}
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return (2*sum + len(xs)) / (2 * len(xs)), true
}
