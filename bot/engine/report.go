package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/followup"
	"github.com/otassess/otassess/bot/report"
)

// cmdReport marks the engagement reported and queues the report, in the
// same transaction, as a render request: the dispatcher builds and renders
// the file just before sending it, outside the write transaction, so an
// acknowledged report survives a crash before it was made.
// report [html|docx|xlsx|md|json] [ja|en|both].
func (t *turn) cmdReport(in input) error {
	if t.e.cfg.Renderer == nil {
		return t.Reply("report_unavailable")
	}
	format, lang, ok := report.Args(in.args, t.eng.Langs)
	if !ok {
		return t.Reply("report_usage")
	}
	if t.eng.Status == bot.StatusSelfAssessment || t.eng.Status == bot.StatusReview {
		if err := t.tx.SetStatus(t.eng.ID, bot.StatusReported); err != nil {
			return err
		}
		t.eng.Status = bot.StatusReported
	}
	return t.Send(bot.Reply{Text: catalog.Say(t.lang, "report_ready", t.eng.Name, strings.ToUpper(format)),
		Render: &bot.RenderRequest{Kind: bot.RenderReport, Format: format, Lang: lang}})
}

// chartPost queues the completion post to the engagement channel: the
// score table against the reference, in the engagement's languages, with
// the radar chart attached. Both are made at delivery from a render
// request, because the reference average is a long read that must not hold
// the writer. Without a renderer nothing is queued.
func (t *turn) chartPost() error {
	if t.e.cfg.Renderer == nil {
		return nil
	}
	o := t.eng.ChannelPost("", t.now)
	o.Reply.Render = &bot.RenderRequest{Kind: bot.RenderChart, Lang: t.eng.Langs}
	return t.tx.Enqueue(o)
}

// Render makes the file of a queued reply's render request from its
// engagement's report as it is now, built on the read-only view, and
// returns the reply to send: the file attached in place of the request
// (and, for the chart, the score table as the text).
func (e *Engine) Render(ctx context.Context, r bot.Reply) (bot.Reply, error) {
	req := *r.Render
	if e.cfg.Renderer == nil {
		return r, fmt.Errorf("bot: render %s: no renderer is set up", req.Kind)
	}
	rep, err := e.Report(ctx, r.Engagement)
	if err != nil {
		return r, err
	}
	file, text, err := report.File(rep, e.cfg.Renderer, req)
	if err != nil {
		return r, fmt.Errorf("bot: render %s of %s: %w", req.Kind, r.Engagement, err)
	}
	if text != "" {
		r.Text = text
	}
	r.Render, r.Attachments = nil, append(slices.Clone(r.Attachments), file)
	return r, nil
}

// Report builds an engagement's report in one read-only transaction: both
// rounds, comments, history, the findings and the reference
// average. It never holds the writer, so it may take its time.
func (e *Engine) Report(ctx context.Context, engagementID string) (*assessment.Report, error) {
	var in assessment.ReportInput
	err := e.store.View(ctx, func(tx bot.Tx) error {
		eng, err := tx.Engagement(engagementID)
		if err != nil {
			return err
		}
		pack, err := e.PackIn(tx, eng)
		if err != nil {
			return err
		}
		if in, err = report.Input(tx, eng, pack, e.clock.Now()); err != nil {
			return err
		}
		in.Previous, err = followup.Result(tx, e, eng)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bot: report of %s: %w", engagementID, err)
	}
	return assessment.BuildReport(in), nil
}

// ErrClosed is returned when an engagement that is closed would change.
var ErrClosed = errors.New("engagement is closed")

// CloseEngagement closes an engagement outside a conversation (the CLI's
// engagement close) and tells its channel. Closing a closed engagement
// returns ErrClosed and changes nothing.
func (e *Engine) CloseEngagement(ctx context.Context, engagementID string) error {
	return e.store.Update(ctx, func(tx bot.Tx) error {
		eng, err := tx.Engagement(engagementID)
		if err != nil {
			return err
		}
		if eng.Status == bot.StatusClosed {
			return fmt.Errorf("bot: close %s: %w", eng.ID, ErrClosed)
		}
		if err := tx.SetStatus(eng.ID, bot.StatusClosed); err != nil {
			return err
		}
		return tx.Enqueue(eng.ChannelPost(catalog.Say(eng.Langs, "closed", eng.Name), e.clock.Now().UTC()))
	})
}
