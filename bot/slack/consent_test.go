package slack_test

import (
	"strings"
	"testing"
)

// A SPOC of two accepted engagements: a reply in the thread of one's
// question goes to that engagement; text outside any thread asks which,
// with a button each, and is stored nowhere until chosen.
func TestConsent_AReplyInAQuestionsThreadIsTiedToItsEngagement(t *testing.T) {
	h := newHarness(t)
	idA := h.engagement()
	qA := h.fake.lastQuestion(t, spocDM)
	h.command(leadID, "C2", "new Plant-B spoc:<@USPOC|spoc> lead:<@ULEAD|lead>")
	h.deliver()
	h.command(leadID, "C2", "start")
	h.deliver()
	h.accept(spocID, spocDM)
	idB := h.engagementIn("C2")

	reply := dmText(spocID, "3 reviewed every year")
	reply["thread_ts"], reply["ts"] = qA.TS, "1700000300.000100"
	h.event("EvThread", reply)
	h.deliver()
	itemA := itemOf(t, qA)
	if got := h.answers(idA); string(got[itemA].Value) != "3" || len(h.answers(idB)) != 0 {
		t.Fatalf("a reply in Plant-A's question thread: Plant-A %v, Plant-B %v", got, h.answers(idB))
	}

	plain := dmText(spocID, "2 patched monthly")
	plain["ts"] = "1700000301.000100"
	h.event("EvPlain", plain)
	h.deliver()
	which := h.fake.lastQuestion(t, spocDM)
	if blocks := which.Form.Get("blocks"); !strings.Contains(blocks, "Plant-A") || !strings.Contains(blocks, "Plant-B") {
		t.Fatalf("text outside a thread did not ask which engagement: %s", blocks)
	}
	if len(h.answers(idA)) != 1 || len(h.answers(idB)) != 0 {
		t.Errorf("text was stored before its engagement was chosen: %v %v", h.answers(idA), h.answers(idB))
	}
}
