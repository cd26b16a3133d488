package engine_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/worker"
)

// flakyFetcher fails its first fails calls, then serves data.
type flakyFetcher struct {
	fails, calls int
	data         []byte
}

func (f *flakyFetcher) Fetch(_ context.Context, _ string, limit int) ([]byte, error) {
	f.calls++
	if f.calls <= f.fails {
		return nil, errors.New("connection reset")
	}
	if len(f.data) > limit {
		return nil, bot.ErrFileTooLarge
	}
	return f.data, nil
}

func (h *harness) workEvidence(w *worker.Worker, at time.Time) string {
	h.t.Helper()
	h.clock.Set(at)
	if err := w.Tick(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.disp.Drain(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return texts(h.rec.take())
}

// A download that fails is tried again after a backoff, with no model
// configured; it is kept once it arrives, and the SPOC is told once.
func TestEvidenceDownload_RetriedWithBackoffThenKept(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	f := &flakyFetcher{fails: 2, data: jpeg}
	w := worker.New(h.engine, slog.New(slog.NewTextHandler(io.Discard, nil)), 0)
	w.SetFetcher(platform, f)
	h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, File: &bot.File{Name: "panel.jpg", Size: len(jpeg), URL: "https://files.example/panel.jpg"}})
	if out := texts(h.rec.take()); !strings.Contains(out, "panel.jpg is received") {
		t.Fatalf("the SPOC was told %q", out)
	}
	t0 := h.clock.Now()
	h.workEvidence(w, t0)                    // attempt 1 fails
	h.workEvidence(w, t0.Add(time.Minute))   // backoff: not yet
	h.workEvidence(w, t0.Add(2*time.Minute)) // attempt 2 fails
	if f.calls != 2 || len(h.evidence()) != 0 {
		t.Fatalf("after two failures: %d calls, %d kept", f.calls, len(h.evidence()))
	}
	out := h.workEvidence(w, t0.Add(7*time.Minute)) // attempt 3 succeeds
	if got := h.evidence(); len(got) != 1 || got[0].Item != q.Item || got[0].Size != len(jpeg) || got[0].Author != spoc {
		t.Fatalf("evidence = %+v", got)
	}
	if !strings.Contains(out, "panel.jpg is kept as evidence of "+q.Item) {
		t.Errorf("the SPOC was told %q", out)
	}
	if out := h.workEvidence(w, t0.Add(time.Hour)); out != "" || f.calls != 3 {
		t.Errorf("after keeping it: %d calls, told %q", f.calls, out)
	}
}
