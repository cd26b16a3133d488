package main

import (
	"context"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// model wraps m so that pm counts its calls; nil stays nil (no model).
func (pm *productMetrics) model(m bot.Model) bot.Model {
	if m == nil {
		return nil
	}
	return &meteredModel{m: m, pm: pm}
}

// meteredModel is a bot.Model whose calls are counted and timed.
type meteredModel struct {
	m  bot.Model
	pm *productMetrics
}

func (mm *meteredModel) Info() bot.ModelInfo { return mm.m.Info() }

func (mm *meteredModel) Translate(ctx context.Context, req bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	return metered(mm.pm, "translate", func() ([]bot.Translation, bot.ModelUsage, error) { return mm.m.Translate(ctx, req) })
}

func (mm *meteredModel) Summarize(ctx context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	return metered(mm.pm, "summarize", func() (bot.Summary, bot.ModelUsage, error) { return mm.m.Summarize(ctx, req) })
}

func (mm *meteredModel) DraftFindings(ctx context.Context, req bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	return metered(mm.pm, "draft", func() ([]assessment.Finding, bot.ModelUsage, error) { return mm.m.DraftFindings(ctx, req) })
}

func (mm *meteredModel) Explain(ctx context.Context, req bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	return metered(mm.pm, "explain", func() (assessment.Text, bot.ModelUsage, error) { return mm.m.Explain(ctx, req) })
}

// metered makes one model call and records it (kind, duration, usage,
// outcome) in the product's metrics.
func metered[T any](pm *productMetrics, kind string, call func() (T, bot.ModelUsage, error)) (T, bot.ModelUsage, error) {
	start := time.Now()
	out, u, err := call()
	pm.call(kind, start, u, err)
	return out, u, err
}
