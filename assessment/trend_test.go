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
