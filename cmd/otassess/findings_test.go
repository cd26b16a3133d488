package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// answerAll answers every item of the engagement's SPOC at base, the ones
// in set with their value (and comment).
func (b *modelBot) answerAll(base string, set map[string]string) {
	for _, id := range items {
		v, ok := set[id]
		if !ok {
			v = base
		}
		b.event("DUSPOC", "USPOC", v, false)
	}
}

func findingsReply(fs ...map[string]any) string {
	content, _ := json.Marshal(map[string]any{"findings": fs})
	return string(content)
}

// The model's drafts go through the real adapter and prompt: the prompt
// carries the comments and reasons under their authors, the levels and
// the required gaps, and the drafts that keep the contract replace the
// offline ones.
func TestFindings_ModelDraftsThroughThePromptReplaceTheOfflineOnes(t *testing.T) {
	b := newModelBot(t, true)
	id := b.engagement("C1", "USPOC", "en")
	b.api.findings = findingsReply(
		map[string]any{"kind": "improvement", "items": []string{"2-6"}, "risk": map[string]string{"ja": "台帳が古い（2-6）。", "en": "The ledger is out of date (2-6)."},
			"direction": map[string]string{"ja": "更新すべきである。", "en": "It should be updated."}},
		map[string]any{"kind": "improvement", "items": []string{"3-5"}, "risk": map[string]string{"ja": "ネットワークが平坦である（3-5）。", "en": "The network is flat (3-5)."},
			"direction": map[string]string{"ja": "ゾーンに分けるべきである。", "en": "Zones should be defined."}},
	)
	b.answerAll("3", map[string]string{"3-5": "0 情報系と制御系が同じスイッチにつながっています"})
	b.event("C1", "ULEAD", "reassess 2-6 1 the ledger misses line 3", true)
	b.tick() // the comment's translation and the drafts
	var draft *fakeReq
	for _, r := range b.api.requests() {
		if strings.Contains(r.system, "You draft the findings") {
			draft = &r
		}
	}
	if draft == nil {
		t.Fatal("no findings prompt was sent")
	}
	for _, want := range []string{`"required": [`, `"2-6"`, `"review_level": "1"`, `"self_level": "3"`,
		`"assessor_reasons": [`, "the ledger misses line 3", `"respondent_comments": [`, "情報系と制御系が同じスイッチ"} {
		if !strings.Contains(draft.user, want) {
			t.Errorf("the findings prompt's data lacks %s", want)
		}
	}
	var fs []bot.Finding
	b.view(func(tx bot.Tx) (err error) { fs, err = tx.Findings(id); return err })
	if len(fs) != 2 || fs[0].Author != assessment.ByModel || fs[0].Items[0] != "2-6" || fs[0].Risk.EN != "The ledger is out of date (2-6)." ||
		fs[1].Items[0] != "3-5" || fs[0].Model != "test-model" {
		t.Fatalf("findings = %+v", fs)
	}
	if posts := b.sent.take("C1"); !strings.Contains(strings.Join(posts, "\n"), "draft findings from the language model: 2") {
		t.Errorf("posts = %q", posts)
	}
}
