package prompts

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

func findingOf(kind string, ja, en string, ids ...string) map[string]any {
	return map[string]any{"kind": kind, "items": ids, "risk": map[string]string{"ja": ja, "en": en},
		"direction": map[string]string{"ja": "方針である。", "en": "A direction."}}
}

func findingsAnswerOf(fs ...map[string]any) reply {
	list := make([]any, len(fs))
	for i, f := range fs {
		list[i] = f
	}
	return answerJSON(map[string]any{"findings": list})
}

func TestDraftFindings_ReturnsDraftsWithMaskedValuesRestored(t *testing.T) {
	c, f := newTestClient(t, Config{}, findingsAnswerOf(
		findingOf("improvement", "境界がない（3-5）。⟦HOST1⟧経由で侵入しうる。", "No boundary (3-5); intrusion via ⟦HOST1⟧.", "3-5", "3-7"),
		findingOf("good", "媒体管理は良好である（2-9）。", "Media control is sound (2-9).", "2-9"),
	))
	req := fixtureFindings
	req.Gaps = slices.Clone(req.Gaps)
	req.Gaps[0].AssessorReasons = []string{"sw01.plant.local に両方つながっている"}
	got, u, err := c.DraftFindings(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != assessment.Improvement || !slices.Equal(got[0].Items, []string{"3-5", "3-7"}) || got[1].Kind != assessment.Good {
		t.Fatalf("drafts = %+v", got)
	}
	if !strings.Contains(got[0].Risk.JA, "sw01.plant.local経由") || !strings.Contains(got[0].Risk.EN, "sw01.plant.local") {
		t.Errorf("placeholder not restored: %+v", got[0].Risk)
	}
	if strings.Contains(f.requests()[0].Raw, "sw01.plant.local") {
		t.Error("the host name reached the model")
	}
	if u.Calls != 1 {
		t.Errorf("usage = %+v", u)
	}
}

func TestDraftFindings_InvalidAnswersAreErrBadAnswer(t *testing.T) {
	for name, rep := range map[string]reply{
		"no findings":     findingsAnswerOf(),
		"unknown kind":    findingsAnswerOf(findingOf("risk", "a", "a", "3-5")),
		"no items cited":  findingsAnswerOf(findingOf("improvement", "a", "a")),
		"english missing": findingsAnswerOf(findingOf("improvement", "a", " ", "3-5")),
		"a score instead": answer(`{"score": 100}`),
		"malformed":       answer(`{"findings": [`),
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, Config{}, rep)
			got, _, err := c.DraftFindings(context.Background(), fixtureFindings)
			if !errors.Is(err, ErrBadAnswer) {
				t.Fatalf("err = %v, want ErrBadAnswer", err)
			}
			if got != nil {
				t.Errorf("drafts %+v returned with an error", got)
			}
		})
	}
}

func TestNewFindingsRequest_CarriesTheRankingAndWhoSaidWhat(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	in := analysis.DraftInput{Pack: p,
		Self:   map[string]assessment.Answer{"1-1": {Value: "3"}, "3-5": {Value: "2"}, "3-7": {Value: "1"}, "2-8": {Unsure: true}},
		Review: map[string]assessment.Answer{"3-5": {Value: "0"}},
		Remarks: []analysis.Remark{
			{Item: "3-5", Kind: assessment.SourceAssessor, Round: "review", Text: assessment.Text{JA: "境界にFWがない。"}, Lang: assessment.JA},
			{Item: "3-7", Kind: assessment.SourceClient, Round: "self", Text: assessment.Text{EN: "IDS is planned."}, Lang: assessment.EN},
		}}
	req := NewFindingsRequest(in, analysis.DraftFindings(in))
	var ids []string
	for _, g := range req.Gaps {
		ids = append(ids, g.ID)
	}
	if !slices.Equal(ids, []string{"3-7", "3-5"}) || !slices.Equal(req.Required, []string{"3-7", "3-5"}) {
		t.Fatalf("gaps %v, required %v; want key item 3-7 first, then 3-5 (the not-sure 2-8 left out)", ids, req.Required)
	}
	g := req.Gaps[1]
	if g.SelfLevel != "2" || g.ReviewLevel != "0" || g.Level != 0 || g.Gap != 9 || g.Rank != 2 || g.LevelLabel.EN != "Not in place" ||
		!slices.Equal(g.AssessorReasons, []string{"境界にFWがない。"}) || len(g.SPOCComments) != 0 || g.Risk.EN == "" {
		t.Errorf("3-5 = %+v", g)
	}
	if g := req.Gaps[0]; !slices.Equal(g.SPOCComments, []string{"IDS is planned."}) || len(g.AssessorReasons) != 0 {
		t.Errorf("3-7 comments %q, reasons %q", g.SPOCComments, g.AssessorReasons)
	}
	if len(req.Good) != 1 || req.Good[0].ID != "1-1" || req.Good[0].Good.JA == "" || req.Good[0].Risk.JA != "" {
		t.Errorf("good = %+v", req.Good)
	}
	if len(req.Groups) != 1 || !slices.Equal(req.Groups[0], []string{"3-5", "3-7"}) {
		t.Errorf("groups = %v", req.Groups)
	}
}

// An assessor's note on the site as a whole (observe site …) reaches the
// prompt as an on-site fact, masked like the remarks; a client's remark
// filed under site does not.
func TestNewFindingsRequest_OffersTheAssessorsSiteNotesAsFacts(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	in := analysis.DraftInput{Pack: p, Self: map[string]assessment.Answer{"3-5": {Value: "1"}},
		Remarks: []analysis.Remark{
			{Item: assessment.SiteCategory, Kind: assessment.SourceAssessor, Round: "review", Text: assessment.Text{EN: "Line 2 HMI runs Windows 7 at ACME."}, Lang: assessment.EN},
			{Item: assessment.SiteCategory, Kind: assessment.SourceClient, Round: "self", Text: assessment.Text{EN: "All is fine."}, Lang: assessment.EN},
		}}
	req := NewFindingsRequest(in, analysis.DraftFindings(in))
	if !slices.Equal(req.SiteFacts, []string{"Line 2 HMI runs Windows 7 at ACME."}) {
		t.Fatalf("site facts = %q, want the assessor's note only", req.SiteFacts)
	}
	req.RedactWords = []string{"ACME"}
	_, user, err := RenderFindings(newFindingsInput(req, newRedactor(req.RedactWords, remarkTexts(req)...)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(user, `"site_facts": [`) || !strings.Contains(user, `"Line 2 HMI runs Windows 7 at `) || strings.Contains(user, "ACME") {
		t.Errorf("the prompt's data does not carry the masked site fact:\n%s", user)
	}
}
