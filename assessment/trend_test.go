package assessment

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A follow-up's report compares each category's result after assessment
// with last year's, in points; the JSON carries it as trend.
func TestBuildReport_TrendAgainstThePreviousResult(t *testing.T) {
	p := metiPack(t)
	prev := Score(p, uniform(p, "1"))
	r := BuildReport(ReportInput{Pack: p, Self: uniform(p, "2"), AsOf: time.Date(2027, 1, 6, 9, 0, 0, 0, time.UTC),
		Previous: &PreviousResult{Name: "Plant A 2026", Result: prev}})
	if r.Trend == nil || len(r.Trend.Categories) != len(p.Categories) || r.Trend.Total.Category != "" {
		t.Fatalf("trend = %+v", r.Trend)
	}
	for _, tr := range append(r.Trend.Categories, r.Trend.Total) {
		if tr.Previous == nil || tr.Now == nil || tr.Change == nil || *tr.Change != *tr.Now-*tr.Previous || *tr.Change <= 0 {
			t.Errorf("%s: %+v, want a rise from level 1 to level 2", tr.Category, tr)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"trend":{"previous":"Plant A 2026","categories":[{"category":"org"`) {
		t.Errorf("JSON trend missing: %.200s", b[strings.Index(string(b), `"trend"`):])
	}
	if first := BuildReport(ReportInput{Pack: p, Self: uniform(p, "2")}); first.Trend != nil {
		t.Error("a first assessment has a trend")
	}
}

// With a version map, a category compares with the old category its items
// came from, and with nothing when they came from several.
func TestBuildReport_TrendThroughAVersionMap(t *testing.T) {
	old := mustVersioned(t, "1", oldItems, "")
	p := mustVersioned(t, "2", []string{"1-1:org", "3-1:tech", "3-2:tech", "3-3:tech"},
		"maps_from:\n  - version: \"1\"\n    items: {\"1-2\": \"3-3\"}\n")
	m, err := p.MapFrom(old)
	if err != nil {
		t.Fatal(err)
	}
	prev := Score(old, uniform(old, "1"))
	r := BuildReport(ReportInput{Pack: p, Self: uniform(p, "2"), Previous: &PreviousResult{Name: "v1", Result: prev, Map: m}})
	org, tech := r.Trend.Categories[0], r.Trend.Categories[1]
	if c, _ := prev.Category("org"); org.Previous == nil || *org.Previous != *c.Score {
		t.Errorf("org: %+v, want last year's org score", org)
	}
	if tech.Previous != nil || tech.Change != nil {
		t.Errorf("tech now holds an old org item; it compares with nothing, got %+v", tech)
	}
	if r.Trend.Total.Previous == nil || *r.Trend.Total.Previous != *prev.Total.Score {
		t.Errorf("total: %+v", r.Trend.Total)
	}
}
