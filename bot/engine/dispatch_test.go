package engine_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// deadLetters is the harness database's dead-letter count of its platform.
func (h *harness) deadLetters() int {
	h.t.Helper()
	n, err := h.db.DeadLetters(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return n[platform]
}

// queued is how many live messages of the harness's platform are queued.
func (h *harness) queued() int {
	h.t.Helper()
	n, err := h.db.OutboxDepth(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return n[platform]
}

// drainAfter advances the clock and delivers what is due.
func (h *harness) drainAfter(d time.Duration) {
	h.t.Helper()
	h.clock.Advance(d)
	if _, err := h.disp.Drain(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

func toChannel(out []bot.Outgoing, conversation string) string {
	var b strings.Builder
	for _, o := range out {
		if o.Conversation == conversation {
			b.WriteString(o.Reply.Text + "\n")
		}
	}
	return b.String()
}

func TestDispatcher_PermanentFailureIsKeptAndTheConversationMovesOn(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	failed := 0
	h.rec.fail = func(o bot.Outgoing) error {
		if q := o.Reply.Question; q != nil && q.Item == "1-2" && failed == 0 {
			failed++
			return &outbox.PermanentError{Code: "msg_too_long", Err: errors.New("slack: chat.postMessage: msg_too_long")}
		}
		return nil
	}
	h.dm(spoc, "2") // the next question, 1-2, can never be sent
	h.dm(spoc, "3") // answers 1-2; 1-3 must not wait behind it
	out := h.rec.take()
	if q := lastQuestion(out); q == nil || q.Item != "1-3" {
		t.Fatalf("after a dead letter the queue did not move on: %+v", out)
	}
	notice := toChannel(out, "C1")
	if !strings.Contains(notice, "A direct message to <@USPOC> could not be delivered (reason: msg_too_long)") {
		t.Errorf("engagement channel was not told: %q", notice)
	}
	if strings.Contains(notice, "1-2") {
		t.Errorf("the notice carries the message's content: %q", notice)
	}
	if got := h.deadLetters(); got != 1 {
		t.Errorf("dead letters = %d, want 1 (kept, not deleted)", got)
	}
	if got := h.queued(); got != 0 {
		t.Errorf("live queue = %d, want 0", got)
	}
}

func TestDispatcher_NoticeIsInTheEngagementsLanguages(t *testing.T) {
	h := newHarness(t)
	h.setup("lang:both")
	h.rec.fail = func(o bot.Outgoing) error {
		if o.Conversation == "DUSPOC" && o.Reply.Question == nil {
			return &outbox.PermanentError{Code: "not_in_channel"}
		}
		return nil
	}
	h.dm(spoc, "status") // the reply in the SPOC's DM cannot be posted
	notice := toChannel(h.rec.take(), "C1")
	for _, want := range []string{
		"A reply to <@USPOC> in <#DUSPOC> could not be delivered (reason: not_in_channel)",
		"<#DUSPOC>での<@USPOC>さんへの返信を配信できませんでした（理由: not_in_channel）",
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %q", notice, want)
		}
	}
}

func TestDispatcher_UnknownErrorsAreGivenUpAfterMaxAttempts(t *testing.T) {
	h := newHarness(t)
	h.disp.MaxAttempts = 3
	h.setup("")
	h.rec.fail = func(o bot.Outgoing) error {
		if o.Reply.Question != nil && o.Reply.Question.Item == "1-2" {
			return errors.New("slack: chat.postMessage: invalid_arguments")
		}
		return nil
	}
	h.dm(spoc, "2")
	for i := 0; i < 2; i++ {
		if got := h.deadLetters(); got != 0 {
			t.Fatalf("dead-lettered after %d failures, want after 3", i+1)
		}
		h.drainAfter(h.disp.MaxBackoff + time.Minute)
	}
	if got := h.deadLetters(); got != 1 {
		t.Fatalf("dead letters after 3 failures = %d, want 1", got)
	}
	if notice := toChannel(h.rec.take(), "C1"); !strings.Contains(notice, "reason: attempts_exhausted") {
		t.Errorf("engagement channel was not told: %q", notice)
	}
}

func TestDispatcher_OutagesAndRateLimitsAreWaitedOutHoweverLong(t *testing.T) {
	for name, fail := range map[string]error{
		"outage":     &outbox.OutageError{Err: errors.New("discord: HTTP 502")},
		"network":    &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")},
		"rate limit": &outbox.RetryError{After: time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.disp.MaxAttempts = 2
			h.setup("")
			failures := 0
			h.rec.fail = func(o bot.Outgoing) error {
				if o.Reply.Question != nil && failures < 10 {
					failures++
					return fail
				}
				return nil
			}
			h.dm(spoc, "2")
			for failures < 10 {
				h.drainAfter(h.disp.MaxBackoff + time.Minute)
			}
			h.drainAfter(h.disp.MaxBackoff + time.Minute)
			if q := lastQuestion(h.rec.take()); q == nil || q.Item != "1-2" {
				t.Errorf("the question was not delivered after the %s ended", name)
			}
			if got := h.deadLetters(); got != 0 {
				t.Errorf("dead letters = %d, want 0", got)
			}
		})
	}
}

func TestDispatcher_FailureInTheEngagementChannelIsNotAnnouncedThere(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.rec.fail = func(o bot.Outgoing) error {
		if o.Conversation == "C1" {
			return &outbox.PermanentError{Code: "is_archived"}
		}
		return nil
	}
	h.channel(lead, "status")
	h.channel(lead, "status")
	if got := h.deadLetters(); got != 2 {
		t.Errorf("dead letters = %d, want the 2 replies and no notice", got)
	}
	if got := h.queued(); got != 0 {
		t.Errorf("live queue = %d, want 0", got)
	}
}

func TestDispatcher_RepeatedFailureOfAConversationIsAnnouncedOnce(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.rec.fail = func(o bot.Outgoing) error {
		if o.Conversation == "DUSPOC" {
			return &outbox.PermanentError{Code: "discord_50013"}
		}
		return nil
	}
	h.dm(spoc, "2")
	h.dm(spoc, "3")
	h.dm(spoc, "status")
	if n := strings.Count(toChannel(h.rec.take(), "C1"), "discord_50013"); n != 1 {
		t.Errorf("the channel was told %d times, want once", n)
	}
	h.drainAfter(25 * time.Hour)
	h.dm(spoc, "status")
	if n := strings.Count(toChannel(h.rec.take(), "C1"), "discord_50013"); n != 1 {
		t.Errorf("a day later the channel was told %d times, want once more", n)
	}
}

func TestDispatcher_UnreachableQuestionIsKeptAndToldEveryStart(t *testing.T) {
	h := newHarness(t)
	h.rec.fail = func(o bot.Outgoing) error {
		if o.User == spoc && o.Conversation == "" {
			return &outbox.UnreachableError{}
		}
		return nil
	}
	h.channel(lead, "new Plant A spoc:<@USPOC> lead:<@ULEAD> lang:en")
	h.startAccepted()
	h.startAccepted()
	if n := strings.Count(texts(h.rec.take()), "could not send a direct message to <@USPOC>"); n != 2 {
		t.Errorf("channel told %d times, want once per start", n)
	}
	if got := h.deadLetters(); got == 0 {
		t.Error("the undeliverable DMs were deleted, want them kept as dead letters")
	}
}

// brokenEngagements is a store whose transactions cannot read engagements.
type brokenEngagements struct{ bot.Store }

type brokenTx struct{ bot.Tx }

func (brokenTx) Engagement(string) (*bot.Engagement, error) { return nil, errors.New("disk I/O error") }

func (s brokenEngagements) Update(ctx context.Context, fn func(bot.Tx) error) error {
	return s.Store.Update(ctx, func(tx bot.Tx) error { return fn(brokenTx{tx}) })
}

func TestDispatcher_MessageIsKeptEvenWhenItsNoticeCannotBeWritten(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	sends := 0
	h.rec.fail = func(o bot.Outgoing) error {
		if o.Reply.Question != nil {
			sends++
			return &outbox.PermanentError{Code: "invalid_blocks"}
		}
		return nil
	}
	h.disp.Store = brokenEngagements{h.db}
	h.dm(spoc, "2")
	for range 3 {
		h.drainAfter(time.Second)
	}
	if sends != 1 {
		t.Errorf("the refused question was sent %d times, want once", sends)
	}
	if got := h.deadLetters(); got != 1 {
		t.Errorf("dead letters = %d, want 1", got)
	}
}
