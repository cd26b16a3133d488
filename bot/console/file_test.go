package console_test

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage/storagetest"
)

// fileRenderer is bot.Renderer over assessment/render, as cmd wires it.
type fileRenderer struct{}

func (fileRenderer) Report(r *assessment.Report, format string, lang assessment.Lang) (bot.Attachment, error) {
	f, err := render.ParseFormat(format)
	if err != nil {
		return bot.Attachment{}, err
	}
	b, err := render.Report(r, f, lang)
	return bot.Attachment{Name: render.FileName(r, f, lang), MIME: f.MIME(), Data: b}, err
}

func (fileRenderer) Chart(r *assessment.Report, lang assessment.Lang) (bot.Attachment, error) {
	b, err := render.RadarPNG(r, lang)
	return bot.Attachment{Name: render.ChartFileName(r), MIME: "image/png", Data: b}, err
}

// newFileChat is a console chat whose engine renders reports and whose
// sender saves attachments in dir.
func newFileChat(t *testing.T, out io.Writer, dir string) *console.Chat {
	t.Helper()
	db := storagetest.Open(t)
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	en := engine.New(db, reg, bot.SystemClock{}, log, bot.Config{Renderer: fileRenderer{}})
	eng, err := en.CreateEngagement(context.Background(), bot.EngagementSpec{
		Name: "console", Langs: assessment.EN, Platform: console.Platform, Workspace: console.Workspace, Channel: console.Channel,
		Creator: console.UserRef, People: map[bot.UserRef][]bot.Role{console.UserRef: {bot.RoleSPOC, bot.RoleLead}},
	})
	if err != nil {
		t.Fatal(err)
	}
	disp := &outbox.Dispatcher{Store: db, Sender: &console.Sender{Out: out, Dir: dir}, Platform: console.Platform, Clock: bot.SystemClock{}, Log: log, Renderer: en}
	return &console.Chat{Engine: en, Dispatcher: disp, Out: out, Engagement: eng.ID}
}

func TestChat_ReportAndChartAreSavedAndNamedNeverPrinted(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	c := newFileChat(t, &out, dir)
	in := strings.Repeat("2\n", 32) + "report md en\n"
	if err := c.Run(context.Background(), strings.NewReader(in), "start"); err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(dir, "otassess-console-chart.png")
	report := filepath.Join(dir, "otassess-console-en.md")
	text := out.String()
	if !strings.Contains(text, "\n[channel] [file] "+chart+"\n") {
		t.Errorf("the completion post does not name the chart file %s:\n%s", chart, tail(text))
	}
	if !strings.Contains(text, "\n[file] "+report+"\n") {
		t.Errorf("the report reply does not name %s:\n%s", report, tail(text))
	}
	if strings.Contains(text, "\x89PNG") || strings.Contains(text, "| ") {
		t.Errorf("file contents were printed to the terminal:\n%s", tail(text))
	}
	b, err := os.ReadFile(chart)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Errorf("saved chart is not a PNG: %v", err)
	}
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| **Total** | B (61%) |") {
		t.Errorf("saved report lacks the total B (61%%):\n%s", md)
	}
	if fi, _ := os.Stat(report); fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestSender_UnsavableFileStaysQueued(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-dir")
	var out strings.Builder
	s := &console.Sender{Out: &out, Dir: missing}
	o := bot.Outgoing{Reply: bot.Reply{Text: "report", Attachments: []bot.Attachment{{Name: "r.md", Data: []byte("x")}}}}
	if err := s.Send(context.Background(), o); err == nil {
		t.Fatal("Send into a missing directory succeeded; the dispatcher would drop the message")
	}
	if out.Len() != 0 {
		t.Errorf("printed %q although the file was not saved", out.String())
	}
	bad := bot.Outgoing{Reply: bot.Reply{Attachments: []bot.Attachment{{Name: "../..", Data: []byte("x")}}}}
	if err := (&console.Sender{Out: &out, Dir: t.TempDir()}).Send(context.Background(), bad); err == nil {
		t.Error("an attachment named ../.. was saved")
	}
}

func tail(s string) string { return s[max(0, len(s)-1500):] }
