package slack_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

const photo = "\x89PNG\r\n\x1a\nthe control panel"

// evidence is the open engagement's evidence in channel.
func (h *harness) evidence() []bot.Evidence {
	h.tb.Helper()
	id := h.engagementIn(channel)
	var out []bot.Evidence
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		out, err = tx.EvidenceOf(id)
		return err
	}); err != nil {
		h.tb.Fatal(err)
	}
	return out
}

// A photo posted with "evidence 3-5" is not downloaded during the intake;
// the worker downloads it with the bot token, keeps it with 3-5 and says
// so in the channel. A file Slack will not serve is not kept, and the
// poster is told.
func TestEvidence_APostedPhotoIsDownloadedByTheWorkerAndKept(t *testing.T) {
	fs := &fileServer{serve: map[string]func(http.ResponseWriter){
		"panel.png": func(w http.ResponseWriter) { _, _ = w.Write([]byte(photo)) },
	}}
	h := newHarnessWith(t, bot.Config{}, fs.bind)
	h.engagement()
	n := len(h.fake.seen("chat.postMessage", channel))
	for i, name := range []string{"panel.png", "gone.png"} {
		ev := mention(channel, leadID, "evidence 3-5", "1700000500.00010"+string(rune('0'+i)), "")
		ev["files"] = []any{map[string]any{"id": "F" + name, "name": name, "size": len(photo), "url_private_download": h.fake.GetAPIURL() + "files/" + name}}
		h.event("EvE"+name, ev)
	}
	if fs.hits.Load() != 0 || len(h.evidence()) != 0 {
		t.Fatalf("%d downloads and %d pieces of evidence before the worker ran", fs.hits.Load(), len(h.evidence()))
	}
	h.deliver()
	h.work(h.worker())
	got := h.evidence()
	if len(got) != 1 || got[0].Item != "3-5" || got[0].Name != "panel.png" || got[0].MIME != "image/png" || got[0].Size != len(photo) || fs.auth != "Bearer xoxb-test" {
		t.Fatalf("evidence = %+v (auth %q)", got, fs.auth)
	}
	var texts []string
	for _, p := range h.postsSince(channel, n) {
		texts = append(texts, p.Form.Get("text"))
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"panel.png is received", "panel.png is kept as evidence of 3-5", "gone.png could not be downloaded"} {
		if !strings.Contains(all, want) {
			t.Errorf("the channel lacks %q:\n%s", want, all)
		}
	}
}
