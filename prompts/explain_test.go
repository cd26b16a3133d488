package prompts

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func TestExplain_AnswersInTheParticipantsLanguageFromTheHelpText(t *testing.T) {
	c, f := newTestClient(t, Config{}, answerJSON(map[string]any{
		"ja": "ゾーンとは…。⟦IP1⟧ の機器も含みます。", "en": "should be dropped"}))
	got, u, err := c.Explain(context.Background(), ExplainRequest{
		Item: fixtureItem, Lang: assessment.JA, Question: "Is 10.1.1.1 in a zone?"})
	if err != nil {
		t.Fatal(err)
	}
	if got.JA != "ゾーンとは…。10.1.1.1 の機器も含みます。" || got.EN != "" {
		t.Errorf("got %+v", got)
	}
	if u.Calls != 1 {
		t.Errorf("usage = %+v", u)
	}
	r := f.requests()[0]
	if !strings.Contains(r.system(), fixtureItem.Help.JA) || !strings.Contains(r.system(), fixtureItem.Help.EN) {
		t.Error("the system prompt lacks the item's help text")
	}
	if strings.Contains(r.Raw, "10.1.1.1") {
		t.Error("the address reached the model")
	}
	if !strings.Contains(r.Raw, `"required":["ja"]`) || strings.Contains(r.Raw, `"en":{"type"`) {
		t.Errorf("schema does not ask for Japanese only: %s", r.Raw)
	}
}

func TestExplain_BothLanguagesMustBeThere(t *testing.T) {
	c, _ := newTestClient(t, Config{}, answerJSON(map[string]any{"ja": "説明", "en": ""}))
	_, _, err := c.Explain(context.Background(), ExplainRequest{Item: fixtureItem, Lang: assessment.Both})
	if !errors.Is(err, ErrBadAnswer) {
		t.Fatalf("err = %v, want ErrBadAnswer", err)
	}
}
