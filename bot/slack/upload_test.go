package slack_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
)

// upload is a file as the fake Slack saw it through the three steps of
// UploadFileContext.
type upload struct {
	Name    string // filename given to files.getUploadURLExternal
	Length  int    // length given to files.getUploadURLExternal
	Data    []byte // the body posted to the upload URL
	Channel string // channel_id of files.completeUploadExternal; "" until shared
	Comment string // initial_comment
	Title   string
}

// uploadURL is files.getUploadURLExternal: it hands out a file id and an
// upload URL on the fake itself.
func (f *fakeSlack) uploadURL(w http.ResponseWriter, r *http.Request) {
	c := f.record("files.getUploadURLExternal", r)
	n, err := strconv.Atoi(c.Form.Get("length"))
	if err != nil || n <= 0 || c.Form.Get("filename") == "" {
		reply(w, map[string]any{"ok": false, "error": "invalid_arguments"})
		return
	}
	id := "F" + strings.ReplaceAll(c.TS, ".", "")
	f.mu.Lock()
	f.uploads[id] = upload{Name: c.Form.Get("filename"), Length: n}
	f.mu.Unlock()
	reply(w, map[string]any{"ok": true, "file_id": id, "upload_url": f.GetAPIURL() + "upload/" + id})
}

// receive is the upload URL: a multipart form whose "file" part is stored
// with its file id.
func (f *fakeSlack) receive(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	file, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file part", http.StatusBadRequest)
		return
	}
	data, _ := io.ReadAll(file)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.uploads[id]
	if !ok {
		http.Error(w, "unknown upload", http.StatusNotFound)
		return
	}
	u.Data = data
	f.uploads[id] = u
	f.calls = append(f.calls, apiCall{Method: "upload", At: f.now()})
	fmt.Fprint(w, "OK - ", len(data))
}

// share is files.completeUploadExternal: it shares uploaded files in
// channel_id with the initial comment, or fails while failShare > 0.
func (f *fakeSlack) share(w http.ResponseWriter, r *http.Request) {
	c := f.record("files.completeUploadExternal", r)
	var files []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(c.Form.Get("files")), &files); err != nil || len(files) == 0 {
		reply(w, map[string]any{"ok": false, "error": "invalid_arguments"})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failShare > 0 {
		f.failShare--
		reply(w, map[string]any{"ok": false, "error": "internal_error"})
		return
	}
	for _, file := range files {
		u, ok := f.uploads[file.ID]
		if !ok || len(u.Data) != u.Length {
			reply(w, map[string]any{"ok": false, "error": "file_not_found"})
			return
		}
		u.Channel, u.Comment, u.Title = c.Form.Get("channel_id"), c.Form.Get("initial_comment"), file.Title
		f.uploads[file.ID] = u
	}
	reply(w, map[string]any{"ok": true, "files": files})
}

// shared returns the files shared in channel, in upload order.
func (f *fakeSlack) shared(channel string) []upload {
	var out []upload
	for _, c := range f.seen("files.completeUploadExternal", "") {
		var files []struct{ ID string }
		_ = json.Unmarshal([]byte(c.Form.Get("files")), &files)
		f.mu.Lock()
		for _, file := range files {
			if u := f.uploads[file.ID]; u.Channel == channel {
				out = append(out, u)
			}
		}
		f.mu.Unlock()
	}
	return out
}

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

func withRenderer(c *bot.Config) { c.Renderer = fileRenderer{} }

func TestReport_ArrivesAsAFileInTheChannel(t *testing.T) {
	h := newHarness(t, withRenderer)
	h.engagement()
	h.command(leadID, channel, "report md en")
	h.deliver()
	files := h.fake.shared(channel)
	if len(files) != 1 {
		t.Fatalf("%d files shared in %s, want the report; calls: %v", len(files), channel, h.fake.methods())
	}
	f := files[0]
	if f.Name != "otassess-Plant-A-en.md" || f.Title != f.Name || !strings.HasPrefix(string(f.Data), "# OT security assessment report — Plant-A\n") {
		t.Errorf("shared %q (title %q) starting %.60q", f.Name, f.Title, f.Data)
	}
	if f.Comment != "Here is the assessment report for Plant-A (MD)." {
		t.Errorf("initial_comment = %q", f.Comment)
	}
	for _, p := range h.fake.seen("chat.postMessage", channel) {
		if strings.Contains(p.Form.Get("text"), "assessment report") {
			t.Errorf("the report's text was also posted as a message: %q", p.Form.Get("text"))
		}
	}
}

func TestReport_FailedShareIsRetriedNotDropped(t *testing.T) {
	h := newHarness(t, withRenderer)
	h.engagement()
	h.fake.mu.Lock()
	h.fake.failShare = 2
	h.fake.mu.Unlock()
	h.command(leadID, channel, "report xlsx")
	h.deliver() // the dispatcher backs off and tries again until the outbox is empty
	if n := len(h.fake.seen("files.completeUploadExternal", "")); n != 3 {
		t.Errorf("%d completeUploadExternal calls, want 2 failures and the share", n)
	}
	files := h.fake.shared(channel)
	if len(files) != 1 || files[0].Name != "otassess-Plant-A-both.xlsx" || len(files[0].Data) == 0 {
		t.Fatalf("shared %+v, want the workbook once", files)
	}
	if !bytes.HasPrefix(files[0].Data, []byte("PK")) {
		t.Errorf("the shared workbook is not a zip file: %.8q", files[0].Data)
	}
}

func TestCompletion_PostsTheRadarChartWithTheScoreTable(t *testing.T) {
	h := newHarness(t, withRenderer)
	h.engagement()
	for range 32 {
		if n := len(h.fake.shared(channel)); n != 0 {
			t.Fatalf("%d files shared before the last answer", n)
		}
		h.press(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_2")
		h.deliver()
	}
	files := h.fake.shared(channel)
	if len(files) != 1 {
		t.Fatalf("%d files shared in the engagement channel after the last answer, want the chart; calls: %v", len(files), h.fake.methods())
	}
	f := files[0]
	if f.Name != "otassess-Plant-A-chart.png" || !bytes.HasPrefix(f.Data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("shared %q starting %.8q, want the radar chart PNG", f.Name, f.Data)
	}
	if !strings.Contains(f.Comment, "Plant-A") || !strings.Contains(f.Comment, "61 (B) → 61 (B)") {
		t.Errorf("the chart's comment is not the score table:\n%s", f.Comment)
	}
	if n := len(h.fake.shared(spocDM)); n != 0 {
		t.Errorf("%d files shared in the SPOC's DM; the chart is for the engagement channel", n)
	}
}
