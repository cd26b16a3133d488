package assessment

import "strings"

// RiskDraft is an offline draft risk comment for one category: the weak
// items (level 1 or below, or flagged unsure) with the pack's risk and
// direction texts. It is a starting point for an assessor, never final.
type RiskDraft struct {
	Category string
	Items    []string
	Text     Text
}

// DraftRisks builds one RiskDraft per category that has weak items, in
// pack order. An unanswered item is not weak: it has no evidence yet.
func DraftRisks(p *Pack, answers map[string]Answer) []RiskDraft {
	var out []RiskDraft
	for _, c := range p.Categories {
		var d RiskDraft
		var ja, en []string
		for _, it := range p.ItemsIn(c.ID) {
			a := answers[it.ID]
			if !a.Value.Weak() && !a.Unsure {
				continue
			}
			d.Items = append(d.Items, it.ID)
			ja = append(ja, it.ID+"："+it.Risk.JA+" → "+it.Direction.JA)
			en = append(en, it.ID+": "+it.Risk.EN+" → "+it.Direction.EN)
		}
		if len(d.Items) == 0 {
			continue
		}
		d.Category = c.ID
		d.Text = Text{JA: strings.Join(ja, "\n"), EN: strings.Join(en, "\n")}
		out = append(out, d)
	}
	return out
}
