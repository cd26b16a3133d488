package assessment

import (
	"slices"
	"time"
)

// The rounds of an assessment, as report rows name them.
const (
	RoundSelf   = "self"   // the client's self assessment
	RoundReview = "review" // the assessors' re-evaluation after the site visit
)

// Directions of an after-assessment score against the reference average.
const (
	Better = "better"
	Worse  = "worse"
	Equal  = "equal"
)

// ReportInput is everything a report is built from. The caller gathers it
// (from storage, from a pack, from approved or draft risk comments); Report
// only arranges it, so the same input always gives the same report.
type ReportInput struct {
	Pack       *Pack
	Engagement ReportEngagement
	// AsOf is when the report was made; it is printed, never read from a
	// clock. Its location is the engagement's time zone: every time in the
	// report (history, comments) is shown in it.
	AsOf time.Time
	// Self and Review are the current answers of each round, by item id.
	Self, Review map[string]Answer
	Reference    Reference
	// Findings are the engagement's findings, drafts and approved ones.
	Findings []Finding
	// Notes are the comments on items (review reasons among them) and
	// History every answer row, both oldest first.
	Notes   []Note
	History []Change
	// Evidence is the files and on-site notes kept per item.
	Evidence []Evidence
	// Plan is the countermeasure plan's actions, by number.
	Plan []PlanAction
	// Delegated are the items staff gave to people other than the SPOCs.
	Delegated []Delegation
	// Previous is the result of the engagement this one follows up, if any.
	Previous *PreviousResult
}

// ReportEngagement is what a report says about the engagement.
type ReportEngagement struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Client string `json:"client,omitempty"`
	Site   string `json:"site,omitempty"`
	Status string `json:"status"`
	// Firm is the assessing firm and Author the person who signs the
	// report (the engagement's lead); both are printed on the cover.
	Firm   string `json:"firm,omitempty"`
	Author string `json:"author,omitempty"`
	// Timezone is the IANA name of the zone the report's times are in.
	Timezone string `json:"timezone,omitempty"`
}

// Note is a comment on an item as its author wrote it.
type Note struct {
	Item   string    `json:"item"`
	Round  string    `json:"round"`
	Author string    `json:"author"`
	Text   string    `json:"text"`
	At     time.Time `json:"at"`
}

// Change is one row of an item's answer history.
type Change struct {
	Item   string    `json:"item"`
	Round  string    `json:"round"`
	Value  Value     `json:"value,omitempty"`
	Unsure bool      `json:"unsure,omitempty"`
	Author string    `json:"author"`
	At     time.Time `json:"at"`
}

// Report is the report of an engagement as the seed lays it out: the
// executive summary (its sentences, and per category the self assessment,
// the result after assessment and the reference average), the findings,
// the countermeasure directions in priority order, and an annex with the
// interview list and every answer with its comments and history. Texts are
// in both languages; renderers pick one or both. Its JSON form is written
// by MarshalJSON (report_json.go).
type Report struct {
	Pack       ReportPack
	Engagement ReportEngagement
	AsOf       time.Time
	Categories []Category
	// Summary has a row per category in pack order, then the total row.
	Summary []SummaryRow
	// Open lists the items without a level, per round: the footnote of a
	// provisional figure names them.
	Open OpenByRound
	// Overview is the executive summary's sentences, report style.
	Overview  Text
	Reference Reference
	// Findings are approved findings first, then drafts, each group by
	// priority (1 first).
	Findings  []Finding
	Interview []InterviewItem
	Answers   []AnswerRow
	// Reviewed counts the items the assessors re-evaluated.
	Reviewed int
	// Evidence is listed per item in the annex (orderEvidence).
	Evidence []Evidence
	// Plan is the countermeasure plan (the POA&M), by action number.
	Plan []PlanAction
	// Delegated lists who answers the items given to people other than
	// the SPOCs, in pack order.
	Delegated []Delegation
	// Trend compares the scores with the engagement this one follows up;
	// nil for a first assessment.
	Trend *Trend
}

// Delegation is a set of items given to the same people (assign), with
// how many of them are answered.
type Delegation struct {
	Items    []string `json:"items"`
	Holders  []string `json:"holders"`
	Answered int      `json:"answered"`
}

// OpenByRound lists the open items of the self round and of the merged
// after-assessment answers.
type OpenByRound struct {
	Self  []OpenItem `json:"self"`
	After []OpenItem `json:"after"`
}

// ReportPack names the pack a report was scored with.
type ReportPack struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   Text   `json:"title"`
	Profile string `json:"profile"`
	Source  Text   `json:"source"`
}

// SummaryRow is one line of the executive summary.
type SummaryRow struct {
	// Category is the category id, "" for the total row.
	Category string
	Label    Text
	Self     Figure
	After    Figure
	// Reference is the reference average; nil when there is none.
	Reference *int
	// Direction compares the score After shows with Reference: Better,
	// Worse, Equal, or "" when either is missing.
	Direction string
}

// Figure is a score in one round. Score and Grade are the exact score,
// nil unless the category (or, for the total, every category) is scorable;
// Incomplete and TooManyNA say why. Estimate is the provisional score over
// the answered items when the exact one is missing because items are open.
type Figure struct {
	Score      *int
	Grade      *Grade
	Estimate   *Estimate
	Answered   int
	Items      int
	Incomplete bool
	TooManyNA  bool
}

// Shown is the score a report prints: the exact one, else the estimate
// (provisional is then true); ok is false when there is neither.
func (f Figure) Shown() (score int, grade Grade, provisional, ok bool) {
	switch {
	case f.Score != nil:
		return *f.Score, *f.Grade, false, true
	case f.Estimate != nil:
		return f.Estimate.Score, f.Estimate.Grade, true, true
	}
	return 0, "", false, false
}

// InterviewItem is an item the client was not sure about.
type InterviewItem struct {
	Item     string `json:"item"`
	Category string `json:"category"`
	Question Text   `json:"question"`
	// Self is the level given with the flag, if any.
	Self ReportAnswer `json:"self"`
	// Reviewed says whether the assessors have re-evaluated it since.
	Reviewed bool `json:"reviewed"`
}

// ReportAnswer is an answer with its scale label.
type ReportAnswer struct {
	Value  Value `json:"value,omitempty"`
	Unsure bool  `json:"unsure,omitempty"`
	Label  Text  `json:"label"`
}

// AnswerRow is one item with both rounds, its comments and its history.
type AnswerRow struct {
	Item     string       `json:"item"`
	Category string       `json:"category"`
	Weight   int          `json:"weight"`
	Key      bool         `json:"key,omitempty"`
	Question Text         `json:"question"`
	Self     ReportAnswer `json:"self"`
	// Review is the assessors' level; its Value is empty when they kept the
	// self answer.
	Review  ReportAnswer `json:"review"`
	After   ReportAnswer `json:"after"`
	Notes   []Note       `json:"notes"`
	History []Change     `json:"history"`
}

// AfterAnswers merges the rounds: an item's after-assessment answer is its
// review answer when it has one with a level, else its self answer.
func AfterAnswers(self, review map[string]Answer) map[string]Answer {
	out := make(map[string]Answer, len(self))
	for id, a := range self {
		out[id] = a
	}
	for id, a := range review {
		if a.Value != "" {
			out[id] = Answer{Value: a.Value}
		}
	}
	return out
}

// BuildReport arranges the input into a Report. It reads no clock and does
// no I/O: the same input gives the same report.
func BuildReport(in ReportInput) *Report {
	p := in.Pack
	after := AfterAnswers(in.Self, in.Review)
	r := &Report{
		Pack:       ReportPack{ID: p.ID, Version: p.Version, Title: p.Title, Profile: p.Scoring.Profile, Source: p.Source.Text},
		Engagement: in.Engagement,
		AsOf:       in.AsOf,
		Categories: slices.Clone(p.Categories),
		Reference:  in.Reference,
		Open:       OpenByRound{Self: OpenItems(p, in.Self), After: OpenItems(p, after)},
	}
	if r.Engagement.Timezone == "" {
		r.Engagement.Timezone = in.AsOf.Location().String()
	}
	r.Summary = summary(p, in.Self, after, in.Reference)
	r.Trend = trend(r.Summary, in.Previous)
	r.Findings = orderFindings(in.Findings)
	r.Interview = interview(p, in.Self, in.Review)
	r.Answers = answerRows(p, in, after)
	r.Evidence = orderEvidence(p, in.Evidence, in.AsOf.Location())
	r.Plan = planIn(in.Plan, in.AsOf.Location())
	r.Delegated = in.Delegated
	for _, a := range r.Answers {
		if a.Review.Value != "" {
			r.Reviewed++
		}
	}
	r.Overview = overview(r)
	return r
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func interview(p *Pack, self, review map[string]Answer) []InterviewItem {
	out := []InterviewItem{}
	for _, it := range p.Items {
		a := self[it.ID]
		if !a.Unsure {
			continue
		}
		out = append(out, InterviewItem{Item: it.ID, Category: it.Category, Question: it.Question,
			Self: reportAnswer(p, a), Reviewed: review[it.ID].Value != ""})
	}
	return out
}

func answerRows(p *Pack, in ReportInput, after map[string]Answer) []AnswerRow {
	loc := in.AsOf.Location()
	notes := map[string][]Note{}
	for _, n := range in.Notes {
		n.At = n.At.In(loc)
		notes[n.Item] = append(notes[n.Item], n)
	}
	hist := map[string][]Change{}
	for _, c := range in.History {
		c.At = c.At.In(loc)
		hist[c.Item] = append(hist[c.Item], c)
	}
	rows := make([]AnswerRow, 0, len(p.Items))
	for _, it := range p.Items {
		rows = append(rows, AnswerRow{
			Item: it.ID, Category: it.Category, Weight: it.Weight, Key: it.Key, Question: it.Question,
			Self: reportAnswer(p, in.Self[it.ID]), Review: reportAnswer(p, in.Review[it.ID]),
			After: reportAnswer(p, after[it.ID]), Notes: nonNil(notes[it.ID]), History: nonNil(hist[it.ID]),
		})
	}
	return rows
}

func reportAnswer(p *Pack, a Answer) ReportAnswer {
	ra := ReportAnswer{Value: a.Value, Unsure: a.Unsure}
	if o, ok := p.Option(a.Value); ok {
		ra.Label = o.Label
	}
	return ra
}
