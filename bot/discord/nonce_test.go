package discord

import (
	"encoding/json"
	"testing"

	"github.com/otassess/otassess/bot"
)

// A message sent again after a crash (the post went out, the process died
// before it was marked sent, and a new process starts over) carries the
// same nonce with enforce_nonce, which Discord answers with the message it
// already made: the SPOC sees one question, not two.
func TestSender_AResendAfterACrashIsRecognisedByItsNonce(t *testing.T) {
	h := newHarness(t)
	q := &bot.Question{Engagement: "e1", Item: "1-1", Serial: 1, Number: 1, Total: 32, Text: "Q?",
		Choices: []bot.Choice{{Value: "2", Label: "In place"}}}
	o := bot.Outgoing{ID: 41, Platform: Platform, Conversation: dmOf(spoc), Reply: bot.Reply{Text: "Hello", Question: q}}
	for range 2 { // the second process knows nothing of the first's sends
		if err := newSender(h.a.api).Send(t.Context(), o); err != nil {
			t.Fatal(err)
		}
	}
	reqs := h.fake.requests("POST", "/channels/"+dmOf(spoc)+"/messages")
	if len(reqs) != 4 {
		t.Fatalf("%d posts, want 2 parts sent twice", len(reqs))
	}
	nonces := map[string]int{}
	for _, r := range reqs {
		var body struct {
			Nonce   string `json:"nonce"`
			Enforce bool   `json:"enforce_nonce"`
		}
		json.Unmarshal(r.Body, &body)
		if body.Nonce == "" || !body.Enforce || len(body.Nonce) > 25 {
			t.Fatalf("post without a usable nonce: %s", r.Body)
		}
		nonces[body.Nonce]++
	}
	if len(nonces) != 2 || len(h.fake.messagesTo(dmOf(spoc))) != 2 {
		t.Errorf("nonces %v and %d messages made, want the two parts made once each", nonces, len(h.fake.messagesTo(dmOf(spoc))))
	}
}
