package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// The loose ends between the chat adapters and the engine: replies in
// threads, a second drafts, the refusals of new, downloads that fail.

func TestThreads_RepliesOfATurnInAThreadGoBackIntoIt(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "status", Command: true, Thread: "200.1"})
	out := h.rec.take()
	if len(out) != 1 || out[0].Conversation != "C1" || out[0].Reply.Thread != "200.1" {
		t.Fatalf("sent %+v, want the status in thread 200.1 of C1", out)
	}
	h.event(bot.Event{Conversation: "C2", User: lead.ID, Text: "new Plant B spoc:<@USPOC2> lead:<@ULEAD>", Command: true, Thread: "300.1"})
	out = h.rec.take()
	if len(out) != 1 || !out[0].Reply.Channel || out[0].Reply.Thread != "" {
		t.Errorf("sent %+v, want the creation posted to the channel, outside the thread", out)
	}
	h.channel(lead, "status")
	if out := h.rec.take(); len(out) != 1 || out[0].Reply.Thread != "" {
		t.Errorf("sent %+v, want a reply outside any thread", out)
	}
}

func TestThreads_AJobAskedForInAThreadAnswersInIt(t *testing.T) {
	m := newLangModel()
	m.summary = sampleSummary()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.chat("C1", lead, "root", "", "200.1")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "summarize en", Command: true, Thread: "200.1"})
	h.rec.take()
	out := h.tick(w)
	if len(out) != 1 || out[0].Reply.Thread != "200.1" || !strings.Contains(out[0].Reply.Text, "The OT network is flat") {
		t.Fatalf("sent %+v, want the summary in thread 200.1", out)
	}
	m.err = errors.New("model down")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "summarize en", Command: true, Thread: "200.1"})
	h.rec.take()
	for range 3 {
		out = h.tick(w)
		h.clock.Advance(time.Hour) // past every retry delay
	}
	if len(out) != 1 || out[0].Reply.Thread != "200.1" {
		t.Errorf("failure notice = %+v, want it in the thread", out)
	}
}

func TestDrafts_ASecondDraftsWhileTheModelDraftsQueuesNothing(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll
	h.completeSelfRound(h.setup(""), "1-2", "3-5") // queues the model's drafts
	h.rec.take()
	before := h.findings()
	h.channel(lead, "drafts")
	got := texts(h.rec.take())
	if !strings.Contains(got, "already drafting the findings") || !strings.Contains(got, "#1 [DRAFT]") {
		t.Errorf("reply = %q, want: under way, and the current findings", got)
	}
	if c := h.jobCounts(); c[bot.JobQueued] != 1 {
		t.Errorf("jobs = %v, want still the one draft job", c)
	}
	if after := h.findings(); len(after) != len(before) || after[0].ID != before[0].ID {
		t.Errorf("findings changed while the model drafts: %+v → %+v", before, after)
	}
	h.tick(w)
	h.channel(lead, "drafts")
	if got := texts(h.rec.take()); !strings.Contains(got, "The language model is redrafting") {
		t.Errorf("drafts after the job = %q, want a new job queued", got)
	}
	if c := h.jobCounts(); c[bot.JobQueued] != 1 || c[bot.JobDone] != 1 || len(m.draftRequests()) != 1 {
		t.Errorf("jobs = %v after %d model calls, want one done and one queued", c, len(m.draftRequests()))
	}
}

func TestNew_EveryRefusalIsInTheUsersLanguageAndCreatesNothing(t *testing.T) {
	h := newHarness(t)
	bad := []string{
		"new spoc:<@USPOC> lead:<@ULEAD>",
		"new Plant A spoc:<@USPOC> tz:Mars/Olympus",
		"new Plant A spoc:<@USPOC> lang:fr",
		"new Plant A spoc:<@USPOC> pack:nist-999",
		"new Plant A spoc:<#C123> lead:<@ULEAD>",
		"new Plant A spoc:<@USPOC> owner:<@ULEAD>",
	}
	var b strings.Builder
	for _, locale := range []string{"ja-JP", "en-US"} {
		for _, cmd := range bad {
			h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: cmd, Command: true, Locale: locale})
			out := h.rec.take()
			if len(out) != 1 {
				t.Fatalf("%s (%s): %d replies, want 1", cmd, locale, len(out))
			}
			b.WriteString(locale + " · " + cmd + "\n" + out[0].Reply.Text + "\n\n")
		}
	}
	got := b.String()
	for _, english := range []string{`unknown time zone "Mars/Olympus"`, `"<#C123>" is not a user`, "is not valid:"} {
		if strings.Contains(got, english) {
			t.Errorf("a reply still says %q, the English-only problem text", english)
		}
	}
	golden(t, "new_refusals.golden", got)
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if len(engs) != 0 {
			t.Errorf("%d engagements created by refused commands", len(engs))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
