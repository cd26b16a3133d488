package assessment

import (
	"fmt"
	"strings"
)

// chatEndings are Japanese sentence endings of chat advice (polite
// suggestions and requests); report text is written in である style.
var chatEndings = []string{"しましょう", "ましょう", "ください", "です。", "ます。"}

// checkItemReport checks an item's report texts: topic, risk and direction
// in both languages, a good-point text for key items, and no chat-style
// Japanese endings.
func checkItemReport(it Item) []Problem {
	var probs []Problem
	add := func(field, format string, args ...any) {
		probs = append(probs, Problem{Line: it.line, Item: it.ID, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	fields := []struct {
		name     string
		t        Text
		required bool
	}{
		{"report.topic", it.Report.Topic, true},
		{"report.risk", it.Report.Risk, true},
		{"report.direction", it.Report.Direction, true},
		{"report.good", it.Report.Good, it.Key || it.Report.Good != (Text{})},
	}
	for _, f := range fields {
		if !f.required {
			continue
		}
		if strings.TrimSpace(f.t.JA) == "" {
			add(f.name+".ja", "the Japanese report text is missing")
		}
		if strings.TrimSpace(f.t.EN) == "" {
			add(f.name+".en", "the English report text is missing")
		}
		if e := ChatEnding(f.t.JA); e != "" {
			add(f.name+".ja", "report text is written in である style, not ending in 「%s」", e)
		}
	}
	return probs
}

// ChatEnding is the first chat-advice ending (〜しましょう, です。…) found in a
// Japanese text, or "": report text is written in である style.
func ChatEnding(ja string) string {
	for _, e := range chatEndings {
		if strings.Contains(ja, e) {
			return e
		}
	}
	return ""
}

// validateGroups checks declared groups: slug ids used once, 1 to
// MaxFindingItems known items each, no item in two groups. items maps the
// pack's item ids to their lines.
func (p *Pack) validateGroups(items map[string]int) []Problem {
	var probs []Problem
	add := func(field, format string, args ...any) {
		probs = append(probs, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	ids, member := map[string]bool{}, map[string]string{}
	for _, g := range p.Groups {
		field := "groups." + g.ID
		if !slugPattern.MatchString(g.ID) || ids[g.ID] {
			add(field, "group ids are distinct lowercase slugs")
		}
		ids[g.ID] = true
		if strings.TrimSpace(g.Title.JA) == "" || strings.TrimSpace(g.Title.EN) == "" {
			add(field+".title", "a group needs its title in Japanese and English")
		}
		if len(g.Items) == 0 || len(g.Items) > MaxFindingItems {
			add(field+".items", "a group has 1 to %d items, got %d", MaxFindingItems, len(g.Items))
		}
		for _, id := range g.Items {
			if _, ok := items[id]; !ok {
				add(field+".items", "unknown item %q", id)
			}
			if other, dup := member[id]; dup {
				add(field+".items", "item %s is already in group %s", id, other)
			}
			member[id] = g.ID
		}
	}
	return probs
}
