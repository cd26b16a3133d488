package analysis

import (
	"cmp"
	"slices"

	"github.com/otassess/otassess/assessment"
)

// MaxImprovements is the most improvement findings an offline draft makes:
// a report names only the important points.
const MaxImprovements = 8

// Remark is a comment on an item as drafting uses it: who made it (the
// client's SPOC or delegate, or an assessor giving a re-evaluation reason)
// and its text in the languages known — the original at least, its
// translation when there is one.
type Remark struct {
	Item  string
	Kind  assessment.SourceKind // SourceClient or SourceAssessor
	Round string
	Text  assessment.Text
	// Lang is the language the author wrote in; Text holds that text and,
	// once translated, the other.
	Lang assessment.Lang
	// OnSite marks an assessor's on-site note (observe), quoted as such
	// rather than as a re-evaluation reason.
	OnSite bool
}

// DraftInput is what offline drafting reads.
type DraftInput struct {
	Pack         *assessment.Pack
	Self, Review map[string]assessment.Answer
	// Remarks are oldest first.
	Remarks []Remark
	// Covered are items that findings kept from earlier (approved or
	// written by a person) speak for: no draft cites them.
	Covered map[string]bool
}

// gaps is the ranking of the items not covered.
func (in DraftInput) gaps() []Gap {
	gaps := RankGaps(in.Pack, in.Self, in.Review)
	return slices.DeleteFunc(gaps, func(g Gap) bool { return in.Covered[g.Item] })
}

// good is the good-point items not covered.
func (in DraftInput) good() []assessment.Item {
	return slices.DeleteFunc(goodItems(in.Pack, in.Self, in.Review), func(it assessment.Item) bool { return in.Covered[it.ID] })
}

// DraftFindings writes the offline draft findings of an engagement: at most
// MaxImprovements improvement findings, one per group of related gaps in
// rank order (priority 1 first), then a good-point finding for each key item
// at level 3 or 4. Texts are report style in both languages, built from the
// pack's report texts, the levels, the assessors' re-evaluation reasons
// (on-site facts) and the client's comments (the client's statements). It
// reads no clock: the same input gives the same drafts.
func DraftFindings(in DraftInput) []assessment.Finding {
	p := in.Pack
	remarks := remarksByItem(in.Remarks)
	var out []assessment.Finding
	for _, group := range groupGaps(p, in.gaps(), MaxImprovements) {
		out = append(out, improvement(p, group, remarks, len(out)+1))
	}
	for _, it := range in.good() {
		out = append(out, goodPoint(p, it, in.Self[it.ID], in.Review[it.ID], remarks, len(out)+1))
	}
	return out
}

func remarksByItem(rs []Remark) map[string][]Remark {
	out := map[string][]Remark{}
	for _, r := range rs {
		out[r.Item] = append(out[r.Item], r)
	}
	return out
}

// goodItems are the key items assessed at level 3 or 4, key weight first,
// then pack order.
func goodItems(p *assessment.Pack, self, review map[string]assessment.Answer) []assessment.Item {
	var out []assessment.Item
	for _, it := range p.Items {
		if level, ok := AssessedLevel(self[it.ID], review[it.ID]); ok && it.Key && level >= TargetLevel {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b assessment.Item) int { return cmp.Compare(b.Weight, a.Weight) })
	return out
}

func improvement(p *assessment.Pack, group []Gap, remarks map[string][]Remark, priority int) assessment.Finding {
	ids := make([]string, len(group))
	for i, g := range group {
		ids[i] = g.Item
	}
	f := assessment.Finding{Kind: assessment.Improvement, Category: group[0].Category, Priority: priority,
		Status: assessment.FindingDraft, Author: assessment.ByOffline, Stale: []assessment.Lang{}}
	f.Items = ids
	assessment.SortItemIDs(f.Items)
	f.Sources = sources(group, remarks)
	f.Risk = improvementRisk(p, group, remarks)
	f.Direction = improvementDirection(p, group)
	return f
}

func goodPoint(p *assessment.Pack, it assessment.Item, self, review assessment.Answer, remarks map[string][]Remark, priority int) assessment.Finding {
	level, _ := AssessedLevel(self, review)
	g := Gap{Item: it.ID, Category: it.Category, Key: it.Key, Weight: it.Weight, Self: self.Value, Review: review.Value, Level: level}
	return assessment.Finding{Kind: assessment.Good, Items: []string{it.ID}, Category: it.Category, Priority: priority,
		Status: assessment.FindingDraft, Author: assessment.ByOffline, Stale: []assessment.Lang{},
		Sources: sources([]Gap{g}, remarks), Risk: goodRisk(p, g, remarks), Direction: goodDirection(level)}
}

// sources lists the levels of both rounds and every remark on the items.
func sources(group []Gap, remarks map[string][]Remark) []assessment.FindingSource {
	var out []assessment.FindingSource
	for _, g := range group {
		if g.Self != "" {
			out = append(out, assessment.FindingSource{Kind: assessment.SourceAnswer, Item: g.Item, Round: assessment.RoundSelf, Value: g.Self})
		}
		if g.Review != "" {
			out = append(out, assessment.FindingSource{Kind: assessment.SourceAnswer, Item: g.Item, Round: assessment.RoundReview, Value: g.Review})
		}
		for _, r := range remarks[g.Item] {
			out = append(out, assessment.FindingSource{Kind: r.Kind, Item: g.Item, Round: r.Round, Text: r.Text.Single(r.Lang)})
		}
	}
	return out
}

// SourcesOf lists what a finding citing items rests on: each item's levels
// in both rounds and the remarks on it (for drafts a model wrote from them).
func (in DraftInput) SourcesOf(items []string) []assessment.FindingSource {
	group := make([]Gap, len(items))
	for i, id := range items {
		group[i] = Gap{Item: id, Self: in.Self[id].Value, Review: in.Review[id].Value}
	}
	return sources(group, remarksByItem(in.Remarks))
}
