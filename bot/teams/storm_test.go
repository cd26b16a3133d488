package teams_test

import (
	"net/http"
	"sync"
	"testing"
)

// Under a 429 storm (every second post and card update to the SPOC's chat
// is refused with Retry-After), every pressed card is still replaced: the
// update is queued and retried like any message.
func TestTeams_EveryPressedCardIsUpdatedThroughA429Storm(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	var mu sync.Mutex
	n := 0
	h.fake.fail = func(c call) (int, http.Header, bool) {
		if c.Conv != spocDM || (c.Method != http.MethodPost && c.Method != http.MethodPut) {
			return 0, nil, false
		}
		mu.Lock()
		defer mu.Unlock()
		n++
		return http.StatusTooManyRequests, http.Header{"Retry-After": {"1"}}, n%2 == 1
	}
	pressed := map[string]bool{}
	for range 12 {
		cardID, buttons := h.lastCard(spocDM)
		h.send(h.submit(spocAccount, spocDM, cardID, buttons["2"]))
		pressed[cardID] = true
		h.deliver()
	}
	updated := map[string]bool{}
	for _, up := range h.fake.seen(http.MethodPut, "/svc/v3/conversations/"+spocDM+"/activities/") {
		if len(cardButtons(up.Body)) == 0 {
			updated[up.ID] = true
		}
	}
	live := 0
	for id := range pressed {
		if !updated[id] {
			live++
		}
	}
	t.Logf("pressed cards left live under a 50%% 429 storm: %d of %d", live, len(pressed))
	if live != 0 {
		t.Errorf("%d of %d pressed cards keep their buttons", live, len(pressed))
	}
}
