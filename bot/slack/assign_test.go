package slack_test

import (
	"strings"
	"testing"
)

// The lead gives 3-1 to 3-8 to the plant's IT lead with a Slack mention:
// the channel is told, the IT lead gets a consent request in their DM,
// accepts, and is asked 3-1 (1 of 8); their button press is stored as
// theirs and 3-2 follows; the SPOC is never sent a delegated item.
func TestAssign_ADelegateAnswersTheirItemsInSlack(t *testing.T) {
	const itLead, itDM = "UITLEAD", "DUITLEAD"
	h := newHarness(t)
	id := h.engagement()
	h.command(leadID, channel, "assign 3-1..3-8 <@UITLEAD|it-lead>")
	h.deliver()
	var told bool
	for _, p := range h.fake.seen("chat.postMessage", channel) {
		told = told || strings.Contains(p.Form.Get("text"), "3-1 to 3-8 (8 items) are now answered by <@UITLEAD>")
	}
	if !told {
		t.Errorf("the channel was not told; calls: %v", h.fake.methods())
	}
	consent := h.fake.lastQuestion(t, itDM)
	if !strings.Contains(consent.Form.Get("blocks"), "Plant-A") {
		t.Fatalf("the IT lead's first message is not the consent request: %s", consent.Form.Get("blocks"))
	}
	h.accept(itLead, itDM)
	q := h.fake.lastQuestion(t, itDM)
	if itemOf(t, q) != "3-1" || !strings.Contains(q.Form.Get("blocks"), "1/8") {
		t.Fatalf("the IT lead was asked %s: %s", itemOf(t, q), q.Form.Get("blocks"))
	}
	h.press(itLead, itDM, q, "level_2")
	h.deliver()
	if a := h.answers(id)["3-1"]; a.Value != "2" {
		t.Errorf("3-1 = %+v", a)
	}
	hist := h.history(id)
	if last := hist[len(hist)-1]; last.Item != "3-1" || last.Author.ID != itLead {
		t.Errorf("the last answer is %+v, want 3-1 by the IT lead", last)
	}
	if next := h.fake.lastQuestion(t, itDM); itemOf(t, next) != "3-2" {
		t.Errorf("then %s, want 3-2", itemOf(t, next))
	}
	h.press(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_2") // 1-1
	h.deliver()
	asked := 0
	for _, sq := range h.fake.questions(t, spocDM) {
		if _, ok := sq.buttons(t)["level_0"]; ok {
			asked++
			if item := itemOf(t, sq); strings.HasPrefix(item, "3-") {
				t.Errorf("the SPOC was sent %s, a delegated item", item)
			}
		}
	}
	if asked != 2 {
		t.Errorf("the SPOC was sent %d questions, want 1-1 and then 1-2", asked)
	}
}
