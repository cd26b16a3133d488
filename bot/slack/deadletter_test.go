package slack_test

import (
	"context"
	"strings"
	"testing"

	slackbot "github.com/otassess/otassess/bot/slack"
)

func (h *harness) deadLetters() int {
	h.tb.Helper()
	n, err := h.db.DeadLetters(context.Background())
	if err != nil {
		h.tb.Fatal(err)
	}
	return n[slackbot.Platform]
}

// channelTexts are the texts posted to ch.
func (h *harness) channelTexts(ch string) string {
	var b strings.Builder
	for _, c := range h.fake.seen("chat.postMessage", ch) {
		b.WriteString(c.Form.Get("text") + "\n")
	}
	return b.String()
}

func TestDeadLetter_RefusedQuestionDoesNotHoldBackTheInterview(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	q := h.fake.lastQuestion(t, spocDM)
	h.fake.refusePosts(spocDM, "invalid_blocks", 1)
	h.press(spocID, spocDM, q, "level_2") // 1-2 is refused for good
	h.deliver()
	if got := h.deadLetters(); got != 1 {
		t.Fatalf("dead letters = %d, want the refused question", got)
	}
	if !strings.Contains(h.channelTexts(channel), "could not be delivered (reason: invalid_blocks)") {
		t.Errorf("the engagement channel was not told:\n%s", h.channelTexts(channel))
	}
	// The SPOC types next: the current question comes through.
	h.event("Ev-next", dmText(spocID, "next"))
	h.deliver()
	if got := itemOf(t, h.fake.lastQuestion(t, spocDM)); got != "1-2" {
		t.Errorf("after next the DM shows %s, want 1-2", got)
	}
}

func TestDeadLetter_ArchivedEngagementChannelStallsNothing(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	h.fake.refusePosts(channel, "is_archived", -1)
	h.command(leadID, channel, "status")
	h.deliver() // fails the test if the outbox never empties
	if h.deadLetters() == 0 {
		t.Fatal("the status reply into the archived channel was not kept as a dead letter")
	}
	q := h.fake.lastQuestion(t, spocDM)
	h.press(spocID, spocDM, q, "level_3")
	h.deliver()
	if got := itemOf(t, h.fake.lastQuestion(t, spocDM)); got != "1-2" {
		t.Errorf("the interview stalled at %s", got)
	}
	if got := len(h.fake.seen("chat.postMessage.refused", channel)); got != h.deadLetters() {
		t.Errorf("%d refused posts but %d dead letters: a notice was sent into the archived channel, or a refusal retried", got, h.deadLetters())
	}
}
