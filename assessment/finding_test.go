package assessment

import (
	"errors"
	"slices"
	"testing"
)

func TestCiteItems_RangesAndLists(t *testing.T) {
	cases := []struct {
		ids    []string
		ja, en string
	}{
		{[]string{"1-1", "1-2", "1-3", "1-4"}, "1-1～1-4", "1-1 to 1-4"},
		{[]string{"2-5", "1-2"}, "1-2、2-5", "1-2, 2-5"},
		{[]string{"1-1", "1-2"}, "1-1、1-2", "1-1, 1-2"},
		{[]string{"3-5"}, "3-5", "3-5"},
		{[]string{"3-9", "3-10", "3-11", "4-1"}, "3-9～3-11、4-1", "3-9 to 3-11, 4-1"},
		{[]string{"1-4", "1-1", "1-3", "1-2", "1-2"}, "1-1～1-4", "1-1 to 1-4"},
		{nil, "現地調査", "On-site observation"},
	}
	for _, c := range cases {
		got := CiteItems(c.ids)
		if got.JA != c.ja || got.EN != c.en {
			t.Errorf("CiteItems(%v) = %q / %q, want %q / %q", c.ids, got.JA, got.EN, c.ja, c.en)
		}
	}
}

func TestFindingEdited_MarksOtherLanguageStale(t *testing.T) {
	f := Finding{Risk: Text{JA: "旧", EN: "old"}, Author: ByOffline, Stale: []Lang{EN}}
	g := f.Edited(EN, "new")
	if g.Risk.EN != "new" || g.Risk.JA != "旧" || !slices.Equal(g.Stale, []Lang{JA}) || g.Author != ByPerson {
		t.Fatalf("Edited(EN) = %+v", g)
	}
	h := g.Edited(JA, "新")
	if !slices.Equal(h.Stale, []Lang{EN}) || h.Risk.JA != "新" {
		t.Fatalf("Edited(JA) = %+v", h)
	}
	if len(f.Stale) != 1 || f.Stale[0] != EN {
		t.Fatalf("Edited changed the original's Stale: %v", f.Stale)
	}
}

func TestCheckFinding(t *testing.T) {
	p := metiPack(t)
	ok := Finding{Kind: Improvement, Items: []string{"1-1", "2-5"}, Category: "org", Priority: 1,
		Risk: Text{JA: "a", EN: "b"}, Status: FindingDraft, Author: ByOffline}
	if err := CheckFinding(p, ok); err != nil {
		t.Fatalf("valid finding: %v", err)
	}
	bad := func(mut func(*Finding), want error) {
		t.Helper()
		f := ok
		f.Items = slices.Clone(ok.Items)
		mut(&f)
		if err := CheckFinding(p, f); !errors.Is(err, want) {
			t.Errorf("CheckFinding(%+v) = %v, want %v", f, err, want)
		}
	}
	bad(func(f *Finding) { f.Kind = "bad" }, ErrFindingKind)
	bad(func(f *Finding) { f.Priority = 0 }, ErrFindingPriority)
	bad(func(f *Finding) { f.Items = nil }, ErrFindingItems)
	bad(func(f *Finding) { f.Items = []string{"1-1", "1-2", "1-3", "1-4", "1-5", "1-6"} }, ErrFindingItems)
	bad(func(f *Finding) { f.Items = []string{"9-9"} }, ErrFindingUnknown)
	bad(func(f *Finding) { f.Category = "tech" }, ErrFindingItems)
	bad(func(f *Finding) { f.Risk.EN = "" }, ErrFindingText)
	site := Finding{Kind: Good, Category: SiteCategory, Priority: 2, Risk: Text{JA: "5S が徹底されている"}, Stale: []Lang{EN}}
	if err := CheckFinding(p, site); err != nil {
		t.Fatalf("site finding with stale English: %v", err)
	}
	site.Items = []string{"1-1"}
	if err := CheckFinding(p, site); !errors.Is(err, ErrFindingItems) {
		t.Fatalf("site finding citing an item: %v", err)
	}
}
