package analysis

import (
	"bytes"
	"slices"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

func TestRankGaps_KeyFirstThenSizeReviewOverSelf(t *testing.T) {
	in := engagement(t)
	gaps := RankGaps(in.Pack, in.Self, in.Review)
	var ids []string
	for _, g := range gaps {
		ids = append(ids, g.Item)
	}
	want := []string{
		"1-3", "2-6", "3-7", "1-1", "4-4", // key: 4×2, 4×2, 2×3, 4×1, 2×1
		"3-5", "3-2", "4-6", "1-4", "2-11", "3-6", "2-4", "2-13", "4-2", // 9, then 8 and 6 by weight
		"3-3", "1-2", "2-5", "3-8", "2-2", "2-10", "4-5",
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("ranking\n got %v\nwant %v", ids, want)
	}
	if g := gaps[1]; g.Self != "3" || g.Review != "1" || g.Level != 1 || g.Size != 8 || !g.Reviewed() {
		t.Errorf("2-6 gap = %+v, want self 3, review 1, size 4×(3−1)", g)
	}
}

func TestAssessedLevel(t *testing.T) {
	cases := []struct {
		self, review assessment.Answer
		level        int
		ok           bool
	}{
		{assessment.Answer{Value: "2"}, assessment.Answer{}, 2, true},
		{assessment.Answer{Value: "3"}, assessment.Answer{Value: "1"}, 1, true},
		{assessment.Answer{Value: "2", Unsure: true}, assessment.Answer{}, 0, false},
		{assessment.Answer{Unsure: true}, assessment.Answer{Value: "0"}, 0, true},
		{assessment.Answer{Value: assessment.NA}, assessment.Answer{}, 0, false},
		{assessment.Answer{Value: "1"}, assessment.Answer{Value: assessment.NA}, 0, false},
		{assessment.Answer{}, assessment.Answer{}, 0, false},
	}
	for _, c := range cases {
		if level, ok := AssessedLevel(c.self, c.review); level != c.level || ok != c.ok {
			t.Errorf("AssessedLevel(%+v, %+v) = %d, %v; want %d, %v", c.self, c.review, level, ok, c.level, c.ok)
		}
	}
}

func TestDraftFindings_WithoutDeclaredGroupsAdjacentItemsOfACategoryGoTogether(t *testing.T) {
	in := engagement(t)
	src := in.Pack.Bytes()
	start, end := bytes.Index(src, []byte("\ngroups:\n")), bytes.Index(src, []byte("\nitems:\n"))
	p, err := assessment.ParsePack("nogroups.yaml", append(slices.Clone(src[:start]), src[end:]...))
	if err != nil {
		t.Fatal(err)
	}
	in.Pack = p
	var cited [][]string
	for _, f := range DraftFindings(in) {
		if f.Kind == assessment.Improvement {
			cited = append(cited, f.Items)
		}
	}
	want := [][]string{
		{"1-1", "1-2", "1-3", "1-4"}, // 1-3 leads; 1-1…1-4 are adjacent gaps (1-5 is level 3)
		{"2-4", "2-5", "2-6"},        // 2-6 leads; 2-3 is level 4, 2-7 N/A
		{"3-5", "3-6", "3-7", "3-8"}, // 3-7 leads; 3-4 is level 3
		{"4-4", "4-5", "4-6"},
		{"3-2", "3-3"},   // 3-1 is level 4
		{"2-10", "2-11"}, // 2-12 is not sure
		{"2-13"},
		{"4-2"},
	}
	if !slices.EqualFunc(cited, want, slices.Equal) {
		t.Errorf("findings cite\n got %v\nwant %v", cited, want)
	}
}

func TestDraftFindings_AtMostEightImprovements(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	self := uniform(p, "0")
	drafts := DraftFindings(DraftInput{Pack: p, Self: self})
	if len(drafts) != MaxImprovements {
		t.Fatalf("%d drafts for an all-zero engagement, want %d", len(drafts), MaxImprovements)
	}
	if drafts[0].Kind != assessment.Improvement || !slices.Contains(drafts[0].Items, "1-1") {
		t.Errorf("first finding %v does not lead with key item 1-1", drafts[0].Items)
	}
	if got := DraftFindings(DraftInput{Pack: p, Self: uniform(p, "3")}); len(got) != 9 || got[0].Kind != assessment.Good {
		t.Errorf("all level 3: %d findings (first %s), want 9 good points", len(got), got[0].Kind)
	}
}
