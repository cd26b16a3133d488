package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// Renderer turns a report model into files. cmd wires assessment/render
// into it, so bot never imports the spreadsheet and chart libraries.
// Both methods are pure and fast (well under a second).
type Renderer interface {
	// Report renders r in a format (md, html, xlsx, docx or json) and language.
	// An unknown format is an error.
	Report(r *assessment.Report, format string, lang assessment.Lang) (Attachment, error)
	// Chart draws r's radar chart of the categories as a PNG, its labels
	// and legend in lang.
	Chart(r *assessment.Report, lang assessment.Lang) (Attachment, error)
}

// ReportFormats are the formats of the report command; the first is the default.
var ReportFormats = []string{"html", "docx", "xlsx", "md", "json"}

// cmdReport marks the engagement reported and queues the report, in the
// same transaction, as a render request: the dispatcher builds and renders
// the file just before sending it, outside the write transaction, so an
// acknowledged report survives a crash before it was made.
// report [html|docx|xlsx|md|json] [ja|en|both].
func (t *turn) cmdReport(in input) error {
	if t.e.cfg.Renderer == nil {
		return t.reply("report_unavailable")
	}
	format, lang, ok := reportArgs(in.args, t.eng.Langs)
	if !ok {
		return t.reply("report_usage")
	}
	if t.eng.Status == StatusSelfAssessment || t.eng.Status == StatusReview {
		if err := t.tx.SetStatus(t.eng.ID, StatusReported); err != nil {
			return err
		}
		t.eng.Status = StatusReported
	}
	return t.send(Reply{Text: catalog.Say(t.lang, "report_ready", t.eng.Name, strings.ToUpper(format)),
		Render: &RenderRequest{Kind: RenderReport, Format: format, Lang: lang}})
}

// reportArgs reads the report command's optional format and language. A
// word that is neither, or a second format or language, is not accepted:
// guessing which of two the user meant would send the wrong file.
func reportArgs(args []string, langs assessment.Lang) (format string, lang assessment.Lang, ok bool) {
	var gotFormat, gotLang bool
	format, lang = ReportFormats[0], langs
	for _, a := range args {
		a = strings.ToLower(a)
		if l, err := assessment.ParseLang(a); err == nil && !gotLang {
			lang, gotLang = l, true
			continue
		}
		if a == "markdown" {
			a = "md"
		}
		if gotFormat || !slices.Contains(ReportFormats, a) {
			return "", "", false
		}
		format, gotFormat = a, true
	}
	return format, lang, true
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
	o.Reply.Render = &RenderRequest{Kind: RenderChart, Lang: t.eng.Langs}
	return t.tx.Enqueue(o)
}

// Render makes the file of a queued reply's render request from its
// engagement's report as it is now, built on the read-only view, and
// returns the reply to send: the file attached in place of the request
// (and, for the chart, the score table as the text).
func (e *Engine) Render(ctx context.Context, r Reply) (Reply, error) {
	req := *r.Render
	if e.cfg.Renderer == nil {
		return r, fmt.Errorf("bot: render %s: no renderer is set up", req.Kind)
	}
	rep, err := e.Report(ctx, r.Engagement)
	if err != nil {
		return r, err
	}
	var file Attachment
	switch req.Kind {
	case RenderReport:
		file, err = e.cfg.Renderer.Report(rep, req.Format, req.Lang)
	case RenderChart:
		file, err = e.cfg.Renderer.Chart(rep, req.Lang)
		r.Text = SummaryText(rep, req.Lang)
	default:
		err = errors.New("unknown kind")
	}
	if err != nil {
		return r, fmt.Errorf("bot: render %s of %s: %w", req.Kind, r.Engagement, err)
	}
	r.Render, r.Attachments = nil, append(slices.Clone(r.Attachments), file)
	return r, nil
}

// Report builds an engagement's report in one read-only transaction: both
// rounds, comments, history, the findings and the reference
// average. It never holds the writer, so it may take its time.
func (e *Engine) Report(ctx context.Context, engagementID string) (*assessment.Report, error) {
	var in assessment.ReportInput
	err := e.store.View(ctx, func(tx Tx) error {
		eng, err := tx.Engagement(engagementID)
		if err != nil {
			return err
		}
		pack, err := e.PackIn(tx, eng)
		if err != nil {
			return err
		}
		in, err = e.reportInput(tx, eng, pack)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bot: report of %s: %w", engagementID, err)
	}
	return assessment.BuildReport(in), nil
}

func (e *Engine) reportInput(tx Tx, eng *Engagement, pack *assessment.Pack) (assessment.ReportInput, error) {
	in := assessment.ReportInput{Pack: pack, AsOf: e.clock.Now().In(location(eng.Timezone)),
		Engagement: assessment.ReportEngagement{ID: eng.ID, Name: eng.Name, Client: eng.Client, Site: eng.Site, Status: string(eng.Status),
			Firm: eng.Firm, Author: eng.Author, Timezone: eng.Timezone}}
	var err error
	if in.Self, in.Review, err = rounds(tx, eng.ID); err != nil {
		return in, err
	}
	comments, err := tx.Comments(eng.ID)
	if err != nil {
		return in, err
	}
	for _, c := range comments {
		in.Notes = append(in.Notes, assessment.Note{Item: c.Item, Round: string(c.Round), Author: c.Author.ID, Text: c.Text, At: c.At})
	}
	hist, err := tx.History(eng.ID)
	if err != nil {
		return in, err
	}
	for _, a := range hist {
		in.History = append(in.History, assessment.Change{Item: a.Item, Round: string(a.Round), Value: a.Value, Unsure: a.Unsure, Author: a.Author.ID, At: a.At})
	}
	if in.Findings, err = ReportFindings(tx, eng, pack); err != nil {
		return in, err
	}
	if in.Evidence, err = ReportEvidence(tx, eng.ID); err != nil {
		return in, err
	}
	if in.Plan, err = ReportPlan(tx, eng.ID); err != nil {
		return in, err
	}
	if in.Previous, err = e.previousResult(tx, eng); err != nil {
		return in, err
	}
	in.Reference, err = e.reference(tx, eng, pack)
	return in, err
}

// reference is the pack's configured reference average, else the average
// after-assessment scores of the other closed engagements on the same pack
// id and version (none unless there are enough of them).
func (e *Engine) reference(tx Tx, eng *Engagement, pack *assessment.Pack) (assessment.Reference, error) {
	if ref := assessment.PackReference(pack); ref.Source != "" {
		return ref, nil
	}
	closed, err := tx.ClosedAnswers(eng.PackID, eng.PackVersion, eng.ID)
	if err != nil {
		return assessment.Reference{}, err
	}
	results := make([]assessment.Result, 0, len(closed))
	for _, c := range closed {
		results = append(results, assessment.Score(pack, assessment.AfterAnswers(c.Self, c.Review)))
	}
	return assessment.AverageReference(pack, results), nil
}

// location is an engagement's time zone, UTC if it cannot be loaded.
func location(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// SummaryText is the executive summary as chat text: per category the self
// assessment, the result after assessment and the reference average. With
// both languages each row stays on one line and says everything in both.
// Its figures are the report's: where items are open, the score over the
// answered items, marked provisional with the count, and a note saying
// what provisional means.
func SummaryText(r *assessment.Report, lang assessment.Lang) string {
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "summary_head", r.Engagement.Name))
	provisional := false
	for _, row := range r.Summary {
		ref := "–"
		if row.Reference != nil {
			ref = fmt.Sprintf("%d (%s)", *row.Reference, assessment.GradeOf(*row.Reference))
		}
		fmt.Fprintf(&b, "\n  %s: %s → %s · %s %s", row.Label.Inline(lang), summaryFigure(row.Self, lang), summaryFigure(row.After, lang), catalog.Inline(lang, "reference_label"), ref)
		provisional = provisional || isProvisional(row.Self) || isProvisional(row.After)
	}
	if provisional {
		b.WriteString("\n" + catalog.Say(lang, "summary_provisional_note"))
	}
	if r.Reference.Source == "" {
		b.WriteString("\n" + catalog.Say(lang, "reference_none"))
	}
	return b.String()
}

// summaryFigure is a figure the way the report's executive summary gives
// it: exact, provisional with the count of answered items, or why there is
// no score.
func summaryFigure(f assessment.Figure, lang assessment.Lang) string {
	v, g, prov, ok := f.Shown()
	switch {
	case ok && prov:
		return catalog.Inline(lang, "figure_provisional", v, g, f.Answered, f.Items)
	case ok:
		return fmt.Sprintf("%d (%s)", v, g)
	case f.TooManyNA:
		return catalog.Inline(lang, "not_scorable_na")
	case f.Incomplete:
		return catalog.Inline(lang, "figure_no_score", f.Answered, f.Items)
	}
	return catalog.Inline(lang, "not_scorable_na")
}

func isProvisional(f assessment.Figure) bool {
	_, _, prov, ok := f.Shown()
	return ok && prov
}

// ErrClosed is returned when an engagement that is closed would change.
var ErrClosed = errors.New("engagement is closed")

// CloseEngagement closes an engagement outside a conversation (the CLI's
// engagement close) and tells its channel. Closing a closed engagement
// returns ErrClosed and changes nothing.
func (e *Engine) CloseEngagement(ctx context.Context, engagementID string) error {
	return e.store.Update(ctx, func(tx Tx) error {
		eng, err := tx.Engagement(engagementID)
		if err != nil {
			return err
		}
		if eng.Status == StatusClosed {
			return fmt.Errorf("bot: close %s: %w", eng.ID, ErrClosed)
		}
		if err := tx.SetStatus(eng.ID, StatusClosed); err != nil {
			return err
		}
		return tx.Enqueue(eng.ChannelPost(catalog.Say(eng.Langs, "closed", eng.Name), e.clock.Now().UTC()))
	})
}
