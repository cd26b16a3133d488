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
	start := time.Now()
	out, u, err := mm.m.Translate(ctx, req)
	mm.pm.call("translate", start, u, err)
	return out, u, err
}

func (mm *meteredModel) Summarize(ctx context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	start := time.Now()
	out, u, err := mm.m.Summarize(ctx, req)
	mm.pm.call("summarize", start, u, err)
	return out, u, err
}

func (mm *meteredModel) DraftFindings(ctx context.Context, req bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	start := time.Now()
	out, u, err := mm.m.DraftFindings(ctx, req)
	mm.pm.call("draft", start, u, err)
	return out, u, err
}

func (mm *meteredModel) Explain(ctx context.Context, req bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	start := time.Now()
	out, u, err := mm.m.Explain(ctx, req)
	mm.pm.call("explain", start, u, err)
	return out, u, err
}
