package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot/bottest"
)

func (h *harness) deadLetters() int {
	h.t.Helper()
	n, err := h.db.DeadLetters(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return n[Platform]
}

// refuse makes every message post to channel answer status with Discord's
// JSON error code (0: no JSON body, as a proxy answers a 413).
func refuse(h *harness, channel string, status, code int, multipartOnly bool) {
	body := `{"message":"refused","code":` + itoa(code) + `}`
	if code == 0 {
		body = `<html>413 Request Entity Too Large</html>`
	}
	h.fake.setOverride(func(r request) *reply {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channel+"/messages") &&
			(!multipartOnly || strings.HasPrefix(r.ContentType, "multipart/")) {
			return &reply{Status: status, Body: body}
		}
		return nil
	})
}

func TestDeadLetter_RefusalsForGoodAreKeptAndTheChannelMovesOn(t *testing.T) {
	for _, tc := range []struct {
		name         string
		status, code int
		reason       string
	}{
		{"missing access", 403, 50001, "discord_50001"},
		{"missing permissions", 403, 50013, "discord_50013"},
		{"invalid form body", 400, 50035, "discord_50035"},
		{"entity too large", 413, 40005, "discord_40005"},
		{"413 without a body", 413, 0, "discord_40005"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
			h := newHarness(t, withClock(clock))
			h.interact(newPlant(h.nextID()))
			h.interact(slashPayload(h.nextID(), lead, "start"))
			refuse(h, dmOf(spoc), tc.status, tc.code, false)
			flush(t, h, clock) // fails if the refused DMs hold the queue
			if got := h.deadLetters(); got != 1 {
				t.Errorf("dead letters = %d, want the consent request", got)
			}
			posts := h.fake.messagesTo(channel)
			var told int
			for _, p := range posts {
				if strings.Contains(p.Content, "A direct message to <@"+spoc+"> could not be delivered (reason: "+tc.reason+")") {
					told++
				}
			}
			if told != 1 {
				t.Errorf("channel told %d times, want once: %+v", told, posts)
			}
			if n := len(h.fake.requests("POST", "/channels/"+dmOf(spoc)+"/messages")); n != 1 {
				t.Errorf("%d DM attempts, want 1 (the consent request): a refusal for good is not retried", n)
			}
		})
	}
}

func TestDeadLetter_ServerErrorsAreRetriedNotGivenUp(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		t.Run(itoa(status), func(t *testing.T) { serverErrorsAreRetried(t, status) })
	}
}

func serverErrorsAreRetried(t *testing.T, status int) {
	clock := bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, withClock(clock))
	h.a.dispatcher.MaxAttempts = 2
	refuse(h, channel, status, 0, false)
	h.interact(newPlant(h.nextID()))
	for range 5 {
		drain(t, h)
		clock.Advance(10 * time.Minute)
	}
	if h.deadLetters() != 0 || h.queued() != 1 {
		t.Fatalf("after 5 outages: %d dead letters, %d queued; want the message still queued", h.deadLetters(), h.queued())
	}
	before := len(h.fake.messagesTo(channel))
	h.fake.setOverride(nil)
	flush(t, h, clock)
	posts := h.fake.messagesTo(channel)
	if len(posts) != before+1 || !strings.Contains(posts[before].Content, "Plant-A") {
		t.Errorf("after the outage %d posts were tried, want the queued one once more", len(posts)-before)
	}
}

func TestDeadLetter_CloudflareRateLimitIsWaitedOut(t *testing.T) {
	clock := bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, withClock(clock))
	h.a.dispatcher.MaxAttempts = 2
	h.fake.setOverride(func(r request) *reply {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channel+"/messages") {
			return &reply{Status: 429, Body: `<html><title>Error 1015</title>You are being rate limited</html>`}
		}
		return nil
	})
	h.interact(newPlant(h.nextID()))
	for range 5 {
		drain(t, h)
		clock.Advance(2 * time.Minute)
	}
	tries := len(h.fake.requests("POST", "/channels/"+channel+"/messages"))
	if h.deadLetters() != 0 || h.queued() != 1 {
		t.Fatalf("after 5 IP rate limits: %d dead letters, %d queued; want the message waiting", h.deadLetters(), h.queued())
	}
	if tries != 5 {
		t.Errorf("%d attempts in 10 minutes, want one per wait of a minute or more", tries)
	}
}
