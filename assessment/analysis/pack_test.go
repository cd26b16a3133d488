package analysis

import (
	"github.com/otassess/otassess/assessment"
)

// metiPack is the built-in pack the drafts are tested on.
// uniform answers every item of p with v.
func uniform(p *assessment.Pack, v assessment.Value) map[string]assessment.Answer {
	m := map[string]assessment.Answer{}
	for _, it := range p.Items {
		m[it.ID] = assessment.Answer{Value: v}
	}
	return m
}
