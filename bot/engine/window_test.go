package engine_test

import (
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/worker"
)

// newWindowHarness is newModelHarness with a translation batching window.
func newWindowHarness(t *testing.T, m bot.Model, window time.Duration) (*harness, *worker.Worker) {
	t.Helper()
	h := newHarness(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h.engine = engine.New(h.db, h.packs, h.clock, log, bot.Config{Model: m, TranslateWindow: window})
	h.disp.Renderer = h.engine
	return h, worker.New(h.engine, log, 0)
}

func TestWindow_CommentsWrittenCloseTogetherGoInOneCallWhenTheFirstWindowEnds(t *testing.T) {
	m := &fakeModel{}
	h, w := newWindowHarness(t, m, 2*time.Minute)
	h.setup("")
	for i, c := range []string{"2 手順書あり", "1 一部のみ", "3 自動化済み"} {
		if i > 0 {
			h.clock.Advance(30 * time.Second)
		}
		h.dm(spoc, c)
		if posts := channelPosts(h.tick(w)); len(posts) != 0 || len(m.callTexts()) != 0 {
			t.Fatalf("after comment %d: %d calls, posts %q; want none inside the window", i+1, len(m.callTexts()), posts)
		}
	}
	h.clock.Advance(59 * time.Second) // 1m59s after the first comment
	if h.tick(w); len(m.callTexts()) != 0 {
		t.Fatalf("translated %v before the first comment's window ended", m.callTexts())
	}
	h.clock.Advance(time.Second)
	posts := channelPosts(h.tick(w))
	want := []string{"手順書あり", "一部のみ", "自動化済み"}
	if calls := m.callTexts(); len(calls) != 1 || !slices.Equal(calls[0], want) {
		t.Fatalf("model calls = %q, want one call with %q", calls, want)
	}
	if len(posts) != 3 || !strings.Contains(posts[0], "EN(手順書あり)") || !strings.Contains(posts[2], "EN(自動化済み)") {
		t.Errorf("posts = %q, want the three translations in order", posts)
	}
	h.clock.Advance(time.Hour)
	if h.tick(w); len(m.callTexts()) != 1 {
		t.Errorf("%d calls: a gathered job ran again when its own window ended", len(m.callTexts()))
	}
	if jobs := h.jobCounts(); jobs[bot.JobDone] != 3 || jobs[bot.JobQueued] != 0 {
		t.Errorf("job counts = %v, want 3 done", jobs)
	}
}

func TestWindow_ACommentAloneIsTranslatedWhenItsWindowEnds(t *testing.T) {
	m := &fakeModel{}
	h, w := newWindowHarness(t, m, 2*time.Minute)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	for _, d := range []time.Duration{0, time.Minute, 59 * time.Second} {
		h.clock.Advance(d)
		if posts := channelPosts(h.tick(w)); len(posts) != 0 || len(m.callTexts()) != 0 {
			t.Fatalf("%d calls, posts %q before the window ended", len(m.callTexts()), posts)
		}
	}
	h.clock.Advance(time.Second)
	posts := channelPosts(h.tick(w))
	if len(m.callTexts()) != 1 || len(posts) != 1 || !strings.Contains(posts[0], "EN(年1回見直し)") {
		t.Errorf("at the window's end: %d calls, posts %q", len(m.callTexts()), posts)
	}
}

func TestWindow_AnEditedFindingIsTranslatedAtOnce(t *testing.T) {
	h, w := newWindowHarness(t, newLangModel(), 2*time.Minute)
	h.completeSelfRound(h.setup(""), "3-5")
	h.tick(w)
	h.rec.take()
	h.channel(lead, "edit 1 There are no zones.")
	h.rec.take()
	h.tick(w) // no time passes: the assessor is waiting
	if c := h.byNumber(1); c.Risk.JA != "JA(There are no zones.)" || len(c.Stale) != 0 {
		t.Errorf("right after the edit: %+v, want its Japanese filled in", c)
	}
}

func TestWindow_LLMOffSkipsJobsWaitingInTheirWindow(t *testing.T) {
	m := &fakeModel{}
	h, w := newWindowHarness(t, m, 2*time.Minute)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	h.channel(lead, "llm off")
	if got := texts(h.rec.take()); !strings.Contains(got, "1 waiting jobs were cancelled") {
		t.Errorf("llm off said %q", got)
	}
	h.clock.Advance(time.Hour)
	h.tick(w)
	if jobs := h.jobCounts(); len(m.callTexts()) != 0 || jobs[bot.JobSkipped] != 1 || jobs[bot.JobQueued] != 0 {
		t.Errorf("%d calls, job counts %v; want the waiting job skipped at once", len(m.callTexts()), jobs)
	}
}

func TestWindow_AJobWaitingToBeRetriedIsNotGatheredEarly(t *testing.T) {
	m := &fakeModel{fail: func(call int) error {
		if call == 1 {
			return errors.New("fake: 503")
		}
		return nil
	}}
	h, w := newWindowHarness(t, m, 10*time.Second)
	h.setup("")
	h.dm(spoc, "2 一")
	h.clock.Advance(10 * time.Second)
	h.tick(w) // the call fails: "一" is retried 30 s later, at 0:40
	h.clock.Advance(5 * time.Second)
	h.dm(spoc, "2 二") // due at 0:25
	h.clock.Advance(10 * time.Second)
	h.tick(w)
	h.clock.Advance(15 * time.Second)
	h.tick(w)
	calls := m.callTexts()
	if len(calls) != 3 || !slices.Equal(calls[1], []string{"二"}) || !slices.Equal(calls[2], []string{"一"}) {
		t.Errorf("model calls = %q, want [一] (failed), [二], then [一] after its backoff", calls)
	}
}
