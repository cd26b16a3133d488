// Package assessmenttest gives tests the embedded default checklist pack.
package assessmenttest

import (
	"testing"

	"github.com/otassess/otassess/assessment"
)

// DefaultPack returns the embedded default pack (assessment.DefaultPack);
// it stops the test when the pack cannot be loaded.
func DefaultPack(tb testing.TB) *assessment.Pack {
	tb.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := reg.Get(assessment.DefaultPack)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// ItemIDs lists a pack's item ids in pack order.
func ItemIDs(p *assessment.Pack) []string {
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ID
	}
	return ids
}
