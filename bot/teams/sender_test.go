package teams_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/teams"
)

func TestTeams_SameActivityTwiceIsOneAnswer(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	base := len(h.fake.seen(http.MethodPut, "/svc/")) // the accepted consent request
	cardID, buttons := h.lastCard(spocDM)
	act := h.submit(spocAccount, spocDM, cardID, buttons["3"])
	h.send(act)
	h.send(act) // Teams redelivers
	h.deliver()
	if n := len(h.history(id)); n != 1 {
		t.Errorf("%d answer rows, want 1", n)
	}
	if ups := h.fake.seen(http.MethodPut, "/svc/")[base:]; len(ups) != 1 {
		t.Errorf("%d card updates, want 1", len(ups))
	}
}

func TestTeams_PressByNonSPOCIsRefusedAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	base := len(h.fake.seen(http.MethodPut, "/svc/"))
	cardID, buttons := h.lastCard(spocDM)
	// The lead presses the SPOC's button data from their own chat with the bot.
	h.send(h.submit(leadAccount, leadDM, cardID, buttons["4"]))
	h.deliver()
	if n := len(h.history(id)); n != 0 {
		t.Fatalf("%d answer rows after a press by the lead, want 0", n)
	}
	if ups := h.fake.seen(http.MethodPut, "/svc/")[base:]; len(ups) != 0 {
		t.Errorf("a refused press updated %d cards", len(ups))
	}
	posts := h.fake.posts(leadDM)
	if len(posts) != 1 || !strings.Contains(posts[0].Body["text"].(string), "SPOC") {
		t.Fatalf("refusal in the lead's chat = %v, want one message naming the SPOC role", posts)
	}
}

func TestTeams_429WithRetryAfterArrivesAfterTheWait(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	h.clock.Advance(5 * time.Second) // past the DM's pacing after the acceptance
	cardID, buttons := h.lastCard(spocDM)
	throttled := 0
	h.fake.fail = func(c call) (int, http.Header, bool) {
		if c.Method == http.MethodPost && c.Conv == spocDM && throttled == 0 {
			throttled++
			return http.StatusTooManyRequests, http.Header{"Retry-After": {"7"}}, true
		}
		return 0, nil, false
	}
	h.send(h.submit(spocAccount, spocDM, cardID, buttons["1"]))
	start := h.clock.Now()
	drain := func() {
		if _, err := h.adapter.Dispatcher().Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	drain()
	if throttled != 1 {
		t.Fatal("the next question was not sent (and throttled)")
	}
	h.clock.Advance(6 * time.Second)
	drain()
	if next, _ := h.lastCard(spocDM); next != cardID {
		t.Fatal("the throttled question arrived before Retry-After")
	}
	h.clock.Advance(time.Second)
	drain()
	next, _ := h.lastCard(spocDM)
	if next == cardID {
		t.Fatal("the throttled question did not arrive after Retry-After")
	}
	posts := h.fake.posts(spocDM)
	if at := posts[len(posts)-1].At; at.Sub(start) < 7*time.Second {
		t.Errorf("question arrived %s after the 429, want ≥ 7s", at.Sub(start))
	}
}

func TestTeams_TokenIsCachedUntilShortlyBeforeExpiry(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	for i := range 5 {
		h.send(h.activity(spocAccount, personal(spocDM), "help"))
		h.deliver()
		if n := len(h.fake.posts(spocDM)); n < 3+i {
			t.Fatalf("help %d not answered", i)
		}
	}
	if _, n := h.fake.counts(); n != 1 {
		t.Fatalf("%d token requests for many sends, want 1", n)
	}
	h.clock.Advance(56 * time.Minute) // the 1 h token is now within 5 minutes of expiry
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.deliver()
	if _, n := h.fake.counts(); n != 2 {
		t.Errorf("%d token requests after 56 minutes, want 2 (refreshed early)", n)
	}
}

func TestTeams_LongTextIsSplit(t *testing.T) {
	h := newHarness(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help")) // saves the serviceUrl
	h.deliver()
	before := len(h.fake.posts(spocDM))
	long := strings.Repeat("工場のネットワーク境界を確認します。\n", 2500) // ~130 KB
	o := bot.Outgoing{Platform: teams.Platform, Conversation: spocDM, User: bot.UserRef{Platform: teams.Platform, Workspace: tenantID, ID: spocOID},
		Reply:     bot.Reply{Text: long, Engagement: "e1"},
		NotBefore: h.clock.Now()}
	if err := h.db.Update(context.Background(), func(tx bot.Tx) error { return tx.Enqueue(o) }); err != nil {
		t.Fatal(err)
	}
	h.deliver()
	posts := h.fake.posts(spocDM)[before:]
	if len(posts) < 5 {
		t.Fatalf("%d activities for a 130 KB text, want it split in ≥ 5", len(posts))
	}
	var all strings.Builder
	for _, p := range posts {
		text := p.Body["text"].(string)
		if len(text) > 28<<10 {
			t.Errorf("activity of %d bytes, over Teams' ~28 KB", len(text))
		}
		all.WriteString(text)
	}
	if got := strings.Count(all.String(), "工場のネットワーク境界を確認します。"); got != 2500 {
		t.Errorf("the parts hold %d of the 2500 lines", got)
	}
}

func TestTeams_SPOCWithoutTheAppIsUnreachableAndTheChannelIsTold(t *testing.T) {
	h := newHarness(t)
	h.fake.fail = func(c call) (int, http.Header, bool) {
		return http.StatusForbidden, nil, c.Method == http.MethodPost && c.Path == "/svc/v3/conversations"
	}
	h.engagement()
	if n := len(h.fake.posts(spocDM)); n != 0 {
		t.Fatalf("%d posts to a SPOC who cannot be reached", n)
	}
	posts := h.fake.posts(channelConv)
	last := posts[len(posts)-1].Body["text"].(string)
	if !strings.Contains(last, "direct message") {
		t.Errorf("channel was not told the SPOC is unreachable: %q", last)
	}
	if n := h.pending(); n != 0 {
		t.Errorf("%d messages left queued for an unreachable SPOC", n)
	}
}
