package analysis

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func modelDraft(kind assessment.FindingKind, items ...string) assessment.Finding {
	return assessment.Finding{Kind: kind, Items: items, Risk: assessment.Text{JA: "リスクである。", EN: "A risk."}, Direction: assessment.Text{JA: "方針である。", EN: "A direction."}}
}

func TestCheckModelDrafts(t *testing.T) {
	in := engagement(t)
	b := BasisOf(in)
	if got := TopGapItems(b.Gaps, TopGaps); !slices.Equal(got, []string{"1-3", "2-6", "3-7"}) {
		t.Fatalf("top gaps %v", got)
	}
	ok := []assessment.Finding{modelDraft(assessment.Improvement, "3-7", "3-5"), modelDraft(assessment.Improvement, "1-3", "1-1"), modelDraft(assessment.Improvement, "2-6"), modelDraft(assessment.Good, "4-1")}
	if err := CheckModelDrafts(in.Pack, b, ok); err != nil {
		t.Fatalf("good drafts refused: %v", err)
	}
	long := modelDraft(assessment.Improvement, "2-6")
	long.Direction.EN = strings.Repeat("x", MaxFindingRunes+1)
	cases := []struct {
		name   string
		drafts []assessment.Finding
		want   error
	}{
		{"unknown id", append(slices.Clone(ok), modelDraft(assessment.Improvement, "9-9")), ErrDraftUnknownItem},
		{"not sure item", append(slices.Clone(ok), modelDraft(assessment.Improvement, "2-8")), ErrDraftNotAGap},
		{"good point on a gap", append(slices.Clone(ok), modelDraft(assessment.Good, "1-1")), ErrDraftNotAGap},
		{"top gap left out", ok[1:], ErrDraftMissesTop},
		{"too long", append(slices.Clone(ok), long), ErrDraftTooLong},
		{"no items", append(slices.Clone(ok), modelDraft(assessment.Improvement)), ErrDraftShape},
	}
	for _, c := range cases {
		if err := CheckModelDrafts(in.Pack, b, c.drafts); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	var dr *DraftRejection
	if err := CheckModelDrafts(in.Pack, b, ok[1:]); !errors.As(err, &dr) || dr.Item != "3-7" || err.Error() != "the drafts leave out a top-ranked gap: 3-7" {
		t.Errorf("rejection %v does not name the missing gap 3-7", err)
	}
}

// While items are not sure, drafts that leave them out pass: they are
// never gaps (the old check refused every model draft then).
func TestCheckModelDrafts_NotSureItemsNeedNoDraft(t *testing.T) {
	in := engagement(t)
	b := BasisOf(in)
	if err := CheckModelDrafts(in.Pack, b, DraftFindings(in)); err != nil {
		t.Fatalf("the offline drafts themselves fail the model check: %v", err)
	}
}

func TestPrioritizeDrafts_OrdersByRanking(t *testing.T) {
	in := engagement(t)
	b := BasisOf(in)
	got := PrioritizeDrafts(in.Pack, b, []assessment.Finding{modelDraft(assessment.Good, "4-1"), modelDraft(assessment.Improvement, "3-5", "3-7"),
		modelDraft(assessment.Improvement, "2-2", "1-3"), modelDraft(assessment.Improvement, "2-6")})
	var order []string
	for i, f := range got {
		order = append(order, strings.Join(f.Items, ","))
		if f.Priority != i+1 || f.Author != assessment.ByModel || f.Status != assessment.FindingDraft {
			t.Errorf("draft %d: %+v", i+1, f)
		}
	}
	if !slices.Equal(order, []string{"1-3,2-2", "2-6", "3-5,3-7", "4-1"}) {
		t.Errorf("order %v", order)
	}
	if got[0].Category != "org" || got[2].Category != "tech" {
		t.Errorf("categories %s, %s", got[0].Category, got[2].Category)
	}
	src := in.SourcesOf(got[0].Items)
	if len(src) != 4 || src[0] != (assessment.FindingSource{Kind: assessment.SourceAnswer, Item: "1-3", Round: assessment.RoundSelf, Value: "2"}) ||
		src[2].Kind != assessment.SourceAssessor || src[3].Value != "2" {
		t.Errorf("sources of 1-3, 2-2 = %+v", src)
	}
}
