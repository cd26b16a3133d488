package discord

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// reportRenderer renders reports with assessment/render, as cmd wires it.
type reportRenderer struct{}

func (reportRenderer) Report(r *assessment.Report, format string, lang assessment.Lang) (bot.Attachment, error) {
	f, err := render.ParseFormat(format)
	if err != nil {
		return bot.Attachment{}, err
	}
	data, err := render.Report(r, f, lang)
	if err != nil {
		return bot.Attachment{}, err
	}
	return bot.Attachment{Name: render.FileName(r, f, lang), MIME: f.MIME(), Data: data}, nil
}

func (reportRenderer) Chart(r *assessment.Report, lang assessment.Lang) (bot.Attachment, error) {
	data, err := render.RadarPNG(r, lang)
	return bot.Attachment{Name: render.ChartFileName(r), MIME: "image/png", Data: data}, err
}

func TestSlashReport_LeadGetsTheFileAndTheSPOCIsRefusedPrivately(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, bot.Config{Renderer: reportRenderer{}})
	h.run()
	h.started()
	h.waitFor("the created, consent asked and accepted posts", func() bool { return len(h.fake.messagesTo(channel)) == 3 })

	refused := h.gatewayInteraction(slashPayload(h.nextID(), spoc, "report", opt("format", 3, "md")))
	if refused.Type != 4 || refused.Data == nil || refused.Data.Flags&64 == 0 ||
		refused.Data.Content != "Only the lead or an assessor of this engagement can do that." {
		t.Errorf("response to the SPOC's report = %s, want a private refusal", refused.raw)
	}
	if eng := h.engagement("Plant-A"); eng.Status != bot.StatusSelfAssessment {
		t.Errorf("the SPOC's refused report moved the engagement to %s", eng.Status)
	}

	ack := h.gatewayInteraction(slashPayload(h.nextID(), lead, "report", opt("format", 3, "md")))
	if ack.Type != 4 || ack.Data == nil || ack.Data.Flags&64 == 0 {
		t.Errorf("response to the lead's report = %s, want a private acknowledgement", ack.raw)
	}
	h.waitFor("the report in the channel", func() bool { return len(h.fake.messagesTo(channel)) == 4 })
	// The channel's messages go out in order, so a file from the SPOC's
	// attempt would have come before the lead's.
	msgs := h.fake.messagesTo(channel)
	for _, m := range msgs[:3] {
		if len(m.Files) != 0 {
			t.Errorf("channel message %q carries %d files, want files on the lead's report only", m.Content, len(m.Files))
		}
	}
	m := msgs[3]
	if m.Content != `Here is the assessment report for Plant-A (MD).` || len(m.Files) != 1 {
		t.Fatalf("report message %q with %d files, want the text and one file", m.Content, len(m.Files))
	}
	f := m.Files[0]
	if !strings.HasSuffix(f.Name, ".md") || !strings.HasPrefix(f.ContentType, "text/markdown") || !strings.Contains(string(f.Data), "Plant-A") {
		t.Errorf("file %q (%s) = %.80q…, want the Markdown report of Plant-A", f.Name, f.ContentType, f.Data)
	}
	if eng := h.engagement("Plant-A"); eng.Status != bot.StatusReported {
		t.Errorf("status after the lead's report = %s, want reported", eng.Status)
	}
}

// engagement reads an engagement by name from the store.
func (h *harness) engagement(name string) *bot.Engagement {
	h.t.Helper()
	eng, err := engine.FindEngagement(h.t.Context(), h.db, name)
	if err != nil {
		h.t.Fatal(err)
	}
	return eng
}
