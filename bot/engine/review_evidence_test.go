package engine_test

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// An assessor who runs reassess 3-5 sees the item's answers and its
// evidence before deciding; the re-evaluation's reply lists the evidence
// it was made with; an item without evidence says so.
func TestReassess_ShowsTheItemsEvidenceWhileReEvaluating(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5=2")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Name: "Sato", Text: "evidence 3-5", Command: true,
		File: &bot.File{Name: "panel.jpg", Size: len(jpeg), Data: jpeg}})
	h.channel(lead, "observe 3-5 Firewall rules allow any to any.")
	h.rec.take()

	h.channel(lead, "reassess 3-5")
	view := texts(h.rec.take())
	for _, want := range []string{`Re-evaluating item 3-5: the self-assessment answer is "In place"`, `the answer after assessment so far "In place"`,
		"#1 · 3-5 · panel.jpg (image/jpeg", "· Sato ·", "#2 · 3-5 · on-site note: Firewall rules allow any to any.", "reassess 3-5 <level> <reason>"} {
		if !strings.Contains(view, want) {
			t.Errorf("reassess 3-5 lacks %q:\n%s", want, view)
		}
	}
	if a := h.answersOf(h.engagementNamed("Plant A").ID)["3-5"]; a.Value != "2" {
		t.Errorf("looking at 3-5 changed its answer: %+v", a)
	}

	h.channel(lead, "reassess 3-5 1 any-to-any rules seen on site")
	done := texts(h.rec.take())
	if !strings.Contains(done, "Item 3-5 re-evaluated") || !strings.Contains(done, "Evidence of 3-5:\n#1 · 3-5 · panel.jpg") {
		t.Errorf("the re-evaluation's reply:\n%s", done)
	}
	h.channel(lead, "reassess 3-5")
	if view := texts(h.rec.take()); !strings.Contains(view, `the answer after assessment so far "Partly in place"`) {
		t.Errorf("after the re-evaluation:\n%s", view)
	}

	h.channel(lead, "reassess 1-1")
	if view := texts(h.rec.take()); !strings.Contains(view, "There is no evidence of 1-1 yet.") {
		t.Errorf("reassess 1-1:\n%s", view)
	}
	h.channel(other, "reassess 3-5")
	if view := texts(h.rec.take()); strings.Contains(view, "panel.jpg") {
		t.Errorf("a stranger saw the evidence:\n%s", view)
	}
}
