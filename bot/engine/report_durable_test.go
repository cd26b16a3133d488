package engine_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage"
)

// retryFor advances the clock past the longest backoff and drains, n
// times, and returns everything sent meanwhile.
func (h *harness) retryFor(n int) []bot.Outgoing {
	h.t.Helper()
	for range n {
		h.clock.Advance(5 * time.Minute)
		if _, err := h.disp.Drain(context.Background()); err != nil {
			h.t.Fatal(err)
		}
	}
	return h.rec.take()
}

// crashable is a harness on a database file of its own, so that a test
// can stop it between a turn and its delivery and start another process's
// engine and dispatcher on the same file.
func crashable(t *testing.T, r bot.Renderer) (*harness, string) {
	t.Helper()
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "otassess.db")
	h.db = openDB(t, path)
	h.engine = h.newEngine(h.packs, bot.Config{Renderer: r})
	h.disp = &outbox.Dispatcher{Store: h.db, Sender: h.rec, Platform: platform, Clock: h.clock, Log: h.disp.Log, Renderer: h.engine}
	return h, path
}

func openDB(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// restart is what runs after the process died: a new store handle, engine
// and dispatcher on the same file, sending to a new recorder. The old ones
// are dropped without any delivery or shutdown.
func (h *harness) restart(path string, r bot.Renderer) {
	h.t.Helper()
	h.db = openDB(h.t, path)
	h.engine = h.newEngine(h.packs, bot.Config{Renderer: r})
	h.rec = &recorder{}
	h.disp = &outbox.Dispatcher{Store: h.db, Sender: h.rec, Platform: platform, Clock: h.clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Renderer: h.engine}
}

// handle runs an event through the engine without delivering anything.
func (h *harness) handle(ev bot.Event) {
	h.t.Helper()
	h.n++
	ev.Platform, ev.Workspace, ev.Key = platform, "W1", fmt.Sprintf("%s:crash:%d", platform, h.n)
	if _, err := h.engine.Handle(context.Background(), ev); err != nil {
		h.t.Fatal(err)
	}
}

// outbox is the outbox of the harness's platform as stored now.
func (h *harness) outbox() []bot.Outgoing {
	h.t.Helper()
	out, err := h.db.Queued(context.Background(), platform)
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func TestReport_AcknowledgedReportIsDeliveredAfterACrash(t *testing.T) {
	h, path := crashable(t, &recRenderer{})
	q := h.setup("")
	h.rec.take()
	h.handle(bot.Event{Conversation: "C1", User: lead.ID, Text: "report md en", Command: true})
	rows := h.outbox()
	if len(rows) != 1 || rows[0].Reply.Render == nil || len(rows[0].Reply.Attachments) != 0 {
		t.Fatalf("the turn queued %+v, want one render request and no file", rows)
	}

	r := &recRenderer{}
	h.restart(path, r)
	if s := h.engagement(q.Engagement).Status; s != bot.StatusReported {
		t.Errorf("status %s after the crash, want reported", s)
	}
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := h.rec.take()
	files := attachments(out)
	if len(out) != 1 || out[0].Conversation != "C1" || out[0].Reply.Text != "Here is the assessment report for Plant A (MD)." {
		t.Fatalf("after the crash the dispatcher sent:\n%s", texts(out))
	}
	if len(files) != 1 || !strings.HasSuffix(files[0].Name, "-en.md") || !bytes.HasPrefix(files[0].Data, []byte("# OT security assessment report — Plant A")) {
		t.Errorf("the delivered file is %+v", files)
	}
	if out[0].Reply.Render != nil {
		t.Error("the sender was handed the render request")
	}
	if calls := r.reports(); len(calls) != 1 || calls[0].format != "md" || calls[0].lang != assessment.EN {
		t.Errorf("the new process rendered %+v, want one md report in en", calls)
	}
	if rows := h.outbox(); len(rows) != 0 {
		t.Errorf("%d messages still queued after delivery", len(rows))
	}
}

// flakyRenderer fails its first fails report renders, then renders as
// recRenderer does.
type flakyRenderer struct {
	recRenderer
	mu    sync.Mutex
	fails int
	tries int
}

func (f *flakyRenderer) Report(rep *assessment.Report, format string, lang assessment.Lang) (bot.Attachment, error) {
	f.mu.Lock()
	f.tries++
	failing := f.tries <= f.fails
	f.mu.Unlock()
	if failing {
		return bot.Attachment{}, errors.New("render: out of memory")
	}
	return f.recRenderer.Report(rep, format, lang)
}

func TestReport_ARendererThatFailsTwiceDeliversOnce(t *testing.T) {
	h := newHarness(t)
	r := &flakyRenderer{fails: 2}
	h.engine = h.newEngine(h.packs, bot.Config{Renderer: r})
	h.disp.Renderer = h.engine
	h.setup("")
	h.rec.take()
	h.channel(lead, "report md en") // first try fails
	ctx := context.Background()
	if _, err := h.disp.Drain(ctx); err != nil { // not due yet: no render
		t.Fatal(err)
	}
	if out := h.rec.take(); len(out) != 0 || r.tries != 1 {
		t.Fatalf("before its backoff the report was tried %d times and sent:\n%s", r.tries, texts(out))
	}
	var sent []bot.Outgoing
	for range 4 {
		h.clock.Advance(5 * time.Second)
		if _, err := h.disp.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, h.rec.take()...)
	}
	if len(sent) != 1 || len(attachments(sent)) != 1 || sent[0].Reply.Text != "Here is the assessment report for Plant A (MD)." {
		t.Errorf("a report that rendered on the third try sent:\n%s", texts(sent))
	}
	if r.tries != 3 || len(r.reports()) != 1 {
		t.Errorf("rendered %d times, %d of them successfully; want 3 and 1", r.tries, len(r.reports()))
	}
}

// lastAnswerQueued has the SPOC answer every item; the last answer is
// handled but nothing it queued is delivered.
func (h *harness) lastAnswerQueued(q *bot.Question) {
	h.t.Helper()
	for n := 0; q.Done < q.Total-1; n++ {
		if n > 100 {
			h.t.Fatal("the interview does not end")
		}
		h.dm(spoc, "2")
		if q = lastQuestion(h.rec.take()); q == nil {
			h.t.Fatal("the interview ended early")
		}
	}
	h.handle(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, Text: "2"})
}

func TestCompletion_ChartIsQueuedInTheTurnAndSurvivesACrash(t *testing.T) {
	h, path := crashable(t, &recRenderer{})
	h.lastAnswerQueued(h.setup(""))
	var charts int
	for _, o := range h.outbox() {
		if o.Reply.Render != nil {
			charts++
			if o.Reply.Render.Kind != bot.RenderChart || o.Conversation != "C1" || len(o.Reply.Attachments) != 0 {
				t.Errorf("queued render request %+v to %s with %d files", o.Reply.Render, o.Conversation, len(o.Reply.Attachments))
			}
		}
	}
	if charts != 1 {
		t.Fatalf("the last answer queued %d chart requests, want 1", charts)
	}

	h.restart(path, &recRenderer{})
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	var post *bot.Outgoing
	out := h.rec.take()
	for i := range out {
		if len(out[i].Reply.Attachments) > 0 {
			post = &out[i]
		}
	}
	if post == nil || post.Conversation != "C1" || !post.Reply.Channel || !strings.HasPrefix(post.Reply.Text, "Plant A: self-assessment → after assessment") {
		t.Fatalf("after the crash no score post with the chart in C1:\n%s", texts(out))
	}
	if f := post.Reply.Attachments; len(f) != 1 || f[0].MIME != "image/png" || !bytes.HasPrefix(f[0].Data, []byte("\x89PNG")) {
		t.Errorf("the score post's files are not the radar chart: %+v", f)
	}
}

func TestCompletion_AChartThatCannotBeMadeIsToldOnce(t *testing.T) {
	h := newHarness(t)
	h.engine = h.newEngine(h.packs, bot.Config{Renderer: failingRenderer{}})
	h.disp.Renderer = h.engine
	h.answerAll(h.setup("lang:ja"), allLevel)
	out := h.retryFor(outbox.DefaultMaxAttempts + 2)
	const want = "案件「Plant A」の評価結果の表とレーダーチャートを作成できませんでした（理由: chart_render）。"
	if len(out) != 1 || out[0].Conversation != "C1" || !strings.HasPrefix(out[0].Reply.Text, want) || len(attachments(out)) != 0 {
		t.Errorf("a chart that cannot be drawn sent:\n%s", texts(out))
	}
}
