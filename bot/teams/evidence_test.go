package teams_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/otassess/otassess/bot"
)

// A file attached to "@otassess evidence 3-5" in the channel is not
// downloaded before the answer; the worker downloads it from its
// pre-authenticated link, keeps it with 3-5, and says so in the thread.
func TestEvidence_AnAttachedFileIsDownloadedByTheWorkerAndKept(t *testing.T) {
	const photo = "\x89PNG\r\n\x1a\nthe control panel"
	var hits atomic.Int32
	files := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/sites/plant/panel.png" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(photo))
	}))
	defer files.Close()
	h := newHarnessWith(t, bot.Config{})
	h.client = files.Client()
	h.start(bot.Config{}, 0)
	id := h.engagement()
	act := h.command(leadAccount, "evidence 3-5")
	act["attachments"] = []any{map[string]any{"contentType": "application/vnd.microsoft.teams.file.download.info",
		"contentUrl": files.URL + "/sites/plant/panel.png", "name": "panel.png",
		"content": map[string]any{"downloadUrl": files.URL + "/sites/plant/panel.png", "uniqueId": "Y", "fileType": "png"}}}
	h.send(act)
	if hits.Load() != 0 {
		t.Fatal("downloaded before the answer")
	}
	h.deliver()
	h.work()
	var got []bot.Evidence
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		got, err = tx.EvidenceOf(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Item != "3-5" || got[0].Name != "panel.png" || got[0].MIME != "image/png" || got[0].Size != len(photo) {
		t.Fatalf("evidence = %+v", got)
	}
	var texts []string
	for _, p := range h.fake.posts(channelConv + ";messageid=900") {
		if s, ok := p.Body["text"].(string); ok {
			texts = append(texts, s)
		}
	}
	if all := strings.Join(texts, "\n"); !strings.Contains(all, "panel.png is kept as evidence of 3-5") {
		t.Errorf("the thread got:\n%s", all)
	}
}
