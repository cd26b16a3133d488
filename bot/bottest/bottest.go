// Package bottest holds test doubles of the engine's collaborators that the
// engine's and the chat adapters' tests share: a settable clock and a
// configured language model that is never called. It is imported by tests
// only.
package bottest

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
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

// DraftRiskComments fails.
func (IdleModel) DraftRiskComments(context.Context, bot.RiskRequest) ([]assessment.RiskDraft, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errIdle
}

// Explain fails.
func (IdleModel) Explain(context.Context, bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	return assessment.Text{}, bot.ModelUsage{}, errIdle
}
