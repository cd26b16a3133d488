package prompts

import (
	"slices"

	"github.com/otassess/otassess/assessment"
)

// Summary is a summary of a conversation, in the requested languages (the
// other language's fields are empty). It has no score field by design.
type Summary struct {
	KeyPoints     []assessment.Text `json:"key_points"`
	Decisions     []assessment.Text `json:"decisions"`
	ActionItems   []ActionItem      `json:"action_items"`
	OpenQuestions []assessment.Text `json:"open_questions"`
	// ItemIDs are the checklist items discussed, each from the request's
	// Items, in pack order.
	ItemIDs []string `json:"item_ids"`
}

// ActionItem is a task someone agreed to do.
type ActionItem struct {
	Owner string          `json:"owner"` // as named in the conversation; "" if nobody was
	Task  assessment.Text `json:"task"`
	Due   string          `json:"due"` // as stated; "" if none
}

// summaryView is a partial summary as the merge prompt shows it: empty
// lists and the other language's empty texts left out.
type summaryView struct {
	KeyPoints     []map[string]string `json:"key_points,omitempty"`
	Decisions     []map[string]string `json:"decisions,omitempty"`
	ActionItems   []actionView        `json:"action_items,omitempty"`
	OpenQuestions []map[string]string `json:"open_questions,omitempty"`
	ItemIDs       []string            `json:"item_ids,omitempty"`
}

type actionView struct {
	Owner string            `json:"owner,omitempty"`
	Task  map[string]string `json:"task"`
	Due   string            `json:"due,omitempty"`
}

func partialViews(ss []Summary) []summaryView {
	texts := func(ts []assessment.Text) []map[string]string {
		var out []map[string]string
		for _, t := range ts {
			out = append(out, textView(t))
		}
		return out
	}
	out := make([]summaryView, len(ss))
	for i, s := range ss {
		v := summaryView{
			KeyPoints: texts(s.KeyPoints), Decisions: texts(s.Decisions),
			OpenQuestions: texts(s.OpenQuestions), ItemIDs: s.ItemIDs,
		}
		for _, a := range s.ActionItems {
			v.ActionItems = append(v.ActionItems, actionView{Owner: a.Owner, Task: textView(a.Task), Due: a.Due})
		}
		out[i] = v
	}
	return out
}

func textView(t assessment.Text) map[string]string {
	m := map[string]string{}
	if t.JA != "" {
		m["ja"] = t.JA
	}
	if t.EN != "" {
		m["en"] = t.EN
	}
	return m
}

type summaryValidator struct {
	langs []assessment.Lang
	items []ItemRef
}

func (v summaryValidator) ids() []string {
	ids := make([]string, len(v.items))
	for i, it := range v.items {
		ids[i] = it.ID
	}
	return ids
}

func (v summaryValidator) schema() []byte {
	text := textSchema(v.langs)
	return marshalSchema(objectSchema(schemaNode{
		"key_points": arraySchema(text),
		"decisions":  arraySchema(text),
		"action_items": arraySchema(objectSchema(schemaNode{
			"owner": stringSchema(),
			"task":  text,
			"due":   stringSchema(),
		})),
		"open_questions": arraySchema(text),
		"item_ids":       idsSchema(v.ids()),
	}))
}

// check validates s and puts its item ids in pack order, without repeats.
func (v summaryValidator) check(s *Summary) error {
	if len(s.KeyPoints) == 0 {
		return badAnswer("no key points")
	}
	for _, f := range []struct {
		name string
		list []assessment.Text
	}{{"key point", s.KeyPoints}, {"decision", s.Decisions}, {"open question", s.OpenQuestions}} {
		for i, t := range f.list {
			if l := missingLang(t, v.langs); l != "" {
				return badAnswer("%s %d has no %s text", f.name, i+1, l)
			}
		}
	}
	for i, a := range s.ActionItems {
		if l := missingLang(a.Task, v.langs); l != "" {
			return badAnswer("action item %d has no %s text", i+1, l)
		}
	}
	ids := v.ids()
	for _, id := range s.ItemIDs {
		if !slices.Contains(ids, id) {
			return badAnswer("item id %q is not in the checklist", id)
		}
	}
	s.ItemIDs = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(s.ItemIDs, id) })
	return nil
}

// restored returns s with fn (a redactor's restore) applied to every text.
func (s Summary) restored(fn func(string) string) Summary {
	texts := func(ts []assessment.Text) []assessment.Text {
		out := make([]assessment.Text, len(ts))
		for i, t := range ts {
			out[i] = assessment.Text{JA: fn(t.JA), EN: fn(t.EN)}
		}
		return out
	}
	out := Summary{
		KeyPoints:     texts(s.KeyPoints),
		Decisions:     texts(s.Decisions),
		OpenQuestions: texts(s.OpenQuestions),
		ItemIDs:       slices.Clone(s.ItemIDs),
	}
	for _, a := range s.ActionItems {
		out.ActionItems = append(out.ActionItems, ActionItem{
			Owner: fn(a.Owner),
			Task:  assessment.Text{JA: fn(a.Task.JA), EN: fn(a.Task.EN)},
			Due:   fn(a.Due),
		})
	}
	return out
}
