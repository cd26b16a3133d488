package assessment

import (
	"errors"
	"strings"
	"testing"
)

const tinyPack = `id: tiny
version: "1"
title: {ja: 小さな, en: Tiny}
source: {text: {ja: テスト, en: Test}}
scale:
  - {value: na, factor: 0.5, label: {ja: 該当しない, en: N/A}}
  - {value: "0", factor: 0.2, label: {ja: なし, en: None}}
  - {value: "1", factor: 0.4, label: {ja: 一部, en: Partly}}
  - {value: "2", factor: 0.6, label: {ja: あり, en: Yes}}
  - {value: "3", factor: 0.8, label: {ja: 文書化, en: Documented}}
  - {value: "4", factor: 0.9, label: {ja: 随時, en: Adaptive}}
categories:
  - {id: org, number: 1, title: {ja: 組織, en: Org}, short: {ja: 人, en: People}}
scoring:
  profile: meti-selfcheck
  category_weights: {org: 1}
items:
  - id: "1-1"
    category: org
    weight: 2
    question: {ja: 質問ですか？, en: "A question?"}
    help: {ja: ヘルプ, en: Help}
    risk: {ja: リスク, en: Risk}
    direction: {ja: 方針, en: Direction}
    report:
      topic: {ja: 題目, en: topic}
      risk: {ja: 影響がある。, en: The plant is exposed.}
      direction: {ja: 対策すべきである。, en: The plant should act.}
`

func problems(t *testing.T, src string) []Problem {
	t.Helper()
	_, err := ParsePack("tiny.yaml", []byte(src))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	return ve.Problems
}

func TestParsePack_TinyPackIsValid(t *testing.T) {
	p, err := ParsePack("tiny.yaml", []byte(tinyPack))
	if err != nil {
		t.Fatal(err)
	}
	if p.SHA256() == "" || string(p.Bytes()) != tinyPack {
		t.Error("a parsed pack must keep its bytes and their digest for pinning")
	}
}

func TestParsePack_RejectsDefects(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string // substring of the reported problem
		line           int
	}{
		{"missing translation", "help: {ja: ヘルプ, en: Help}", "help: {ja: ヘルプ}", "item 1-1: help.en: the English text is missing", 18},
		{"weight zero", "weight: 2", "weight: 0", "item 1-1: weight: must be greater than 0", 18},
		{"unknown category", "category: org\n    weight", "category: ops\n    weight", `item 1-1: category: unknown category "ops"`, 18},
		{"scale without na", "  - {value: na, factor: 0.5, label: {ja: 該当しない, en: N/A}}\n", "", "scale: the scale needs an na", 0},
		{"misspelt field", "weight: 2", "wieght: 2", "field wieght not found", 0},
		{"bad item id", `id: "1-1"`, `id: "one"`, "item one: id: item ids look like 3-5", 18},
		{"report text missing", "risk: {ja: 影響がある。, en: The plant is exposed.}", "risk: {ja: 影響がある。}", "item 1-1: report.risk.en: the English report text is missing", 18},
		{"chat style report", "対策すべきである。", "対策しましょう。", "item 1-1: report.direction.ja: report text is written in である style, not ending in 「しましょう」", 18},
		{"polite report", "影響がある。", "影響があります。", "report.risk.ja: report text is written in である style", 18},
		{"key item without good point", "weight: 2", "weight: 2\n    key: true", "item 1-1: report.good.ja: the Japanese report text is missing", 18},
		{"group of unknown item", "items:\n  - id", "groups:\n  - {id: g, title: {ja: 群, en: group}, items: [\"1-1\", \"1-9\"]}\nitems:\n  - id", `groups.g.items: unknown item "1-9"`, 0},
		{"group too big", "items:\n  - id", "groups:\n  - {id: g, title: {ja: 群, en: group}, items: [\"1-1\", \"1-2\", \"1-3\", \"1-4\", \"1-5\", \"1-6\"]}\nitems:\n  - id", "groups.g.items: a group has 1 to 5 items, got 6", 0},
		{"item in two groups", "items:\n  - id", "groups:\n  - {id: g, title: {ja: 群, en: group}, items: [\"1-1\"]}\n  - {id: h, title: {ja: 群, en: group}, items: [\"1-1\"]}\nitems:\n  - id", "groups.h.items: item 1-1 is already in group g", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(tinyPack, tc.from, tc.to, 1)
			if src == tinyPack {
				t.Fatal("test edit did not apply")
			}
			probs := problems(t, src)
			var found *Problem
			for i := range probs {
				if strings.Contains(probs[i].String(), tc.want) {
					found = &probs[i]
				}
			}
			if found == nil {
				t.Fatalf("problems %v do not mention %q", probs, tc.want)
			}
			if tc.line != 0 && found.Line != tc.line {
				t.Errorf("line = %d, want %d", found.Line, tc.line)
			}
		})
	}
}

func TestParsePack_DuplicateItemNamesFirstLine(t *testing.T) {
	i := strings.Index(tinyPack, "  - id: \"1-1\"")
	src := tinyPack + tinyPack[i:]
	probs := problems(t, src)
	if len(probs) != 1 || !strings.Contains(probs[0].String(), "duplicate item id (first defined on line 18)") {
		t.Errorf("problems = %v", probs)
	}
}

func TestValidationError_NamesFileOnEveryLine(t *testing.T) {
	_, err := ParsePack("x.yaml", []byte(strings.Replace(tinyPack, "en: \"A question?\"", "en: \"\"", 1)))
	if err == nil || !strings.HasPrefix(err.Error(), "x.yaml: line 18: item 1-1: question.en:") {
		t.Errorf("err = %v", err)
	}
}

func TestMETIPack_ItemsWeightsAndKeys(t *testing.T) {
	p := metiPack(t)
	weights := map[string]int{}
	keys := 0
	for _, it := range p.Items {
		weights[it.Category] += it.Weight
		if it.Key {
			keys++
		}
	}
	want := map[string]int{"org": 14, "ops": 41, "tech": 25, "supply": 14}
	for c, w := range want {
		if weights[c] != w {
			t.Errorf("%s weights sum to %d, want %d", c, weights[c], w)
		}
	}
	if keys != 9 {
		t.Errorf("%d key questions, want 9", keys)
	}
	if g, ok := p.GroupOf("2-5"); !ok || g.ID != "incident-response" {
		t.Errorf("GroupOf(2-5) = %v, %v; want incident-response", g, ok)
	}
	if p.Items[0].ID != "1-1" || p.Items[31].ID != "4-6" {
		t.Errorf("items run %s…%s, want 1-1…4-6", p.Items[0].ID, p.Items[31].ID)
	}
}

func TestRegistry_ExtraPackWithTakenIDFails(t *testing.T) {
	dup := strings.Replace(tinyPack, "id: tiny", "id: meti-factory", 1)
	_, err := NewRegistry(mapFS(map[string]string{"mine.yaml": dup}))
	if err == nil || !strings.Contains(err.Error(), `mine.yaml: pack id "meti-factory" is already defined`) {
		t.Errorf("err = %v", err)
	}
}

func TestText_InAndInline(t *testing.T) {
	tx := Text{JA: "はい", EN: "Yes"}
	if tx.In(Both) != "はい\nYes" || tx.Inline(Both) != "はい / Yes" || tx.Inline(EN) != "Yes" || tx.In(JA) != "はい" {
		t.Errorf("In/Inline = %q %q", tx.In(Both), tx.Inline(Both))
	}
	if same := (Text{JA: "PLC", EN: "PLC"}); same.Inline(Both) != "PLC" {
		t.Error("equal texts must not be repeated")
	}
}

func TestParsePack_RefusesInvalidUTF8NamingTheLine(t *testing.T) {
	src := strings.Replace(tinyPack, "en: \"A question?\"", "en: \"A qu\xbcestion?\"", 1)
	if src == tinyPack {
		t.Fatal("test edit did not apply")
	}
	_, err := ParsePack("x.yaml", []byte(src))
	if err == nil || !strings.HasPrefix(err.Error(), "x.yaml: line 21:") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("err = %v, want x.yaml: line 21 (the question): … UTF-8", err)
	}
}
