package assessment

import (
	"encoding/json"
	"errors"
	"time"
)

// reportJSON is the JSON form of a Report (report --format json). The
// executive summary is one object: its category rows, the total row, the
// open items per round and its sentences.
type reportJSON struct {
	Pack       ReportPack       `json:"pack"`
	Engagement ReportEngagement `json:"engagement"`
	AsOf       time.Time        `json:"as_of"`
	Categories []Category       `json:"categories"`
	Summary    summaryJSON      `json:"summary"`
	Reference  Reference        `json:"reference"`
	Findings   []Finding        `json:"findings"`
	Interview  []InterviewItem  `json:"interview"`
	Answers    []AnswerRow      `json:"answers"`
	Reviewed   int              `json:"reviewed"`
	Evidence   []Evidence       `json:"evidence"`
	Plan       []PlanAction     `json:"plan"`
	Delegated  []Delegation     `json:"delegated"`
	Trend      *Trend           `json:"trend,omitempty"`
}

type summaryJSON struct {
	Categories []SummaryRow `json:"categories"`
	Total      SummaryRow   `json:"total"`
	Open       OpenByRound  `json:"open"`
	Text       Text         `json:"text"`
}

// MarshalJSON writes the report's JSON form.
func (r Report) MarshalJSON() ([]byte, error) {
	if len(r.Summary) == 0 {
		return nil, errors.New("report has no summary")
	}
	n := len(r.Summary) - 1
	return json.Marshal(reportJSON{Pack: r.Pack, Engagement: r.Engagement, AsOf: r.AsOf, Categories: r.Categories,
		Summary:   summaryJSON{Categories: r.Summary[:n], Total: r.Summary[n], Open: r.Open, Text: r.Overview},
		Reference: r.Reference, Findings: r.Findings, Interview: r.Interview, Answers: r.Answers, Reviewed: r.Reviewed,
		Evidence: nonNil(r.Evidence), Plan: nonNil(r.Plan), Delegated: nonNil(r.Delegated), Trend: r.Trend})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (r *Report) UnmarshalJSON(b []byte) error {
	var v reportJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Report{Pack: v.Pack, Engagement: v.Engagement, AsOf: v.AsOf, Categories: v.Categories,
		Summary: append(v.Summary.Categories, v.Summary.Total), Open: v.Summary.Open, Overview: v.Summary.Text,
		Reference: v.Reference, Findings: v.Findings, Interview: v.Interview, Answers: v.Answers, Reviewed: v.Reviewed,
		Evidence: v.Evidence, Plan: v.Plan, Delegated: v.Delegated, Trend: v.Trend}
	return nil
}

// figureJSON is a score as JSON: the score shown (exact, or provisional
// over the answered items), its grade, and how many items it rests on.
type figureJSON struct {
	Score       *int   `json:"score"`
	Grade       *Grade `json:"grade"`
	Provisional bool   `json:"provisional"`
	Answered    int    `json:"answered"`
	Total       int    `json:"total"`
	Incomplete  bool   `json:"incomplete,omitempty"`
	TooManyNA   bool   `json:"too_many_na,omitempty"`
}

// MarshalJSON writes the figure as {score, grade, provisional, answered, total}.
func (f Figure) MarshalJSON() ([]byte, error) {
	v := figureJSON{Score: f.Score, Grade: f.Grade, Answered: f.Answered, Total: f.Items, Incomplete: f.Incomplete, TooManyNA: f.TooManyNA}
	if f.Score == nil && f.Estimate != nil {
		v.Score, v.Grade, v.Provisional = &f.Estimate.Score, &f.Estimate.Grade, true
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (f *Figure) UnmarshalJSON(b []byte) error {
	var v figureJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Figure{Score: v.Score, Grade: v.Grade, Answered: v.Answered, Items: v.Total, Incomplete: v.Incomplete, TooManyNA: v.TooManyNA}
	if v.Provisional && v.Score != nil && v.Grade != nil {
		f.Estimate = &Estimate{Score: *v.Score, Grade: *v.Grade}
		f.Score, f.Grade = nil, nil
	}
	return nil
}

type summaryRowJSON struct {
	Category  string  `json:"category,omitempty"`
	Label     Text    `json:"label"`
	Self      Figure  `json:"self"`
	After     Figure  `json:"after"`
	Reference *Figure `json:"reference"`
	Direction string  `json:"direction,omitempty"`
}

// MarshalJSON writes the row with the reference average as a figure: a
// reference rests on complete after-assessments, so it is never
// provisional and counts every item of the category.
func (row SummaryRow) MarshalJSON() ([]byte, error) {
	v := summaryRowJSON{Category: row.Category, Label: row.Label, Self: row.Self, After: row.After, Direction: row.Direction}
	if row.Reference != nil {
		score, g := *row.Reference, GradeOf(*row.Reference)
		v.Reference = &Figure{Score: &score, Grade: &g, Answered: row.Self.Items, Items: row.Self.Items}
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (row *SummaryRow) UnmarshalJSON(b []byte) error {
	var v summaryRowJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*row = SummaryRow{Category: v.Category, Label: v.Label, Self: v.Self, After: v.After, Direction: v.Direction}
	if v.Reference != nil && v.Reference.Score != nil {
		score := *v.Reference.Score
		row.Reference = &score
	}
	return nil
}
