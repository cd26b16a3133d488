package assessment

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// openSelf is a self round where every item has a level except 2-3 and
// 2-7 ("not sure") and 4-2 (unanswered); 3-2 is "not sure" with a level.
func openSelf(p *Pack) map[string]Answer {
	m := uniform(p, "2")
	m["2-3"] = Answer{Unsure: true}
	m["2-7"] = Answer{Unsure: true}
	delete(m, "4-2")
	m["3-2"] = Answer{Value: "3", Unsure: true}
	return m
}

// withoutItems is a copy of p without the given items.
func withoutItems(p *Pack, ids ...string) *Pack {
	q := *p
	q.Items = slices.DeleteFunc(slices.Clone(p.Items), func(it Item) bool { return slices.Contains(ids, it.ID) })
	q.index()
	return &q
}

func TestProvisionalCategory_ScoresTheAnsweredItemsOnly(t *testing.T) {
	p := metiPack(t)
	m := openSelf(p)
	// The estimate is the exact score of a pack in which the open items do
	// not exist: the answered items as the whole category.
	exact := Score(withoutItems(p, "2-3", "2-7", "4-2"), m)
	for i, c := range p.Categories {
		e, want := ProvisionalCategory(p, c.ID, m), exact.Categories[i].Score
		if e == nil || e.Score != *want || e.Grade != GradeOf(*want) {
			t.Errorf("%s estimate = %+v, want %d", c.ID, e, *want)
		}
	}
	if e := ProvisionalCategory(p, "ops", m); e.Score != 59 {
		t.Errorf("ops estimate = %d, want 59 (eleven items at level 2, each share rounded half up)", e.Score)
	}
	if got := Score(p, m); got.Categories[1].Score != nil || got.Total.Score != nil {
		t.Error("Score gave ops or the total a score with items open; it must stay exact")
	}
	none := map[string]Answer{"2-1": {Unsure: true}}
	if e := ProvisionalCategory(p, "ops", none); e != nil {
		t.Errorf("a category with no level has estimate %+v, want none", e)
	}
	halfNA := map[string]Answer{"2-1": {Value: NA}, "2-2": {Value: "4"}}
	if e := ProvisionalCategory(p, "ops", halfNA); e != nil {
		t.Errorf("half the answered items N/A gave estimate %+v, want none (the N/A guard)", e)
	}
}

func TestBuildReport_SelfColumnIsProvisionalWithCountAndOpenItems(t *testing.T) {
	p := metiPack(t)
	r := BuildReport(ReportInput{Pack: p, Self: openSelf(p), AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	ops := r.Summary[1]
	v, g, prov, ok := ops.Self.Shown()
	if !ok || !prov || v != 59 || g != "C" || ops.Self.Answered != 11 || ops.Self.Items != 13 {
		t.Errorf("ops self = %d %s provisional=%v ok=%v %d/%d, want 59 C provisional 11/13", v, g, prov, ok, ops.Self.Answered, ops.Self.Items)
	}
	if ops.Self.Score != nil {
		t.Error("the exact score is set for an incomplete category")
	}
	total := r.Summary[len(r.Summary)-1]
	if _, _, prov, ok := total.Self.Shown(); !ok || !prov {
		t.Error("the total's self figure is blank or not marked provisional")
	}
	var open []string
	for _, o := range r.Open.Self {
		open = append(open, o.Item)
	}
	if want := []string{"2-3", "2-7", "4-2"}; !slices.Equal(open, want) {
		t.Errorf("open self items = %v, want %v", open, want)
	}
	if !r.Open.Self[0].Unsure || r.Open.Self[2].Unsure {
		t.Error("open items do not say which were marked not sure")
	}
}

func TestBuildReport_HistoryInTheEngagementsZone(t *testing.T) {
	p := metiPack(t)
	bkk := time.FixedZone("ICT", 7*3600)
	stored := time.Date(2026, 3, 1, 2, 30, 0, 0, time.UTC)
	r := BuildReport(ReportInput{Pack: p, Self: uniform(p, "1"), AsOf: time.Date(2026, 3, 2, 9, 0, 0, 0, bkk),
		History: []Change{{Item: "1-1", Round: RoundSelf, Value: "1", At: stored}},
		Notes:   []Note{{Item: "1-1", Round: RoundSelf, Text: "x", At: stored}}})
	h, n := r.Answers[0].History[0].At, r.Answers[0].Notes[0].At
	if h.Location() != bkk || h.Hour() != 9 || n.Location() != bkk || !h.Equal(stored) {
		t.Errorf("history at %v, note at %v; want 09:30 ICT, the same instant", h, n)
	}
	if r.Engagement.Timezone != "ICT" {
		t.Errorf("timezone = %q", r.Engagement.Timezone)
	}
}

func TestBuildReport_FindingsApprovedFirstThenByPriority(t *testing.T) {
	p := metiPack(t)
	fs := []Finding{
		{Kind: Improvement, Items: []string{"3-5"}, Priority: 1, Status: FindingDraft, Direction: Text{JA: "a", EN: "a"}},
		{Kind: Good, Items: []string{"3-7"}, Priority: 2, Status: FindingApproved},
		{Kind: Improvement, Items: []string{"1-1"}, Priority: 3, Status: FindingApproved, Direction: Text{JA: "b", EN: "b"}},
	}
	r := BuildReport(ReportInput{Pack: p, Self: uniform(p, "1"), Findings: fs})
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Items[0])
	}
	if want := []string{"3-7", "1-1", "3-5"}; !slices.Equal(got, want) {
		t.Errorf("findings order = %v, want %v", got, want)
	}
	var dirs []string
	for _, f := range r.Directions() {
		dirs = append(dirs, f.Items[0])
	}
	if want := []string{"3-5", "1-1"}; !slices.Equal(dirs, want) {
		t.Errorf("directions = %v, want %v (priority order, good points left out)", dirs, want)
	}
}

// The executive summary's sentences are report text: である調 without
// polite forms or advice in Japanese, third person in English.
func TestOverview_IsReportStyleInBothLanguages(t *testing.T) {
	p := metiPack(t)
	review := map[string]Answer{"3-5": {Value: "0"}}
	fs := []Finding{{Kind: Improvement, Items: []string{"3-5"}, Priority: 1, Direction: Text{JA: "x", EN: "x"}},
		{Kind: Good, Items: []string{"3-7"}, Priority: 2}}
	ref := PackReference(p)
	ref.Total = new(int)
	*ref.Total = 50
	r := BuildReport(ReportInput{Pack: p, Self: openSelf(p), Review: review, Findings: fs, Reference: ref})
	ja, en := r.Overview.JA, r.Overview.EN
	for _, bad := range []string{"です", "ます", "しましょう", "ください"} {
		if strings.Contains(ja, bad) {
			t.Errorf("Japanese overview uses %q: %s", bad, ja)
		}
	}
	for _, s := range strings.SplitAfter(ja, "。") {
		if s != "" && !strings.HasSuffix(s, "である。") && !strings.HasSuffix(s, "る。") && !strings.HasSuffix(s, "た。") {
			t.Errorf("Japanese sentence not in である style: %q", s)
		}
	}
	for _, bad := range []string{" you", "You", " we ", "We ", " our "} {
		if strings.Contains(en, bad) {
			t.Errorf("English overview is not third person (%q): %s", bad, en)
		}
	}
	for _, want := range []string{"provisional", "re-evaluated 1 item", "1 improvement and 1 good point", "concerns item 3-5", "3 items remain open"} {
		if !strings.Contains(en, want) {
			t.Errorf("English overview lacks %q: %s", want, en)
		}
	}
	if !strings.Contains(ja, "暫定") || !strings.Contains(ja, "3項目が未確定") {
		t.Errorf("Japanese overview does not mark the provisional figure or the open items: %s", ja)
	}
}

// report --format json carries findings and summary.categories[] with
// self, after and reference figures, as other tools read them.
func TestReportJSON_FindingsAndSummaryShape(t *testing.T) {
	p := metiPack(t)
	ref := PackReference(p)
	ref.Source, ref.Categories = "pack", map[string]int{"org": 44, "ops": 46, "tech": 45, "supply": 39}
	fs := []Finding{{Kind: Improvement, Items: []string{"3-5"}, Category: "tech", Priority: 1, Status: FindingDraft,
		Risk: Text{JA: "あ", EN: "a"}, Direction: Text{JA: "い", EN: "b"}, Stale: []Lang{EN}}}
	r := BuildReport(ReportInput{Pack: p, Self: openSelf(p), Findings: fs, Reference: ref})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Summary  struct {
			Categories []struct {
				Category               string
				Self, After, Reference map[string]any
			} `json:"categories"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[0]
	for _, k := range []string{"kind", "items", "priority", "status", "text", "direction", "stale"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q: %v", k, f)
		}
	}
	if f["priority"] != float64(1) || f["text"].(map[string]any)["ja"] != "あ" || f["stale"].([]any)[0] != "en" {
		t.Errorf("finding = %v", f)
	}
	if len(doc.Summary.Categories) != 4 {
		t.Fatalf("summary.categories has %d rows, want 4 (the total is apart)", len(doc.Summary.Categories))
	}
	ops := doc.Summary.Categories[1]
	for name, fig := range map[string]map[string]any{"self": ops.Self, "after": ops.After, "reference": ops.Reference} {
		for _, k := range []string{"score", "grade", "provisional", "answered", "total"} {
			if _, ok := fig[k]; !ok {
				t.Errorf("ops %s lacks %q: %v", name, k, fig)
			}
		}
	}
	if ops.Self["score"] != float64(59) || ops.Self["provisional"] != true || ops.Self["answered"] != float64(11) || ops.Self["total"] != float64(13) {
		t.Errorf("ops self = %v, want 59 provisional 11/13", ops.Self)
	}
	if ops.Reference["score"] != float64(46) || ops.Reference["grade"] != "C" || ops.Reference["provisional"] != false {
		t.Errorf("ops reference = %v", ops.Reference)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if e := back.Summary[1].Self.Estimate; e == nil || e.Score != 59 || back.Summary[1].Self.Score != nil {
		t.Errorf("read back, ops self = %+v", back.Summary[1].Self)
	}
}
