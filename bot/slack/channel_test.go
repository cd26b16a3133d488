package slack_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
)

// channelMsg is a message.channels event in C1.
func channelMsg(user, text, ts, threadTS string) map[string]any {
	m := map[string]any{"type": "message", "channel": channel, "channel_type": "channel", "user": user,
		"text": text, "ts": ts, "event_ts": ts}
	if threadTS != "" {
		m["thread_ts"] = threadTS
	}
	return m
}

func (h *harness) event(id string, inner map[string]any) {
	h.tb.Helper()
	if w := h.serve(request("/slack/events", eventBody(id, inner))); w.Code != http.StatusOK {
		h.tb.Fatalf("event %s: status %d %s", id, w.Code, w.Body)
	}
	h.adapter.Wait()
}

func (h *harness) stored(id string) []bot.ChannelMessage {
	h.tb.Helper()
	var out []bot.ChannelMessage
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		out, err = tx.Messages(id, channel, "", time.Time{}, 100)
		return err
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return out
}

func (h *harness) dueJobs() []bot.Job {
	h.tb.Helper()
	var out []bot.Job
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		out, err = tx.DueJobs(bot.JobSummarize, h.clock.Now().Add(time.Hour), 10)
		return err
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return out
}

func TestEvents_ChannelMessagesAreStoredWithTheirThread(t *testing.T) {
	h := newHarnessWith(t, bot.Config{Model: bottest.IdleModel{}})
	id := h.engagement()
	// new and the SPOC's acceptance looked locales up; chatter must not.
	lookups := len(h.fake.seen("users.info", ""))
	h.event("Ev1", channelMsg(leadID, "the OT network is flat", "1700000300.000100", ""))
	h.event("Ev2", channelMsg(spocID, "we will draw zones", "1700000301.000100", "1700000300.000100"))
	h.event("Ev2", channelMsg(spocID, "we will draw zones", "1700000301.000100", "1700000300.000100")) // retry
	bot := channelMsg(leadID, "from a bot", "1700000302.000100", "")
	bot["bot_id"] = "B1"
	h.event("Ev3", bot)
	edit := channelMsg(leadID, "edited", "1700000303.000100", "")
	edit["subtype"] = "message_changed"
	h.event("Ev4", edit)
	h.event("Ev5", channelMsg(leadID, "<@UBOT> status", "1700000304.000100", ""))

	got := h.stored(id)
	if len(got) != 2 {
		t.Fatalf("stored %+v, want the two messages by people", got)
	}
	if got[0].Thread != "1700000300.000100" || got[1].Thread != "1700000300.000100" || got[1].Author != spocID || got[0].Text != "the OT network is flat" {
		t.Errorf("stored %+v: both belong to the thread rooted at the first", got)
	}
	for _, c := range h.fake.seen("users.info", "")[lookups:] {
		if c.Form.Get("user") == spocID {
			t.Errorf("channel chatter looked up its author's locale before the ack: %v", c.Form)
		}
	}
}

func TestEvents_MentionInAThreadSummarizesTheThread(t *testing.T) {
	h := newHarnessWith(t, bot.Config{Model: bottest.IdleModel{}})
	h.engagement()
	h.event("Ev1", channelMsg(leadID, "root", "1700000300.000100", ""))
	h.event("Ev2", channelMsg(spocID, "reply", "1700000301.000100", "1700000300.000100"))
	h.event("Ev3", map[string]any{"type": "app_mention", "channel": channel, "user": leadID, "text": "<@UBOT> summarize en",
		"ts": "1700000302.000100", "thread_ts": "1700000300.000100", "event_ts": "1700000302.000100"})
	jobs := h.dueJobs()
	if len(jobs) != 1 || jobs[0].Params.Thread != "1700000300.000100" || jobs[0].Params.Scope != "thread" || jobs[0].Target != assessment.EN {
		t.Fatalf("jobs = %+v", jobs)
	}
}
