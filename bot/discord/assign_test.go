package discord

import (
	"strings"
	"testing"
)

// "@otassess assign 3-1..3-8 @auditor" in the channel gives the items to
// that person: they get a consent request in their DM, accept, are asked
// 3-1 of their 8, and their press is stored as their answer.
func TestAssign_ADelegateAnswersTheirItemsInDiscord(t *testing.T) {
	t.Parallel()
	const itLead = "100000000000000009"
	h := newHarness(t)
	h.run()
	h.gatewayInteraction(newPlant(h.nextID()))
	h.gatewayInteraction(slashPayload(h.nextID(), lead, "start"))
	msg := h.nextID()
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": msg, "channel_id": channel, "guild_id": guildID, "type": 0,
		"content": "<@" + botUser + "> assign 3-1..3-8 <@" + itLead + ">", "author": map[string]any{"id": lead},
		"mentions": []any{map[string]any{"id": botUser}, map[string]any{"id": itLead}}})
	h.waitFor("the message handled", func() bool { n, _ := h.handledTimes("discord:message:" + msg); return n == 1 })
	h.gatewayInteraction(pressPayload(h.nextID(), itLead, h.consentRequest(dmOf(itLead))))
	h.waitFor("the IT lead's first question", func() bool { return len(h.questions(dmOf(itLead))) == 1 })
	q := h.questions(dmOf(itLead))[0]
	if !strings.Contains(q.raw, "3-1") || !strings.Contains(q.raw, "1/8") {
		t.Fatalf("the IT lead's first question: %s", q.raw)
	}
	h.gatewayInteraction(pressPayload(h.nextID(), itLead, buttonID(t, q, "2")))
	eng := h.engagement("Plant-A")
	h.waitFor("3-1 stored", func() bool { return h.answers(eng.ID)["3-1"].Value == "2" })
	h.waitFor("3-2 asked", func() bool {
		qs := h.questions(dmOf(itLead))
		return len(qs) == 2 && strings.Contains(qs[1].raw, "3-2")
	})
	var told bool
	for _, m := range h.fake.messagesTo(channel) {
		told = told || strings.Contains(m.Content, "3-1 to 3-8 (8 items) are now answered by <@"+itLead+">")
	}
	if !told {
		t.Error("the channel was not told of the assign")
	}
}
