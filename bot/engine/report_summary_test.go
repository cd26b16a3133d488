package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/report"
)

// With items open in the self-assessment, the chat summary gives the same
// provisional figures as the report's executive summary, marked
// provisional with the count of answered items, in both languages, and
// says once what provisional means.
func TestSummaryText_OpenItemsShowTheReportsProvisionalFigures(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("")
	h.answerAll(q, func(item string) string {
		if item == "3-5" || item == "3-7" {
			return "unsure"
		}
		return cycle(h.mustPack(), "1", "2", "3")(item)
	})
	rep := h.report(q.Engagement)
	tech, total := summaryRow(t, rep, "tech"), rep.Summary[len(rep.Summary)-1]
	en, ja := report.SummaryText(rep, assessment.EN), report.SummaryText(rep, assessment.JA)
	for _, c := range []struct {
		row      assessment.SummaryRow
		en, ja   string
		answered string
	}{{tech, "Technology", "技術", "6/8"}, {total, "Total", "総合", "30/32"}} {
		v, g, prov, ok := c.row.Self.Shown()
		if !ok || !prov {
			t.Fatalf("%s: the report shows no provisional figure: %+v", c.en, c.row.Self)
		}
		wantEN := fmt.Sprintf("  %s: %d (%s), provisional (%s answered) →", c.en, v, g, c.answered)
		wantJA := fmt.Sprintf("  %s: %d (%s)・暫定（回答%s） →", c.ja, v, g, c.answered)
		if !strings.Contains(en, wantEN) {
			t.Errorf("English summary lacks %q:\n%s", wantEN, en)
		}
		if !strings.Contains(ja, wantJA) {
			t.Errorf("Japanese summary lacks %q:\n%s", wantJA, ja)
		}
	}
	if strings.Contains(en, "incomplete") || strings.Contains(ja, "未完了") {
		t.Errorf("the summary still says incomplete instead of a provisional figure:\n%s\n%s", en, ja)
	}
	if !strings.Contains(en, "\nA provisional figure is calculated from the answered items only") ||
		!strings.Contains(ja, "\n「暫定」の値は回答済みの項目だけで算出した参考値です。") {
		t.Errorf("the summary does not say what provisional means:\n%s\n%s", en, ja)
	}
}

// A round with every item answered has exact figures and no note.
func TestSummaryText_CompleteRoundHasNoProvisionalNote(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("")
	h.answerAll(q, cycle(h.mustPack(), "1", "2", "3"))
	rep := h.report(q.Engagement)
	for _, lang := range []assessment.Lang{assessment.EN, assessment.JA} {
		if s := report.SummaryText(rep, lang); strings.Contains(s, "provisional") || strings.Contains(s, "暫定") {
			t.Errorf("%s: a complete round is marked provisional:\n%s", lang, s)
		}
	}
}

func summaryRow(t *testing.T, rep *assessment.Report, cat string) assessment.SummaryRow {
	t.Helper()
	for _, row := range rep.Summary {
		if row.Category == cat {
			return row
		}
	}
	t.Fatalf("no summary row for %s", cat)
	return assessment.SummaryRow{}
}

// The scores command, in a round with open items, gives the figures the
// report's executive summary gives: provisional, with the count answered,
// never "incomplete" with no number.
func TestScores_OpenItemsShowTheSameProvisionalFiguresAsTheReport(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("")
	h.answerAll(q, func(item string) string {
		if item == "3-5" || item == "3-7" {
			return "unsure"
		}
		return cycle(h.mustPack(), "1", "2", "3")(item)
	})
	rep := h.report(q.Engagement)
	v, g, prov, ok := summaryRow(t, rep, "tech").Self.Shown()
	if !ok || !prov {
		t.Fatalf("the report shows no provisional technology figure")
	}
	h.rec.take()
	h.channel(lead, "lang en")
	h.channel(lead, "scores")
	got := texts(h.rec.take())
	want := fmt.Sprintf("Technical measures: %d (%s), provisional (6/8 answered)", v, g)
	if !strings.Contains(got, want) || strings.Contains(got, "incomplete") {
		t.Errorf("scores do not give the report's provisional figure %q:\n%s", want, got)
	}
	if !strings.Contains(got, "A provisional figure is calculated from the answered items only") {
		t.Errorf("scores do not say what provisional means:\n%s", got)
	}
}
