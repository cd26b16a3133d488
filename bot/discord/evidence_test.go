package discord

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/worker"
)

// A photo attached to "@otassess evidence 3-5" in the channel is not
// downloaded while the message is handled; the worker downloads it from
// the CDN, keeps it with 3-5, and the channel is told.
func TestEvidence_AnAttachedPhotoIsDownloadedByTheWorkerAndKept(t *testing.T) {
	t.Parallel()
	const photo = "\x89PNG\r\n\x1a\nthe control panel"
	c := newCDN(t, map[string]string{"panel.png": photo})
	h := newHarness(t)
	h.run()
	h.gatewayInteraction(newPlant(h.nextID()))
	msg := h.nextID()
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": msg, "channel_id": channel, "guild_id": guildID, "type": 0,
		"content": "<@" + botUser + "> evidence 3-5", "author": map[string]any{"id": lead}, "mentions": []any{map[string]any{"id": botUser}},
		"attachments": []any{map[string]any{"id": "a" + msg, "filename": "panel.png", "size": len(photo), "url": c.srv.URL + "/panel.png"}}})
	h.waitFor("the message handled", func() bool { n, _ := h.handledTimes("discord:message:" + msg); return n == 1 })
	if n := c.hits.Load(); n != 0 {
		t.Fatalf("%d downloads while handling the message, want none", n)
	}
	w := worker.New(h.engine, slog.New(slog.DiscardHandler), 0)
	w.SetFetcher(Platform, h.a.Files())
	if err := w.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got []bot.Evidence
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if err != nil || len(engs) == 0 {
			return err
		}
		got, err = tx.EvidenceOf(engs[0].ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Item != "3-5" || got[0].Name != "panel.png" || got[0].Size != len(photo) || got[0].Author.ID != lead {
		t.Fatalf("evidence = %+v", got)
	}
	h.waitFor("the confirmation in the channel", func() bool {
		for _, m := range h.fake.messagesTo(channel) {
			if strings.Contains(m.Content, "panel.png is kept as evidence of 3-5") {
				return true
			}
		}
		return false
	})
}
