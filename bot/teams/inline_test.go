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

const pastedPNG = "\x89PNG\r\n\x1a\na pasted photo of the firewall"

// pasted is the pair of attachments Teams sends for a picture pasted into
// a message: the image/* one with its Bot Connector link, and the message
// as HTML.
func pasted(link string) []any {
	return []any{
		map[string]any{"contentType": "image/*", "contentUrl": link},
		map[string]any{"contentType": "text/html", "content": `<p>photo <img src="` + link + `"></p>`},
	}
}

func evidenceOf(t *testing.T, h *harness, id string) []bot.Evidence {
	t.Helper()
	var got []bot.Evidence
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		got, err = tx.EvidenceOf(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// A picture pasted into "@otassess evidence 3-5" is downloaded by the
// worker from the Bot Connector with the bot's token, after the answer,
// and kept with 3-5 as a PNG named pasted-image.
func TestInlineImage_PastedInTheChannelIsKeptAsEvidence(t *testing.T) {
	h := newHarness(t)
	h.fake.pictures = map[string][]byte{"0-jpe-d1-abc": []byte(pastedPNG)}
	id := h.engagement()
	act := h.command(leadAccount, "evidence 3-5")
	act["attachments"] = pasted(h.fake.serviceURL() + "v3/attachments/0-jpe-d1-abc/views/original")
	h.send(act)
	if n := len(h.fake.pictureGets); n != 0 {
		t.Fatalf("the picture was fetched %d times before the answer", n)
	}
	h.deliver()
	h.work()
	got := evidenceOf(t, h, id)
	if len(got) != 1 || got[0].Item != "3-5" || got[0].Name != "pasted-image" || got[0].MIME != "image/png" || got[0].Size != len(pastedPNG) {
		t.Fatalf("evidence = %+v", got)
	}
	if len(h.fake.pictureGets) != 1 || !strings.HasPrefix(h.fake.pictureGets[0], "access-") {
		t.Errorf("picture requests carried tokens %q, want one connector token", h.fake.pictureGets)
	}
}

// The bot's token goes only to the activity's serviceUrl: a picture whose
// link is on another host is not taken, and that host hears nothing.
func TestInlineImage_ElsewhereIsNotFetched(t *testing.T) {
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write([]byte(pastedPNG))
	}))
	defer other.Close()
	h := newHarness(t)
	id := h.engagement()
	act := h.command(leadAccount, "evidence 3-5")
	act["attachments"] = pasted(other.URL + "/v3/attachments/x/views/original")
	h.send(act)
	h.deliver()
	h.work()
	if hits.Load() != 0 {
		t.Error("another host was asked for the picture")
	}
	if got := evidenceOf(t, h, id); len(got) != 0 {
		t.Errorf("evidence = %+v", got)
	}
}

// A SPOC who pastes a photo as the reply to a question in the personal
// chat has it kept as evidence of that question; a JPEG is named .jpg.
func TestInlineImage_PastedAsTheReplyToAQuestion(t *testing.T) {
	h := newHarness(t)
	h.fake.pictures = map[string][]byte{"0-jpe-d1-q": []byte(pastedPNG)}
	id := h.engagement()
	act := h.activity(spocAccount, personal(spocDM), "")
	act["attachments"] = []any{map[string]any{"contentType": "image/jpeg", "contentUrl": h.fake.serviceURL() + "v3/attachments/0-jpe-d1-q/views/original"}}
	h.send(act)
	h.deliver()
	h.work()
	got := evidenceOf(t, h, id)
	if len(got) != 1 || got[0].Item != "1-1" || got[0].Name != "pasted-image.jpg" || got[0].Author.ID != spocOID {
		t.Fatalf("evidence = %+v", got)
	}
}
