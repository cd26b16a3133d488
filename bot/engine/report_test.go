package engine_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/bot/report"
)

// recRenderer is a bot.Renderer over assessment/render that remembers
// what it was asked to render.
type recRenderer struct {
	mu    sync.Mutex
	calls []renderCall
}

type renderCall struct {
	format string
	lang   assessment.Lang
	rep    *assessment.Report
}

func (r *recRenderer) Report(rep *assessment.Report, format string, lang assessment.Lang) (bot.Attachment, error) {
	r.mu.Lock()
	r.calls = append(r.calls, renderCall{format: format, lang: lang, rep: rep})
	r.mu.Unlock()
	f, err := render.ParseFormat(format)
	if err != nil {
		return bot.Attachment{}, err
	}
	data, err := render.Report(rep, f, lang)
	if err != nil {
		return bot.Attachment{}, err
	}
	return bot.Attachment{Name: render.FileName(rep, f, lang), MIME: f.MIME(), Data: data}, nil
}

func (r *recRenderer) Chart(rep *assessment.Report, lang assessment.Lang) (bot.Attachment, error) {
	data, err := render.RadarPNG(rep, lang)
	if err != nil {
		return bot.Attachment{}, err
	}
	return bot.Attachment{Name: render.ChartFileName(rep), MIME: "image/png", Data: data}, nil
}

// reports returns and forgets the report calls so far.
func (r *recRenderer) reports() []renderCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.calls
	r.calls = nil
	return out
}

// newEngine is another engine on the harness's database and clock.
func (h *harness) newEngine(packs bot.Packs, cfg bot.Config) *engine.Engine {
	return engine.New(h.db, packs, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
}

// newReportHarness is a harness whose engine, over packs (the harness's
// registry when nil), renders reports with a recRenderer.
func newReportHarness(t *testing.T, packs ...bot.Packs) (*harness, *recRenderer) {
	h := newHarness(t)
	r := &recRenderer{}
	var p bot.Packs = h.packs
	if len(packs) > 0 {
		p = packs[0]
	}
	h.engine = h.newEngine(p, bot.Config{Renderer: r})
	h.disp.Renderer = h.engine
	return h, r
}

// engagement reads one engagement as stored.
func (h *harness) engagement(id string) *bot.Engagement {
	h.t.Helper()
	var eng *bot.Engagement
	err := h.db.View(context.Background(), func(tx bot.Tx) (err error) {
		eng, err = tx.Engagement(id)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return eng
}

// answerAll has the SPOC type an answer to every question from q on and
// returns everything sent meanwhile.
func (h *harness) answerAll(q *bot.Question, value func(item string) string) []bot.Outgoing {
	h.t.Helper()
	var sent []bot.Outgoing
	for n := 0; q != nil; n++ {
		if n > 100 {
			h.t.Fatal("the interview does not end")
		}
		h.dm(spoc, value(q.Item))
		out := h.rec.take()
		sent = append(sent, out...)
		q = lastQuestion(out)
	}
	return sent
}

func attachments(out []bot.Outgoing) []bot.Attachment {
	var files []bot.Attachment
	for _, o := range out {
		files = append(files, o.Reply.Attachments...)
	}
	return files
}

func TestReport_RefusedForSPOCAndStrangers(t *testing.T) {
	h, r := newReportHarness(t)
	q := h.setup("")
	for _, ev := range []bot.Event{
		{Conversation: "C1", User: spoc.ID, Text: "report", Command: true},
		{Conversation: "C1", User: other.ID, Text: "report xlsx en", Command: true},
		{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "report"},
	} {
		res := h.event(ev)
		if res.Respond == nil || !res.Respond.Ephemeral || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
			t.Errorf("%s in %s: respond = %+v", ev.User, ev.Conversation, res.Respond)
		}
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("a refused report sent:\n%s", texts(out))
	}
	if calls := r.reports(); len(calls) != 0 {
		t.Errorf("a refused report was rendered %d times", len(calls))
	}
	if s := h.engagement(q.Engagement).Status; s != bot.StatusSelfAssessment {
		t.Errorf("status %s after refused reports, want self_assessment", s)
	}
}

func TestReport_LeadGetsTheFileInTheAskedFormatAndLanguage(t *testing.T) {
	tests := []struct {
		name, extra, cmd, format, suffix, mime string
		lang                                   assessment.Lang
		reassess                               bool
		inFile                                 []string
	}{
		{"xlsx en from the self round", "", "report xlsx en", "xlsx", "-en.xlsx", render.XLSX.MIME(), assessment.EN, false, []string{"PK"}},
		{"md ja from review", "", "report md ja", "md", "-ja.md", render.Markdown.MIME(), assessment.JA, true, []string{"エグゼクティブサマリ", "**状態**: 報告済み", "**再評価した項目**: 1/32"}},
		{"default html, both", "lang:both", "report", "html", "-both.html", render.HTML.MIME(), assessment.Both, false, []string{"エグゼクティブサマリ", "Executive summary"}},
		{"default html, ja", "lang:ja", "report", "html", "-ja.html", render.HTML.MIME(), assessment.JA, false, []string{`<html lang="ja">`, "エグゼクティブサマリ"}},
		{"Markdown in capitals, en", "", "report Markdown EN", "md", "-en.md", render.Markdown.MIME(), assessment.EN, false, []string{"# OT security assessment report — Plant A"}},
		{"docx ja, for Word", "", "report docx ja", "docx", "-ja.docx", render.DOCX.MIME(), assessment.JA, false, []string{"PK", "word/document.xml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, r := newReportHarness(t)
			q := h.setup(tc.extra)
			if tc.reassess {
				h.channel(lead, `reassess 3-5 1 "flat network"`)
				if s := h.engagement(q.Engagement).Status; s != bot.StatusReview {
					t.Fatalf("status %s after reassess, want review", s)
				}
			}
			h.rec.take()
			h.channel(lead, tc.cmd)
			if s := h.engagement(q.Engagement).Status; s != bot.StatusReported {
				t.Errorf("status %s, want reported", s)
			}
			calls := r.reports()
			if len(calls) != 1 || calls[0].format != tc.format || calls[0].lang != tc.lang {
				t.Fatalf("rendered %+v, want one %s report in %s", calls, tc.format, tc.lang)
			}
			out := h.rec.take()
			files := attachments(out)
			if len(out) != 1 || out[0].Conversation != "C1" || len(files) != 1 {
				t.Fatalf("sent %d messages with %d files:\n%s", len(out), len(files), texts(out))
			}
			f := files[0]
			if !strings.HasPrefix(f.Name, "otassess-Plant-A") || !strings.HasSuffix(f.Name, tc.suffix) || f.MIME != tc.mime {
				t.Errorf("file %s (%s), want …%s (%s)", f.Name, f.MIME, tc.suffix, tc.mime)
			}
			for _, want := range tc.inFile {
				if !bytes.Contains(f.Data, []byte(want)) {
					t.Errorf("%s (%d bytes) does not hold %q", f.Name, len(f.Data), want)
				}
			}
			if out[0].Reply.Engagement != q.Engagement || out[0].Reply.Text == "" {
				t.Errorf("reply %+v", out[0].Reply)
			}
		})
	}
}

func TestReport_ReplyIsInTheUsersLanguage(t *testing.T) {
	h, _ := newReportHarness(t)
	h.setup("lang:both")
	h.channel(lead, "lang ja")
	h.rec.take()
	h.channel(lead, "report xlsx en")
	out := h.rec.take()
	if len(out) != 1 || out[0].Reply.Text != "Plant Aの評価報告書（XLSX）をお送りします。" {
		t.Errorf("reply:\n%s", texts(out))
	}
	h.channel(lead, "lang en")
	h.rec.take()
	h.channel(lead, "report")
	if out := h.rec.take(); len(out) != 1 || out[0].Reply.Text != "Here is the assessment report for Plant A (HTML)." {
		t.Errorf("reply:\n%s", texts(out))
	}
}

func TestReport_BadArgumentsChangeNothing(t *testing.T) {
	h, r := newReportHarness(t)
	q := h.setup("")
	h.rec.take()
	for _, cmd := range []string{"report pdf", "report xlsx fr", "report html en extra", "report xlsx md", "report en ja"} {
		h.channel(lead, cmd)
		out := h.rec.take()
		if len(out) != 1 || len(attachments(out)) != 0 || !strings.Contains(out[0].Reply.Text, "Type report [html|docx|xlsx|md|json] [ja|en|both]") {
			t.Errorf("%q → %s", cmd, texts(out))
		}
	}
	if calls := r.reports(); len(calls) != 0 {
		t.Errorf("bad arguments rendered %d reports", len(calls))
	}
	if s := h.engagement(q.Engagement).Status; s != bot.StatusSelfAssessment {
		t.Errorf("status %s after bad arguments, want self_assessment", s)
	}
}

func TestReport_WithoutARendererSaysItIsNotSetUp(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	h.rec.take()
	h.channel(lead, "report xlsx")
	out := h.rec.take()
	if len(out) != 1 || len(attachments(out)) != 0 || !strings.Contains(out[0].Reply.Text, "Report export is not set up on this server") {
		t.Errorf("report without a renderer:\n%s", texts(out))
	}
	if s := h.engagement(q.Engagement).Status; s != bot.StatusSelfAssessment {
		t.Errorf("status %s, want self_assessment", s)
	}
}

// cycle answers items by their place in the pack, round a cycle of levels.
func cycle(p *assessment.Pack, values ...string) func(string) string {
	return func(item string) string { return values[p.Index(item)%len(values)] }
}

func TestSummaryText_Golden(t *testing.T) {
	h, _ := newReportHarness(t)
	h.others(t, 3)
	q := h.setup("")
	h.answerAll(q, cycle(h.mustPack(), "0", "1", "2", "3", "4", "na", "2"))
	h.channel(lead, `reassess 1-1 3 "the plant manager chairs a security committee"`)
	h.channel(lead, `reassess 3-5 0 "office and OT share one flat network"`)
	rep := h.report(q.Engagement)
	golden(t, "report_summary_en.golden", report.SummaryText(rep, assessment.EN))
	golden(t, "report_summary_ja.golden", report.SummaryText(rep, assessment.JA))
}

// Without a reference, with an item left for the interview and a category
// mostly not applicable, the figures say why there is no score.
func TestSummaryText_PartialGolden(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("")
	h.answerAll(q, func(item string) string {
		switch {
		case item == "3-5":
			return "unsure"
		case strings.HasPrefix(item, "4-"):
			return "na"
		case strings.HasPrefix(item, "1-"):
			return "3"
		case strings.HasPrefix(item, "2-"):
			return "1"
		}
		return "2"
	})
	h.channel(lead, `reassess 3-5 2 "zones seen on site"`)
	rep := h.report(q.Engagement)
	golden(t, "report_summary_partial_en.golden", report.SummaryText(rep, assessment.EN))
	golden(t, "report_summary_partial_ja.golden", report.SummaryText(rep, assessment.JA))
	golden(t, "report_summary_partial_both.golden", report.SummaryText(rep, assessment.Both))
}

// failingRenderer cannot render anything.
type failingRenderer struct{}

func (failingRenderer) Report(*assessment.Report, string, assessment.Lang) (bot.Attachment, error) {
	return bot.Attachment{}, errors.New("render: disk full")
}

func (failingRenderer) Chart(*assessment.Report, assessment.Lang) (bot.Attachment, error) {
	return bot.Attachment{}, errors.New("render: disk full")
}

func TestReport_ARenderFailureIsRetriedThenToldAndSendsNoFile(t *testing.T) {
	h := newHarness(t)
	h.engine = h.newEngine(h.packs, bot.Config{Renderer: failingRenderer{}})
	h.disp.Renderer = h.engine
	h.setup("")
	h.rec.take()
	h.channel(lead, "report")
	if out := h.rec.take(); len(out) != 0 {
		t.Fatalf("a report that could not be made sent at once:\n%s", texts(out))
	}
	out := h.retryFor(outbox.DefaultMaxAttempts)
	const want = "The report <@ULEAD> asked for could not be made (reason: report_render). Please run report again in a moment"
	if len(out) != 1 || len(attachments(out)) != 0 || out[0].Conversation != "C1" || !strings.HasPrefix(out[0].Reply.Text, want) {
		t.Errorf("after %d failed attempts the report sent:\n%s", outbox.DefaultMaxAttempts, texts(out))
	}
	if out := h.retryFor(3); len(out) != 0 {
		t.Errorf("a report given up on was tried again:\n%s", texts(out))
	}
}

func TestCloseEngagement_ClosesOnceAndTellsTheChannel(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("lang:ja")
	h.rec.take()
	ctx := context.Background()
	if err := h.engine.CloseEngagement(ctx, q.Engagement); err != nil {
		t.Fatal(err)
	}
	if _, err := h.disp.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	out := h.rec.take()
	if len(out) != 1 || out[0].Conversation != "C1" || !out[0].Reply.Channel || !strings.HasPrefix(out[0].Reply.Text, "案件「Plant A」をクローズしました。") {
		t.Errorf("closing sent:\n%s", texts(out))
	}
	if s := h.engagement(q.Engagement).Status; s != bot.StatusClosed {
		t.Errorf("status %s, want closed", s)
	}
	if err := h.engine.CloseEngagement(ctx, q.Engagement); !errors.Is(err, engine.ErrClosed) {
		t.Errorf("closing again: %v, want ErrClosed", err)
	}
	if err := h.engine.CloseEngagement(ctx, "nosuchid"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("closing an unknown engagement: %v, want ErrNotFound", err)
	}
	if _, err := h.disp.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("refused closes sent:\n%s", texts(out))
	}
}
