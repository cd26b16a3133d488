package prompts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

func summaryAnswer(keyPoint string, ids ...string) reply {
	return answerJSON(map[string]any{
		"key_points":     []any{map[string]any{"en": keyPoint}},
		"decisions":      []any{map[string]any{"en": "Install a boundary firewall next month."}},
		"action_items":   []any{map[string]any{"owner": "Tanaka", "task": map[string]any{"en": "Draft the USB rules"}, "due": "end of February"}},
		"open_questions": []any{},
		"item_ids":       ids,
	})
}

func TestSummarize_ReturnsValidatedSummaryWithIDsInPackOrder(t *testing.T) {
	c, f := newTestClient(t, Config{}, summaryAnswer("Boundary protection is missing at ⟦IP1⟧.", "3-7", "3-5", "3-7"))
	s, u, err := c.Summarize(context.Background(), SummarizeRequest{
		Lang:  assessment.EN,
		Items: fixtureItems,
		Messages: []Message{
			{Author: "Tanaka", Text: "境界のファイアウォールは来月、10.20.0.1 の前に入れます。"},
			{Author: "Smith", Text: "Who owns the USB policy (3-7)?"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.ItemIDs, []string{"3-5", "3-7"}) {
		t.Errorf("item ids = %v, want [3-5 3-7]", s.ItemIDs)
	}
	if s.KeyPoints[0].EN != "Boundary protection is missing at 10.20.0.1." {
		t.Errorf("key point = %q (placeholder not restored?)", s.KeyPoints[0].EN)
	}
	if len(s.ActionItems) != 1 || s.ActionItems[0].Owner != "Tanaka" || s.ActionItems[0].Due != "end of February" {
		t.Errorf("action items = %+v", s.ActionItems)
	}
	if u.Calls != 1 {
		t.Errorf("usage = %+v", u)
	}
	r := f.requests()[0]
	if strings.Contains(r.Raw, "10.20.0.1") {
		t.Error("the address reached the model")
	}
	if r.Body.ResponseFormat.JSONSchema.Name != "summary" || !strings.Contains(r.Raw, `"enum":["3-5","3-7","4-1"]`) {
		t.Errorf("schema does not restrict item ids to the checklist: %s", r.Raw)
	}
}

func TestSummarize_InvalidAnswersAreErrBadAnswer(t *testing.T) {
	tests := map[string]struct {
		lang assessment.Lang
		rep  reply
	}{
		"id not in the list": {assessment.EN, summaryAnswer("ok", "9-9")},
		"no key points": {assessment.EN, answerJSON(map[string]any{
			"key_points": []any{}, "decisions": []any{}, "action_items": []any{}, "open_questions": []any{}, "item_ids": []any{}})},
		"both asked, english missing": {assessment.Both, answerJSON(map[string]any{
			"key_points": []any{map[string]any{"ja": "境界防御なし", "en": ""}}, "decisions": []any{},
			"action_items": []any{}, "open_questions": []any{}, "item_ids": []any{}})},
		"blank action task": {assessment.EN, answerJSON(map[string]any{
			"key_points": []any{map[string]any{"en": "x"}}, "decisions": []any{},
			"action_items":   []any{map[string]any{"owner": "A", "task": map[string]any{"en": " "}, "due": ""}},
			"open_questions": []any{}, "item_ids": []any{}})},
		"not JSON": {assessment.EN, answer("Here is your summary: ...")},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, Config{}, tt.rep)
			_, _, err := c.Summarize(context.Background(), SummarizeRequest{
				Lang: tt.lang, Items: fixtureItems, Transcript: "A: hello\nB: bye"})
			if !errors.Is(err, ErrBadAnswer) {
				t.Fatalf("err = %v, want ErrBadAnswer", err)
			}
		})
	}
}

func TestSummarize_RejectsBadRequests(t *testing.T) {
	c, f := newTestClient(t, Config{})
	for name, req := range map[string]SummarizeRequest{
		"nothing":        {Lang: assessment.EN},
		"both kinds":     {Lang: assessment.EN, Transcript: "x", Messages: []Message{{Text: "y"}}},
		"bad language":   {Lang: "de", Transcript: "x"},
		"blank transcr":  {Lang: assessment.EN, Transcript: " \n "},
		"blank messages": {Lang: assessment.EN, Messages: []Message{{Author: "A", Text: " "}}},
	} {
		if _, _, err := c.Summarize(context.Background(), req); err == nil || errors.Is(err, ErrBadAnswer) {
			t.Errorf("%s: err = %v, want a request error", name, err)
		}
	}
	if len(f.requests()) != 0 {
		t.Error("an invalid request reached the model")
	}
}

func TestSummarize_LongTranscriptIsSummarisedInPartsThenMerged(t *testing.T) {
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, fmt.Sprintf("Speaker %d: we discussed remote maintenance access number %d in detail", i%3, i))
	}
	const budget = 120
	// Each line is ~18 tokens, so about 6 lines fit a part: 7 parts, then
	// merges of partial summaries until one is left.
	var replies []reply
	for i := 0; i < 30; i++ {
		replies = append(replies, summaryAnswer(fmt.Sprintf("point %d", i)))
	}
	c, f := newTestClient(t, Config{ChunkTokens: budget}, replies...)
	s, u, err := c.Summarize(context.Background(), SummarizeRequest{
		Lang: assessment.EN, Transcript: strings.Join(lines, "\n"), Items: fixtureItems})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	var parts, merges int
	var sent []string
	for _, r := range reqs {
		block := dataBlock(t, r.user())
		if strings.Contains(r.system(), "You merge partial summaries") {
			merges++
			var partials []json.RawMessage
			if err := json.Unmarshal([]byte(block), &partials); err != nil || len(partials) < 2 {
				t.Errorf("a merge call carries %d partial summaries (%v), want 2 or more", len(partials), err)
			}
			continue
		}
		parts++
		if est := estimateTokens(block); est > budget+budget/5 {
			t.Errorf("part %d's data is ~%d tokens, over the %d budget", parts, est, budget)
		}
		var got []string
		if err := json.Unmarshal([]byte(block), &got); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, got...)
		if !strings.Contains(r.system(), fmt.Sprintf("This is part %d of", parts)) {
			t.Errorf("part %d does not say which part it is", parts)
		}
	}
	if parts < 3 || merges < 1 {
		t.Fatalf("%d part calls and %d merge calls; want several parts and at least one merge", parts, merges)
	}
	if !slices.Equal(sent, lines) {
		t.Error("the parts together do not carry the whole transcript in order")
	}
	if !strings.Contains(reqs[len(reqs)-1].system(), "You merge partial summaries") {
		t.Error("the last call is not a merge")
	}
	if s.KeyPoints[0].EN != fmt.Sprintf("point %d", len(reqs)-1) {
		t.Errorf("result %q is not the last merge's answer", s.KeyPoints[0].EN)
	}
	if u.Calls != len(reqs) || u.PromptTokens != 100*len(reqs) {
		t.Errorf("usage %+v does not add up %d calls", u, len(reqs))
	}
}

func TestItemRefs_ListsEveryPackItem(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	refs := ItemRefs(p)
	if len(refs) != len(p.Items) || refs[0].ID != p.Items[0].ID || refs[0].Question != p.Items[0].Question {
		t.Errorf("refs = %d, first %+v", len(refs), refs[0])
	}
}
