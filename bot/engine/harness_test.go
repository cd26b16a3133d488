package engine_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// recorder is a Sender that keeps what it was asked to send; fail, when
// set, decides an error per message.
type recorder struct {
	mu   sync.Mutex
	sent []bot.Outgoing
	fail func(bot.Outgoing) error
}

func (r *recorder) Send(_ context.Context, o bot.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(o); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, o)
	return nil
}

// take returns and forgets what was sent so far.
func (r *recorder) take() []bot.Outgoing {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.sent
	r.sent = nil
	return out
}

const platform = "test"

var (
	lead  = bot.UserRef{Platform: platform, Workspace: "W1", ID: "ULEAD"}
	spoc  = bot.UserRef{Platform: platform, Workspace: "W1", ID: "USPOC"}
	spoc2 = bot.UserRef{Platform: platform, Workspace: "W1", ID: "USPOC2"}
	other = bot.UserRef{Platform: platform, Workspace: "W1", ID: "UOTHER"}
)

type harness struct {
	t      *testing.T
	db     *storage.DB
	engine *engine.Engine
	clock  *bottest.Clock
	rec    *recorder
	disp   *outbox.Dispatcher
	packs  *assessment.Registry
	n      int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: storagetest.Open(t), clock: bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)), rec: &recorder{}, packs: reg}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h.engine = engine.New(h.db, reg, h.clock, log, bot.Config{})
	h.disp = &outbox.Dispatcher{Store: h.db, Sender: h.rec, Platform: platform, Clock: h.clock, Log: log, Renderer: h.engine}
	return h
}

// event handles an event and delivers the outbox; it returns the direct response.
func (h *harness) event(ev bot.Event) bot.Result {
	h.t.Helper()
	if ev.Platform == "" {
		ev.Platform = platform
	}
	if ev.Workspace == "" {
		ev.Workspace = "W1"
	}
	if ev.Key == "" {
		h.n++
		ev.Key = fmt.Sprintf("%s:event:%d", platform, h.n)
	}
	res, err := h.engine.Handle(context.Background(), ev)
	if err != nil {
		h.t.Fatalf("Handle(%q): %v", ev.Text, err)
	}
	if _, err := h.disp.Drain(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return res
}

func (h *harness) channel(u bot.UserRef, text string) bot.Result {
	return h.event(bot.Event{Conversation: "C1", User: u.ID, Text: text, Command: true})
}

func (h *harness) dm(u bot.UserRef, text string) bot.Result {
	return h.event(bot.Event{Conversation: "D" + u.ID, DM: true, User: u.ID, Text: text})
}

// setup creates an engagement in C1 and starts it; it returns the first question.
func (h *harness) setup(extra string) *bot.Question {
	h.t.Helper()
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en "+extra)
	h.startAccepted()
	out := h.rec.take()
	q := lastQuestion(out)
	if q == nil {
		h.t.Fatal("start sent no question")
	}
	return q
}

// startAccepted runs start in C1 as the lead and accepts every consent
// request it sends, leaving the rest of what was sent, and what the
// acceptances sent, to take.
func (h *harness) startAccepted() {
	h.t.Helper()
	h.channel(lead, "start")
	out := h.acceptAll(h.rec.take())
	h.rec.mu.Lock()
	h.rec.sent = append(out, h.rec.sent...)
	h.rec.mu.Unlock()
}

// acceptAll presses Accept on every consent request in out, as its SPOC,
// and returns out's other messages and what the acceptances sent.
func (h *harness) acceptAll(out []bot.Outgoing) []bot.Outgoing {
	h.t.Helper()
	var rest []bot.Outgoing
	for _, o := range out {
		if q := o.Reply.Question; q != nil && q.Item == "consent" {
			h.event(press(q, bot.UserRef{ID: o.User.ID}, "accept"))
			rest = append(rest, h.rec.take()...)
			continue
		}
		rest = append(rest, o)
	}
	return rest
}

func (h *harness) answers() map[string]assessment.Answer {
	h.t.Helper()
	var got map[string]assessment.Answer
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if err != nil || len(engs) == 0 {
			return err
		}
		got, err = tx.CurrentAnswers(engs[0].ID, bot.RoundSelf)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return got
}

// answersOf is the current self-assessment answers of engagement id.
func (h *harness) answersOf(id string) map[string]assessment.Answer {
	h.t.Helper()
	var got map[string]assessment.Answer
	err := h.db.View(context.Background(), func(tx bot.Tx) (err error) {
		got, err = tx.CurrentAnswers(id, bot.RoundSelf)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return got
}

func lastQuestion(out []bot.Outgoing) *bot.Question {
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].Reply.Question != nil {
			return out[i].Reply.Question
		}
	}
	return nil
}

func texts(out []bot.Outgoing) string {
	var b strings.Builder
	for _, o := range out {
		b.WriteString(o.Reply.Text + "\n")
	}
	return b.String()
}

func press(q *bot.Question, u bot.UserRef, value string) bot.Event {
	pr, _ := bot.DecodePress(bot.EncodePress(q, value))
	return bot.Event{Conversation: "D" + u.ID, DM: true, User: u.ID, Press: pr}
}

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
