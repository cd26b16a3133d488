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
	var s ReferenceSums
	for _, res := range results {
		s.Add(res)
	}
	return s.Reference(p)
}

// ReferenceSums are what a computed reference average is made from: how
// many engagements, and per category and for the total the sum and count
// of the scores they have. A store may keep each closed engagement's
// scores and add them up in a query; Reference then rounds exactly as
// AverageReference does.
type ReferenceSums struct {
	Count      int
	Categories map[string]ScoreSum
	Total      ScoreSum
}

// ScoreSum is a sum of N scores.
type ScoreSum struct{ Sum, N int }

// Add counts one engagement's result: each scored category and a scored
// total.
func (s *ReferenceSums) Add(res Result) {
	s.Count++
	for _, cs := range res.Categories {
		if cs.Score == nil {
			continue
		}
		if s.Categories == nil {
			s.Categories = map[string]ScoreSum{}
		}
		s.Categories[cs.ID] = s.Categories[cs.ID].plus(*cs.Score)
	}
	if res.Total.Score != nil {
		s.Total = s.Total.plus(*res.Total.Score)
	}
}

// Merge adds the sums of o to s.
func (s *ReferenceSums) Merge(o ReferenceSums) {
	s.Count += o.Count
	for id, cs := range o.Categories {
		if s.Categories == nil {
			s.Categories = map[string]ScoreSum{}
		}
		c := s.Categories[id]
		s.Categories[id] = ScoreSum{Sum: c.Sum + cs.Sum, N: c.N + cs.N}
	}
	s.Total = ScoreSum{Sum: s.Total.Sum + o.Total.Sum, N: s.Total.N + o.Total.N}
}

func (c ScoreSum) plus(score int) ScoreSum { return ScoreSum{Sum: c.Sum + score, N: c.N + 1} }

// Reference is the reference average of the sums for the pack's
// categories: none with fewer than MinReferenceEngagements engagements, and
// a category (or the total) only when at least that many scored it.
func (s ReferenceSums) Reference(p *Pack) Reference {
	if s.Count < MinReferenceEngagements {
		return Reference{}
	}
	ref := Reference{Source: "engagements", Count: s.Count, Categories: map[string]int{}}
	for _, c := range p.Categories {
		if v, ok := s.Categories[c.ID].mean(); ok {
			ref.Categories[c.ID] = v
		}
	}
	if v, ok := s.Total.mean(); ok {
		ref.Total = &v
	}
	return ref
}

// mean is the rounded (half up) mean of at least MinReferenceEngagements
// scores.
func (c ScoreSum) mean() (int, bool) {
	if c.N < MinReferenceEngagements {
		return 0, false
	}
	return (2*c.Sum + c.N) / (2 * c.N), true
}
