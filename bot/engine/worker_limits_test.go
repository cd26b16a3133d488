package engine_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/worker"
)

// gateModel's translations hang until release is closed (or their context
// ends); its explanations hang only when hangExplain is set.
type gateModel struct {
	fakeModel
	translating chan struct{} // receives when a translation call starts
	release     chan struct{}
	hangExplain bool
}

func newGateModel() *gateModel {
	return &gateModel{translating: make(chan struct{}, 10), release: make(chan struct{})}
}

func (m *gateModel) Translate(ctx context.Context, req bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	m.translating <- struct{}{}
	select {
	case <-m.release:
	case <-ctx.Done():
		return nil, bot.ModelUsage{}, ctx.Err()
	}
	return m.fakeModel.Translate(ctx, req)
}

func (m *gateModel) Explain(ctx context.Context, req bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	if m.hangExplain {
		<-ctx.Done()
		return assessment.Text{}, bot.ModelUsage{}, ctx.Err()
	}
	return assessment.Text{JA: "説明です", EN: "EXPLAINED " + req.Item.ID}, bot.ModelUsage{Calls: 1}, nil
}

func limitedWorker(h *harness, l worker.Limits) *worker.Worker {
	w := worker.New(h.engine, slog.New(slog.NewTextHandler(io.Discard, nil)), 10*time.Millisecond)
	w.SetLimits(l)
	return w
}

// A SPOC's "help more" is answered while a translation call hangs: model
// calls run side by side, a person's job before background ones.
func TestWorker_HelpMoreIsAnsweredWhileATranslationHangs(t *testing.T) {
	m := newGateModel()
	h, _ := newModelHarness(t, m)
	w := limitedWorker(h, worker.Limits{Concurrency: 2})
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	h.rec.take()
	ticked := make(chan error, 1)
	go func() { ticked <- w.Tick(context.Background()) }()
	<-m.translating
	h.dm(spoc, "help more")
	// The explanation may already come with the request's own replies
	// (the worker can answer before they are delivered), or later.
	// Blocked behind the hung translation, it would never come: the
	// deadline only ends the test, generously for a loaded machine under
	// the race detector.
	sent := texts(h.rec.take())
	deadline := time.Now().Add(60 * time.Second)
	for ; !strings.Contains(sent, "EXPLAINED 1-2"); sent += texts(h.rec.take()) {
		if time.Now().After(deadline) {
			close(m.release)
			t.Fatal("help more was not answered while the translation hung")
		}
		time.Sleep(10 * time.Millisecond)
		if _, err := h.disp.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	close(m.release)
	if err := <-ticked; err != nil {
		t.Fatal(err)
	}
}

// A hung call of a job a person waits for gives up after the interactive
// timeout, and the job is retried later like any failed call.
func TestWorker_AHungExplanationGivesUpAfterTheInteractiveTimeout(t *testing.T) {
	m := newGateModel()
	m.hangExplain = true
	h, _ := newModelHarness(t, m)
	w := limitedWorker(h, worker.Limits{Concurrency: 1, Interactive: 50 * time.Millisecond})
	h.setup("")
	h.dm(spoc, "help more")
	ticked := make(chan error, 1)
	go func() { ticked <- w.Tick(context.Background()) }()
	select {
	case err := <-ticked:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second): // ends the test only; the timeout is 50 ms
		t.Fatal("the tick still waits for the hung explanation")
	}
	h.view(func(tx bot.Tx, id string) error {
		j, err := tx.Job(1)
		if err != nil || j.State != bot.JobQueued || j.Attempts != 1 || j.Reason != "model_error" {
			t.Errorf("job = %+v (%v), want queued for a retry after one attempt", j, err)
		}
		return err
	})
}
