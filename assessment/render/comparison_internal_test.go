package render

import (
	"testing"

	"github.com/otassess/otassess/assessment"
)

func TestComparison_ColumnsInFirstAppearanceOrder(t *testing.T) {
	a := &assessment.Report{Summary: []assessment.SummaryRow{{Category: "org", Label: assessment.Text{EN: "People"}}, {Category: "ops"}, {Label: assessment.Text{EN: "Total"}}}}
	b := &assessment.Report{Summary: []assessment.SummaryRow{{Category: "ops"}, {Category: "ai"}, {}}}
	c := &Comparison{Sites: []*assessment.Report{a, b}}
	cols := c.Columns()
	if len(cols) != 3 || cols[0].ID != "org" || cols[0].Label.EN != "People" || cols[1].ID != "ops" || cols[2].ID != "ai" {
		t.Errorf("columns %+v, want org, ops, ai without the total", cols)
	}
	if _, ok := Row(a, "ai"); ok {
		t.Error("Row found a category the site lacks")
	}
	if r, ok := Row(a, ""); !ok || r.Label.EN != "Total" {
		t.Errorf("Row(total) = %+v, %v", r, ok)
	}
}

func TestSiteName_SiteElseEngagementName(t *testing.T) {
	if got := SiteName(&assessment.Report{Engagement: assessment.ReportEngagement{Name: "Plant A 2026", Site: " Plant A "}}); got != "Plant A" {
		t.Errorf("with a site: %q", got)
	}
	if got := SiteName(&assessment.Report{Engagement: assessment.ReportEngagement{Name: "Plant A 2026"}}); got != "Plant A 2026" {
		t.Errorf("without a site: %q", got)
	}
}
