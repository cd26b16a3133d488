package prompts

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func riskAnswerOf(comments ...map[string]any) reply {
	list := make([]any, len(comments))
	for i, c := range comments {
		list[i] = c
	}
	return answerJSON(map[string]any{"comments": list})
}

func comment(ja, en string, ids ...string) map[string]any {
	return map[string]any{"items": ids, "ja": ja, "en": en}
}

func TestNewRiskRequest_CollectsWeakItemsByCategory(t *testing.T) {
	r, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := r.Get(assessment.DefaultPack)
	answers := map[string]assessment.Answer{
		"1-1": {Value: "0"}, "1-2": {Value: "2"}, "1-3": {Value: assessment.NA},
		"3-5": {Value: "1"}, "3-6": {Unsure: true}, "3-7": {Value: "4"},
	}
	req := NewRiskRequest(p, answers, map[string][]string{"3-5": {"no firewall"}})
	if len(req.Categories) != 2 || req.Categories[0].ID != "org" || req.Categories[1].ID != "tech" {
		t.Fatalf("categories = %+v", req.Categories)
	}
	org, tech := req.Categories[0], req.Categories[1]
	if len(org.Items) != 1 || org.Items[0].ID != "1-1" || org.Items[0].AnswerLabel.EN != "Not in place" {
		t.Errorf("org items = %+v", org.Items)
	}
	it := tech.Items[0]
	item, _ := p.Item("3-5")
	if len(tech.Items) != 1 || it.ID != "3-5" || it.Answer != "1" || !slices.Equal(it.Comments, []string{"no firewall"}) ||
		it.Risk != item.Risk || it.Direction != item.Direction || it.Key != item.Key {
		t.Errorf("tech items = %+v", tech.Items)
	}
}

func TestDraftRiskComments_ReturnsCommentsPerCategory(t *testing.T) {
	c, f := newTestClient(t, Config{}, riskAnswerOf(
		comment("境界防御がない（3-5）。⟦HOST1⟧経由で侵入しうる。", "No boundary protection (3-5); intrusion via ⟦HOST1⟧.", "3-5"),
		comment("外部記録媒体（3-7）…", "Removable media (3-7)…", "3-7", "3-5"),
	))
	cat := fixtureCategory
	cat.Items = slices.Clone(cat.Items)
	cat.Items[0].Comments = []string{"sw01.plant.local に両方つながっている"}
	got, u, err := c.DraftRiskComments(context.Background(), RiskRequest{Categories: []RiskCategory{cat}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Category != "tech" || !slices.Equal(got[0].Items, []string{"3-5"}) ||
		!slices.Equal(got[1].Items, []string{"3-5", "3-7"}) {
		t.Fatalf("comments = %+v", got)
	}
	if got[0].Text.JA != "境界防御がない（3-5）。sw01.plant.local経由で侵入しうる。" || !strings.Contains(got[0].Text.EN, "sw01.plant.local") {
		t.Errorf("placeholder not restored: %+v", got[0].Text)
	}
	if strings.Contains(f.requests()[0].Raw, "sw01.plant.local") {
		t.Error("the host name reached the model")
	}
	if u.Calls != 1 {
		t.Errorf("usage = %+v", u)
	}
}

func TestDraftRiskComments_OneCallPerCategory(t *testing.T) {
	ok := func(id string) reply { return riskAnswerOf(comment("リスク ("+id+")", "Risk ("+id+")", id)) }
	c, f := newTestClient(t, Config{}, ok("1-1"), ok("3-5"))
	req := RiskRequest{Categories: []RiskCategory{
		{ID: "org", Items: []RiskItem{{ID: "1-1", Answer: "0"}}},
		{ID: "ops"}, // no weak items: no call
		{ID: "tech", Items: []RiskItem{{ID: "3-5", Answer: "1"}}},
	}}
	got, u, err := c.DraftRiskComments(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.requests()) != 2 || u.Calls != 2 || len(got) != 2 || got[1].Category != "tech" {
		t.Errorf("%d requests, usage %+v, comments %+v", len(f.requests()), u, got)
	}
}

func TestDraftRiskComments_InvalidAnswersAreErrBadAnswer(t *testing.T) {
	for name, rep := range map[string]reply{
		"uncovered weak item":    riskAnswerOf(comment("a", "a", "3-5")),
		"unknown id":             riskAnswerOf(comment("a", "a", "3-5", "3-7", "9-9")),
		"id of another category": riskAnswerOf(comment("a", "a", "3-5", "3-7", "1-1")),
		"no items cited":         riskAnswerOf(comment("a", "a"), comment("b", "b", "3-5", "3-7")),
		"english missing":        riskAnswerOf(comment("a", " ", "3-5", "3-7")),
		"no comments":            riskAnswerOf(),
		"a score instead":        answer(`{"score": 100}`),
		"malformed":              answer(`{"comments": [`),
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, Config{}, rep)
			got, _, err := c.DraftRiskComments(context.Background(), RiskRequest{Categories: []RiskCategory{fixtureCategory}})
			if !errors.Is(err, ErrBadAnswer) {
				t.Fatalf("err = %v, want ErrBadAnswer", err)
			}
			if got != nil {
				t.Errorf("comments %+v returned with an error", got)
			}
		})
	}
}

func TestDraftRiskComments_NoWeakItemsMakesNoCall(t *testing.T) {
	c, f := newTestClient(t, Config{})
	got, u, err := c.DraftRiskComments(context.Background(), RiskRequest{})
	if err != nil || got != nil || u.Calls != 0 || len(f.requests()) != 0 {
		t.Errorf("got %v, %+v, %v, %d requests", got, u, err, len(f.requests()))
	}
}
