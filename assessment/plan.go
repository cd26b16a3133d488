package assessment

import (
	"slices"
	"time"
)

// The themes of the countermeasure plan: the seed's six meetings of Step 2
// (#1 governance, #2 risk analysis and rules, #3 training, #4 incident
// response, #5 technology, #6 supply chain).
const (
	ThemeGovernance  = "governance"
	ThemeRisk        = "risk"
	ThemeTraining    = "training"
	ThemeIncident    = "incident"
	ThemeTechnology  = "technology"
	ThemeSupplyChain = "supply_chain"
)

// Themes lists the themes in the seed's order.
func Themes() []string {
	return []string{ThemeGovernance, ThemeRisk, ThemeTraining, ThemeIncident, ThemeTechnology, ThemeSupplyChain}
}

// categoryThemes is the theme of an item by its category, and
// groupThemes by the pack's group of related items where that says more
// (an organisational item on training is training).
func categoryTheme(category string) string {
	switch category {
	case "org":
		return ThemeGovernance
	case "tech":
		return ThemeTechnology
	case "supply":
		return ThemeSupplyChain
	}
	return ThemeRisk
}

func groupTheme(group string) string {
	switch group {
	case "incident-response":
		return ThemeIncident
	case "awareness":
		return ThemeTraining
	}
	return ""
}

// ThemeOf chooses the theme of an action on items: the theme most of them
// have (by their group where the group names one, else by category), the
// earlier theme in the seed's order at a tie; site-wide actions are
// governance.
func ThemeOf(p *Pack, items []string) string {
	count := map[string]int{}
	for _, id := range items {
		it, ok := p.Item(id)
		if !ok {
			continue
		}
		th := categoryTheme(it.Category)
		if g, ok := p.GroupOf(id); ok && groupTheme(g.ID) != "" {
			th = groupTheme(g.ID)
		}
		count[th]++
	}
	best := ThemeGovernance
	for _, th := range Themes() {
		if count[th] > count[best] {
			best = th
		}
	}
	return best
}

// PlanAction is an action of the countermeasure plan as a report shows it
// (the POA&M): the finding and items it carries out, its theme, owner, due
// date, status, what was done or why it was dropped, and its history.
type PlanAction struct {
	ID      int          `json:"id"`
	Finding int          `json:"finding,omitempty"`
	Items   []string     `json:"items"`
	Theme   string       `json:"theme"`
	Text    Text         `json:"text"`
	Owner   string       `json:"owner"`
	Due     string       `json:"due"`
	Status  string       `json:"status"`
	Note    string       `json:"note,omitempty"`
	History []PlanChange `json:"history"`
}

// PlanChange is one row of an action's history.
type PlanChange struct {
	Field string    `json:"field"`
	Value string    `json:"value"`
	Note  string    `json:"note,omitempty"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
}

// planIn is the plan as a report shows it: by number, history times in loc.
func planIn(in []PlanAction, loc *time.Location) []PlanAction {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b PlanAction) int { return a.ID - b.ID })
	for i := range out {
		h := slices.Clone(out[i].History)
		for j := range h {
			h[j].At = h[j].At.In(loc)
		}
		out[i].History = nonNil(h)
		out[i].Items = nonNil(out[i].Items)
	}
	return nonNil(out)
}

// PlanCounts counts a plan's actions by status.
func PlanCounts(plan []PlanAction) map[string]int {
	n := map[string]int{}
	for _, a := range plan {
		n[a.Status]++
	}
	return n
}
