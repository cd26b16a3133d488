package assessment

import (
	"encoding/json"
	"testing"
	"time"
)

func TestThemeOf_ByGroupThenCategoryMostItemsFirst(t *testing.T) {
	p := metiPack(t)
	for _, c := range []struct {
		items []string
		want  string
	}{
		{[]string{"3-5", "3-6"}, ThemeTechnology},
		{[]string{"1-1", "1-2", "1-3"}, ThemeGovernance},
		{[]string{"1-5"}, ThemeTraining},               // org, but the awareness group
		{[]string{"2-4", "2-5", "1-4"}, ThemeIncident}, // the incident-response group
		{[]string{"2-10", "2-11"}, ThemeRisk},          // operational rules
		{[]string{"4-4", "4-5"}, ThemeSupplyChain},
		{[]string{"1-1", "3-5"}, ThemeGovernance}, // a tie goes to the earlier theme
		{nil, ThemeGovernance},                    // site-wide
	} {
		if got := ThemeOf(p, c.items); got != c.want {
			t.Errorf("ThemeOf(%v) = %s, want %s", c.items, got, c.want)
		}
	}
}

// report --format json carries the plan: id, items, theme, owner, due and
// status for each action, by number, history in the engagement's zone.
func TestReportJSON_CarriesThePlan(t *testing.T) {
	p := metiPack(t)
	jst := time.FixedZone("JST", 9*3600)
	at := time.Date(2027, 1, 5, 1, 0, 0, 0, time.UTC)
	r := BuildReport(ReportInput{Pack: p, Self: uniform(p, "2"), AsOf: time.Date(2027, 1, 6, 9, 0, 0, 0, jst), Plan: []PlanAction{
		{ID: 2, Theme: ThemeTraining, Status: "open"},
		{ID: 1, Items: []string{"3-5"}, Theme: ThemeTechnology, Owner: "USPOC", Due: "2027-03-31", Status: "done", Note: "Installed.",
			History: []PlanChange{{Field: "status", Value: "done", By: "USPOC", At: at}}},
	}})
	if r.Plan[0].ID != 1 || r.Plan[0].History[0].At.Location() != jst || r.Plan[1].Items == nil {
		t.Fatalf("plan = %+v", r.Plan)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Plan []map[string]any `json:"plan"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	for _, a := range v.Plan {
		for _, k := range []string{"id", "items", "theme", "owner", "due", "status"} {
			if _, ok := a[k]; !ok {
				t.Errorf("JSON action %v lacks %q", a, k)
			}
		}
	}
	if first := v.Plan[0]; first["id"] != 1.0 || first["theme"] != "technology" || first["owner"] != "USPOC" || first["due"] != "2027-03-31" || first["status"] != "done" {
		t.Errorf("first JSON action = %v", first)
	}
}
