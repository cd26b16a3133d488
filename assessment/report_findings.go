package assessment

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Kinds of a finding, and the category of an observation made on site
// that fits no checklist item.
const (
	KindImprovement = "improvement"
	KindGood        = "good"
	CategorySite    = "site"
)

// Statuses of a finding in a report.
const (
	StatusDraft    = "draft"
	StatusApproved = "approved"
)

// ReportFinding is a finding as a report prints it: what kind, the items
// it cites (or none, for a site observation), its priority (1 is the most
// important), its status, the risk-factor text and the countermeasure
// direction in both languages, and the languages whose text is out of date
// because the other one was edited since.
type ReportFinding struct {
	Kind      string   `json:"kind"`
	Items     []string `json:"items"`
	Category  string   `json:"category"`
	Priority  int      `json:"priority"`
	Status    string   `json:"status"`
	Text      Text     `json:"text"`
	Direction Text     `json:"direction"`
	Stale     []Lang   `json:"stale"`
	// Author is who wrote it: a person, a model or otassess's offline rules.
	Author string `json:"author,omitempty"`
}

// Draft reports whether the finding still awaits an assessor's approval.
func (f ReportFinding) Draft() bool { return f.Status != StatusApproved }

// StaleIn reports whether the finding's text in lang is out of date.
func (f ReportFinding) StaleIn(lang Lang) bool { return slices.Contains(f.Stale, lang) }

// orderFindings puts approved findings first, then drafts, each by
// priority; improvements before good points at the same priority. Without
// findings, the engine's older risk comments stand in as improvements.
func orderFindings(fs []ReportFinding, comments []RiskComment) []ReportFinding {
	if fs == nil {
		fs = fromComments(comments)
	}
	out := make([]ReportFinding, 0, len(fs))
	for _, f := range fs {
		f.Items, f.Stale = nonNil(slices.Clone(f.Items)), nonNil(slices.Clone(f.Stale))
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b ReportFinding) int {
		return cmp.Or(cmp.Compare(rank(a.Draft()), rank(b.Draft())), cmp.Compare(a.Priority, b.Priority),
			cmp.Compare(rank(a.Kind == KindGood), rank(b.Kind == KindGood)))
	})
	return out
}

func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func fromComments(cs []RiskComment) []ReportFinding {
	out := make([]ReportFinding, 0, len(cs))
	for i, c := range cs {
		out = append(out, ReportFinding{Kind: KindImprovement, Items: c.Items, Category: c.Category,
			Priority: i + 1, Status: c.Status, Text: c.Text})
	}
	return out
}

// Directions are the improvement findings that carry a countermeasure
// direction, in priority order (approved before drafts at the same
// priority): the report's list of what to do first.
func (r *Report) Directions() []ReportFinding {
	var out []ReportFinding
	for _, f := range r.Findings {
		if f.Kind == KindImprovement && (f.Direction.JA != "" || f.Direction.EN != "") {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b ReportFinding) int { return cmp.Compare(a.Priority, b.Priority) })
	return out
}

// CountFindings counts the report's improvement and good-point findings.
func (r *Report) CountFindings() (improvements, good int) {
	for _, f := range r.Findings {
		if f.Kind == KindGood {
			good++
		} else {
			improvements++
		}
	}
	return improvements, good
}

// CiteItems writes item ids as the seed's report cites them: a run of three
// or more adjacent items of one category as a range ("1-1〜1-4", "1-1 to
// 1-4"), the others one by one, in the order given.
func CiteItems(items []string) Text {
	var ja, en []string
	for i := 0; i < len(items); {
		j := i
		for j+1 < len(items) && adjacent(items[j], items[j+1]) {
			j++
		}
		if j-i >= 2 {
			ja, en = append(ja, items[i]+"〜"+items[j]), append(en, items[i]+" to "+items[j])
		} else {
			ja, en = append(ja, items[i:j+1]...), append(en, items[i:j+1]...)
		}
		i = j + 1
	}
	return Text{JA: strings.Join(ja, "、"), EN: strings.Join(en, ", ")}
}

// adjacent reports whether item b directly follows item a in one
// category ("1-3", "1-4").
func adjacent(a, b string) bool {
	ca, na, ok1 := strings.Cut(a, "-")
	cb, nb, ok2 := strings.Cut(b, "-")
	if !ok1 || !ok2 || ca != cb {
		return false
	}
	x, err1 := strconv.Atoi(na)
	y, err2 := strconv.Atoi(nb)
	return err1 == nil && err2 == nil && y == x+1
}
