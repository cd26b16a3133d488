package analysis

import (
	"cmp"
	"slices"

	"github.com/otassess/otassess/assessment"
)

// TargetLevel is the level every item is measured against: 3, "in place,
// documented or automated, and reviewed regularly". Level 2 is a measure
// that exists but is not sustained, which a report still counts as a gap;
// level 4 (adapted as the outside world changes) is beyond the baseline a
// plant is held to, so a 3 has no gap.
const TargetLevel = 3

// Gap is an item answered below TargetLevel, with what its rank rests on.
type Gap struct {
	Item     string
	Category string
	Key      bool
	Weight   int
	// Self and Review are the levels of each round; Review is "" when the
	// assessors did not re-evaluate the item.
	Self, Review assessment.Value
	// Level is the level the gap is measured from: the review level when
	// there is one, else the self level.
	Level int
	// Size is the business impact: Weight × (TargetLevel − Level).
	Size int
}

// Reviewed reports whether the assessors re-evaluated the item.
func (g Gap) Reviewed() bool { return g.Review != "" }

// AssessedLevel is the level an item stands at for findings: the review
// level over the self level. ok is false for an item that is N/A,
// unanswered, or not sure (flagged in the self round and not re-evaluated
// with a level): such an item is never a finding.
func AssessedLevel(self, review assessment.Answer) (level int, ok bool) {
	if review.Value != "" {
		return review.Value.Level()
	}
	if self.Unsure {
		return 0, false
	}
	return self.Value.Level()
}

// RankGaps lists the items below TargetLevel, most important first: key
// items first, then the larger gap, then the larger weight, then pack
// order. The same answers always give the same ranking.
func RankGaps(p *assessment.Pack, self, review map[string]assessment.Answer) []Gap {
	var gaps []Gap
	for _, it := range p.Items {
		level, ok := AssessedLevel(self[it.ID], review[it.ID])
		if !ok || level >= TargetLevel {
			continue
		}
		gaps = append(gaps, Gap{Item: it.ID, Category: it.Category, Key: it.Key, Weight: it.Weight,
			Self: self[it.ID].Value, Review: review[it.ID].Value, Level: level,
			Size: it.Weight * (TargetLevel - level)})
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		if a.Key != b.Key {
			if a.Key {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Size, a.Size), cmp.Compare(b.Weight, a.Weight))
	})
	return gaps
}

// TopGapItems is the ids of the first n gaps: the ones every draft must
// cover.
func TopGapItems(gaps []Gap, n int) []string {
	out := []string{}
	for _, g := range gaps[:min(n, len(gaps))] {
		out = append(out, g.Item)
	}
	return out
}

// groupGaps gathers ranked gaps into at most limit groups of related items,
// each in rank order: a declared group's gaps go together; an item in no
// declared group joins the adjacent items of its category that are also
// gaps and in no group. A group holds at most MaxFindingItems; the rest of
// a long run of adjacent gaps starts a later group.
func groupGaps(p *assessment.Pack, gaps []Gap, limit int) [][]Gap {
	done, isGap := map[string]bool{}, map[string]bool{}
	for _, g := range gaps {
		isGap[g.Item] = true
	}
	var groups [][]Gap
	for _, g := range gaps {
		if len(groups) == limit {
			break
		}
		if done[g.Item] {
			continue
		}
		var members []Gap
		for _, m := range gaps {
			if !done[m.Item] && related(p, g.Item, m.Item, isGap) && len(members) < assessment.MaxFindingItems {
				members = append(members, m)
				done[m.Item] = true
			}
		}
		groups = append(groups, members)
	}
	return groups
}

// related reports whether b belongs in a finding led by a: the same
// declared group, or, when neither is in a group, a chain of adjacent gaps
// (isGap) of one category joins them.
func related(p *assessment.Pack, a, b string, isGap map[string]bool) bool {
	if a == b {
		return true
	}
	ga, inA := p.GroupOf(a)
	gb, inB := p.GroupOf(b)
	if inA || inB {
		return inA && inB && ga.ID == gb.ID
	}
	ia, ib := p.Index(a), p.Index(b)
	if p.Items[ia].Category != p.Items[ib].Category {
		return false
	}
	for i := min(ia, ib) + 1; i < max(ia, ib); i++ {
		if id := p.Items[i].ID; !isGap[id] || grouped(p, id) {
			return false
		}
	}
	return true
}

// grouped reports whether the pack puts an item in one of its groups.
func grouped(p *assessment.Pack, id string) bool {
	_, in := p.GroupOf(id)
	return in
}
