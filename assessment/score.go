package assessment

import "math"

// Answer is the current answer to one item: a scale value (zero when the
// item has no level yet) and whether the respondent flagged it as unsure.
type Answer struct {
	Value  Value
	Unsure bool
}

// Done reports whether the item needs nothing more in its round: it has a
// level or N/A, or it was flagged unsure and so moves to the interview list.
func (a Answer) Done() bool { return a.Value != "" || a.Unsure }

// Grade is a letter grade A–D.
type Grade string

// GradeOf maps a 0–100 score to its grade: A ≥80, B 60–79, C 40–59, D <40.
func GradeOf(score int) Grade {
	switch {
	case score >= 80:
		return "A"
	case score >= 60:
		return "B"
	case score >= 40:
		return "C"
	}
	return "D"
}

// CategoryScore is one category's result. Score and Grade are nil unless
// the category is scorable: every item answered and fewer than half N/A.
type CategoryScore struct {
	ID       string `json:"id"`
	Score    *int   `json:"score"`
	Grade    *Grade `json:"grade"`
	Answered int    `json:"answered"`
	Items    int    `json:"items"`
	NA       int    `json:"-"`
	Scorable bool   `json:"scorable"`
}

// TooManyNA reports whether the category hits the N/A guard: at least
// ceil(n/2) of its items answered N/A.
func (c CategoryScore) TooManyNA() bool { return c.NA >= (c.Items+1)/2 }

// Total is the weighted overall result; nil unless every category is scorable.
type Total struct {
	Score *int   `json:"score"`
	Grade *Grade `json:"grade"`
}

// Result is a scored set of answers.
type Result struct {
	Pack       string          `json:"pack"`
	Profile    string          `json:"profile"`
	Total      Total           `json:"total"`
	Categories []CategoryScore `json:"categories"`
}

// Category returns the score of a category by id.
func (r Result) Category(id string) (CategoryScore, bool) {
	for _, c := range r.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return CategoryScore{}, false
}

// Score applies the pack's meti-selfcheck profile to the answers (keyed by
// item id). It reproduces the public self-diagnosis tool: per item
// round_half_up(w·f/Σw·100) in IEEE double, summed per category; the total is
// ceil((1/Σcw)·Σ cw·category) with the pack's category weights (30/30/30/10).
func Score(p *Pack, answers map[string]Answer) Result {
	res := Result{Pack: p.ID, Profile: p.Scoring.Profile}
	complete := true
	weighted, cwSum := 0, 0
	for _, c := range p.Categories {
		cs, raw := scoreCategory(p, c.ID, answers)
		res.Categories = append(res.Categories, cs)
		if !cs.Scorable {
			complete = false
			continue
		}
		cw := p.Scoring.CategoryWeights[c.ID]
		weighted += cw * raw
		cwSum += cw
	}
	if complete {
		total := weightedTotal(weighted, cwSum)
		g := GradeOf(total)
		res.Total = Total{Score: &total, Grade: &g}
	}
	return res
}

// weightedTotal is the tool's total from Σ cw·category and Σ cw, in IEEE
// double in the tool's order of operations: ceil((1/Σcw)·Σ cw·category).
func weightedTotal(weighted, cwSum int) int {
	return int(math.Ceil((1 / float64(cwSum)) * float64(weighted)))
}

func scoreCategory(p *Pack, cat string, answers map[string]Answer) (CategoryScore, int) {
	cs := CategoryScore{ID: cat}
	wSum := 0
	for _, it := range p.Items {
		if it.Category != cat {
			continue
		}
		cs.Items++
		wSum += it.Weight
		a := answers[it.ID]
		if a.Value != "" {
			cs.Answered++
		}
		if a.Value == NA {
			cs.NA++
		}
	}
	cs.Scorable = cs.Answered == cs.Items && !cs.TooManyNA()
	if !cs.Scorable {
		return cs, 0
	}
	score := CategoryRaw(p, cat, answers, wSum)
	g := GradeOf(score)
	cs.Score, cs.Grade = &score, &g
	return cs, score
}

// CategoryRaw is the unguarded category formula: Σ round_half_up(w·f/Σw·100)
// over the category's answered items. wSum is the category's total weight.
func CategoryRaw(p *Pack, cat string, answers map[string]Answer, wSum int) int {
	score := 0
	for _, it := range p.Items {
		if it.Category != cat {
			continue
		}
		o, ok := p.Option(answers[it.ID].Value)
		if !ok {
			continue
		}
		score += roundHalfUp(float64(it.Weight) * o.Factor / float64(wSum) * 100)
	}
	return score
}

// roundHalfUp matches JavaScript's Math.round for non-negative numbers,
// including 0.49999999999999994 (which floor(x+0.5) would round up).
func roundHalfUp(x float64) int {
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
	return int(f)
}
