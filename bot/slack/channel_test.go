package slack_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// idleModel is a configured language model that is never called here:
// with it the engine keeps channel messages and queues summaries.
type idleModel struct{}

func (idleModel) Info() bot.ModelInfo { return bot.ModelInfo{Engine: "fake", Model: "idle"} }
func (idleModel) Translate(context.Context, bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errors.New("idle")
}
func (idleModel) Summarize(context.Context, bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	return bot.Summary{}, bot.ModelUsage{}, errors.New("idle")
}
func (idleModel) DraftRiskComments(context.Context, bot.RiskRequest) ([]assessment.RiskDraft, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errors.New("idle")
}
func (idleModel) Explain(context.Context, bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	return assessment.Text{}, bot.ModelUsage{}, errors.New("idle")
}

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
	h := newHarnessWith(t, bot.Config{Model: idleModel{}})
	id := h.engagement()
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
}

func TestEvents_MentionInAThreadSummarizesTheThread(t *testing.T) {
	h := newHarnessWith(t, bot.Config{Model: idleModel{}})
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

func TestEvents_TranscriptFilePostedWithAMentionIsDownloaded(t *testing.T) {
	const body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sato>Zones first.\n"
	var auth string
	h := newHarnessWith(t, bot.Config{Model: idleModel{}}, func(c slacktest.Customize) {
		c.Handle("/files/notes.vtt", func(w http.ResponseWriter, r *http.Request) {
			auth = r.Header.Get("Authorization")
			_, _ = w.Write([]byte(body))
		})
	})
	h.engagement()
	file := func(name string, size int) map[string]any {
		return map[string]any{"id": "F1", "name": name, "size": size, "url_private_download": h.fake.GetAPIURL() + "files/" + name}
	}
	h.event("Ev1", map[string]any{"type": "app_mention", "channel": channel, "user": leadID, "text": "<@UBOT> summarize",
		"ts": "1700000400.000100", "event_ts": "1700000400.000100", "files": []any{file("notes.vtt", len(body))}})
	jobs := h.dueJobs()
	if len(jobs) != 1 || jobs[0].Params.FileName != "notes.vtt" || jobs[0].Params.Transcript != "Sato: Zones first." {
		t.Fatalf("jobs = %+v", jobs)
	}
	if auth != "Bearer xoxb-test" {
		t.Errorf("download Authorization = %q, want the bot token", auth)
	}
	h.deliver()
	h.event("Ev2", map[string]any{"type": "app_mention", "channel": channel, "user": leadID, "text": "<@UBOT> summarize",
		"ts": "1700000401.000100", "event_ts": "1700000401.000100", "files": []any{file("huge.vtt", 5<<20)}})
	h.deliver()
	if n := len(h.dueJobs()); n != 1 {
		t.Errorf("%d jobs after a file over the limit, want still 1", n)
	}
	posts := h.fake.seen("chat.postMessage", channel)
	if last := posts[len(posts)-1].Form.Get("text"); !strings.Contains(last, "huge.vtt is too large") {
		t.Errorf("last post = %q", last)
	}
}
