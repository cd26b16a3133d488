// Package bottest holds test doubles of the engine's collaborators that the
// engine's and the chat adapters' tests share: a settable clock and a
// configured language model that is never called. It is imported by tests
// only.
package bottest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Clock is a bot.Clock that moves only when told to. It is safe for
// concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// IdleModel is a configured language model that fails every call: with it
// the engine stores channel messages and queues model work, which a test
// then inspects without running it.
type IdleModel struct{}

var errIdle = errors.New("bottest: the idle model is not called")

// Info names the model.
func (IdleModel) Info() bot.ModelInfo { return bot.ModelInfo{Engine: "fake", Model: "idle"} }

// Translate fails.
func (IdleModel) Translate(context.Context, bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errIdle
}

// Summarize fails.
func (IdleModel) Summarize(context.Context, bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	return bot.Summary{}, bot.ModelUsage{}, errIdle
}

// DraftFindings fails.
func (IdleModel) DraftFindings(context.Context, bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errIdle
}

// Explain fails.
func (IdleModel) Explain(context.Context, bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	return assessment.Text{}, bot.ModelUsage{}, errIdle
}

// SummaryModel is an IdleModel that summarises anything as "Zones first"
// and keeps the requests it was given.
type SummaryModel struct {
	IdleModel
	mu   sync.Mutex
	reqs []bot.SummaryRequest
}

// Summarize records req and answers one key point.
func (m *SummaryModel) Summarize(_ context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = append(m.reqs, req)
	return bot.Summary{KeyPoints: []assessment.Text{{JA: "ゾーン分割を先に", EN: "Zones first"}}}, bot.ModelUsage{Calls: 1}, nil
}

// Requests are the summary requests so far.
func (m *SummaryModel) Requests() []bot.SummaryRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]bot.SummaryRequest(nil), m.reqs...)
}

// Pending counts the messages of d's platform still in the outbox (due
// within a day).
func Pending(tb testing.TB, d *outbox.Dispatcher) int {
	tb.Helper()
	out, err := d.Store.Outbox(context.Background(), d.Platform, d.Clock.Now().Add(24*time.Hour), 100)
	if err != nil {
		tb.Fatal(err)
	}
	return len(out)
}

// Deliver drains d's outbox, moving clock (d's clock) a second at a time
// for the per-conversation pacing, until nothing is left.
func Deliver(tb testing.TB, d *outbox.Dispatcher, clock *Clock) {
	tb.Helper()
	for range 120 {
		if _, err := d.Drain(context.Background()); err != nil {
			tb.Fatal(err)
		}
		if Pending(tb, d) == 0 {
			return
		}
		clock.Advance(time.Second)
	}
	tb.Fatalf("outbox still holds %d messages", Pending(tb, d))
}
