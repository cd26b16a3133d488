package assessment

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The annex lists evidence by item in pack order, the site's last, oldest
// first within an item, in the engagement's zone; the JSON carries item,
// name, sha256, by and at for each, and never a picture's bytes.
func TestBuildReport_EvidenceByItemInPackOrderAndItsJSON(t *testing.T) {
	p := metiPack(t)
	jst := time.FixedZone("JST", 9*3600)
	t0 := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	in := ReportInput{Pack: p, Self: uniform(p, "2"), AsOf: time.Date(2026, 12, 2, 9, 0, 0, 0, jst), Evidence: []Evidence{
		{Item: SiteCategory, Kind: EvidenceNote, Text: "No door lock on line 2.", By: "lead", At: t0},
		{Item: "3-5", Kind: EvidenceFile, Name: "b.jpg", SHA256: "bb", By: "spoc", At: t0.Add(2 * time.Hour), Image: []byte{1, 2}},
		{Item: "3-5", Kind: EvidenceFile, Name: "a.pdf", SHA256: "aa", By: "spoc", At: t0.Add(time.Hour)},
		{Item: "1-1", Kind: EvidenceNote, Text: "Policy signed.", By: "lead", At: t0.Add(3 * time.Hour)},
	}}
	r := BuildReport(in)
	var order []string
	for _, e := range r.Evidence {
		order = append(order, e.Item+" "+e.Name+e.Text)
	}
	if strings.Join(order, "|") != "1-1 Policy signed.|3-5 a.pdf|3-5 b.jpg|site No door lock on line 2." {
		t.Errorf("annex order = %q", order)
	}
	if r.Evidence[0].At.Location() != jst {
		t.Errorf("evidence time in %v, want the engagement's zone", r.Evidence[0].At.Location())
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Evidence []map[string]any `json:"evidence"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Evidence) != 4 {
		t.Fatalf("JSON evidence = %v", v.Evidence)
	}
	for _, e := range v.Evidence {
		for _, k := range []string{"item", "name", "sha256", "by", "at"} {
			if _, ok := e[k]; !ok {
				t.Errorf("JSON evidence %v lacks %q", e, k)
			}
		}
		if _, ok := e["Image"]; ok {
			t.Errorf("JSON evidence carries the picture's bytes: %v", e)
		}
	}
	if v.Evidence[2]["sha256"] != "bb" || v.Evidence[2]["by"] != "spoc" {
		t.Errorf("3-5 b.jpg in JSON = %v", v.Evidence[2])
	}
}
