package discord

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/worker"
)

const thread = "700000000000000099" // a thread of the engagement channel

// withThread tells the gateway's state about the thread (as GUILD_CREATE
// does) and waits until the adapter knows its parent.
func (h *harness) withThread() {
	h.fake.dispatch("GUILD_CREATE", map[string]any{"id": guildID, "name": "g", "threads": []any{
		map[string]any{"id": thread, "type": 11, "guild_id": guildID, "parent_id": channel, "name": "zones"}}})
	h.waitFor("the thread in state", func() bool { return h.a.threadParent(thread) == channel })
}

// inThread moves an interaction payload into the thread.
func inThread(p map[string]any) map[string]any {
	p["channel_id"] = thread
	return p
}

func TestThreads_ASlashCommandInAThreadIsAnsweredInTheThread(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	h.gatewayInteraction(newPlant(h.nextID()))
	h.withThread()
	h.waitFor("the creation posted", func() bool { return len(h.fake.messagesTo(channel)) == 1 })
	h.gatewayInteraction(inThread(slashPayload(h.nextID(), lead, "status")))
	h.waitFor("the status in the thread", func() bool { return len(h.fake.messagesTo(thread)) == 1 })
	if got := h.fake.messagesTo(thread)[0].Content; !strings.Contains(got, "Progress: 0 of 32") {
		t.Errorf("thread got %q, want the status", got)
	}
	msg := h.nextID()
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": msg, "channel_id": thread, "guild_id": guildID, "type": 0,
		"content": "<@" + botUser + "> status", "author": map[string]any{"id": lead}, "mentions": []any{map[string]any{"id": botUser}}})
	h.waitFor("the second status in the thread", func() bool { return len(h.fake.messagesTo(thread)) == 2 })
	h.waitFor("the outbox sent", func() bool { return h.queued() == 0 })
	if n := len(h.fake.messagesTo(channel)); n != 1 {
		t.Errorf("%d messages in the channel, want only the creation: replies to the thread belong in it", n)
	}
}

// cdn serves attachments, counting requests; paths without content are 404.
type cdn struct {
	srv   *httptest.Server
	hits  atomic.Int32
	files map[string]string
}

func newCDN(t *testing.T, files map[string]string) *cdn {
	c := &cdn{files: files}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		body, ok := c.files[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// attach posts a file with no text in the lead's DM and waits until it was handled.
func (h *harness) attach(c *cdn, name string, size int) {
	h.t.Helper()
	msg := h.nextID()
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": msg, "channel_id": dmOf(lead), "type": 0, "content": "",
		"author": map[string]any{"id": lead}, "attachments": []any{map[string]any{"id": "a" + msg, "filename": name,
			"size": size, "url": c.srv.URL + "/" + name}}})
	h.waitFor("the message handled", func() bool { n, _ := h.handledTimes("discord:message:" + msg); return n == 1 })
}

func TestFiles_AttachmentIsDownloadedByTheWorkerNotTheIntake(t *testing.T) {
	t.Parallel()
	const body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sato>Zones first.\n"
	c := newCDN(t, map[string]string{"notes.vtt": body})
	m := &bottest.SummaryModel{}
	h := newHarness(t)
	h.withModelOf(m)
	h.run()
	h.gatewayInteraction(newPlant(h.nextID()))
	h.attach(c, "notes.vtt", len(body))
	h.attach(c, "gone.vtt", 10)
	if n := c.hits.Load(); n != 0 {
		t.Fatalf("%d downloads while handling the messages, want none", n)
	}
	jobs := h.summarizeJobs()
	if len(jobs) != 2 || jobs[0].Params.Transcript != "" || jobs[0].Params.FileURL != c.srv.URL+"/notes.vtt" {
		t.Fatalf("jobs = %+v, want two holding the attachments' URLs", jobs)
	}
	w := worker.New(h.engine, slog.New(slog.DiscardHandler), 0)
	w.SetFetcher(Platform, h.a.Files())
	if err := w.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if reqs := m.Requests(); len(reqs) != 1 || reqs[0].Transcript != "Sato: Zones first." {
		t.Fatalf("model requests = %+v, want the downloaded transcript only", reqs)
	}
	h.waitFor("both answers in the DM", func() bool { return len(h.fake.messagesTo(dmOf(lead))) == 4 })
	var got []string
	for _, s := range h.fake.messagesTo(dmOf(lead)) {
		got = append(got, s.Content)
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "Zones first") || !strings.Contains(all, "I could not download gone.vtt") {
		t.Errorf("DM got %q, want the summary and the failed download", got)
	}
}
