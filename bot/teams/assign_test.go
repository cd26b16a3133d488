package teams_test

import (
	"strings"
	"testing"
)

// "@otassess assign 3-1..3-8 @IT Lead" in the channel: the IT lead (found
// through the member list) gets a consent card in a personal chat,
// accepts, is asked 3-1 of their 8, and their press is stored as theirs.
func TestAssign_ADelegateAnswersTheirItemsInTeams(t *testing.T) {
	const itOID = "00000000-0000-0000-0000-0000000000i7"
	itDM := "a:dm-" + itOID
	itAccount := map[string]any{"id": "29:it", "name": "IT Lead", "aadObjectId": itOID}
	h := newHarness(t)
	id := h.engagement()
	h.fake.members["29:it"] = itOID
	h.send(h.command(leadAccount, "assign 3-1..3-8 <at>IT Lead</at>", map[string]any{"id": "29:it", "name": "IT Lead"}))
	h.deliver()
	var told bool
	for _, conv := range []string{channelConv, channelConv + ";messageid=900"} {
		for _, p := range h.fake.posts(conv) {
			if s, ok := p.Body["text"].(string); ok && strings.Contains(s, "3-1 to 3-8 (8 items) are now answered by") {
				told = true
			}
		}
	}
	if !told {
		t.Error("the channel was not told of the assign")
	}
	h.accept(itAccount, itDM)
	cardID, buttons := h.lastCard(itDM)
	data, ok := buttons["2"]
	if !ok || strings.Split(data["otassess"].(string), ":")[1] != "3-1" {
		t.Fatalf("the IT lead's first card: %v", buttons)
	}
	posts := h.fake.posts(itDM)
	if text := cardText(posts[len(posts)-1].Body); !strings.Contains(text, "1/8") {
		t.Errorf("the card does not count over the IT lead's 8 items: %q", text)
	}
	h.send(h.submit(itAccount, itDM, cardID, data))
	h.deliver()
	if a := h.answers(id)["3-1"]; a.Value != "2" {
		t.Errorf("3-1 = %+v", a)
	}
	hist := h.history(id)
	if last := hist[len(hist)-1]; last.Item != "3-1" || last.Author.ID != itOID {
		t.Errorf("the last answer is %+v, want 3-1 by the IT lead", last)
	}
	if _, next := h.lastCard(itDM); strings.Split(next["2"]["otassess"].(string), ":")[1] != "3-2" {
		t.Errorf("then %v, want 3-2", next["2"])
	}
}
