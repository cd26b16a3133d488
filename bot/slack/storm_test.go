package slack_test

import (
	"testing"
)

// Under a 429 storm (every second chat.postMessage and chat.update is
// refused), every pressed question is still updated: the update goes
// through the outbox like any other message, and is retried.
func TestHTTP_EveryPressedQuestionIsUpdatedThroughA429Storm(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	h.fake.mu.Lock()
	h.fake.storm = 1
	h.fake.mu.Unlock()
	pressed := map[string]bool{}
	for range 20 {
		q := h.fake.lastQuestion(t, spocDM)
		h.press(spocID, spocDM, q, "level_2")
		pressed[q.TS] = true
		h.deliver()
	}
	updated := map[string]bool{}
	for _, up := range h.fake.seen("chat.update", spocDM) {
		if len(up.buttons(t)) == 0 {
			updated[up.Form.Get("ts")] = true
		}
	}
	live := 0
	for ts := range pressed {
		if !updated[ts] {
			live++
		}
	}
	t.Logf("pressed messages left live under a 50%% 429 storm: %d of %d", live, len(pressed))
	if live != 0 {
		t.Errorf("%d of %d pressed messages keep their buttons", live, len(pressed))
	}
}
