package slack_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	slackbot "github.com/otassess/otassess/bot/slack"
	"github.com/otassess/otassess/bot/worker"
)

// worker is the model worker over the harness's engine, downloading
// posted files through the adapter, as serve wires it.
func (h *harness) worker() *worker.Worker {
	w := worker.New(h.engine, slog.New(slog.DiscardHandler), 0)
	w.SetFetcher(slackbot.Platform, h.adapter.Files())
	return w
}

// work runs the worker once and delivers what it queued.
func (h *harness) work(w *worker.Worker) {
	h.tb.Helper()
	if err := w.Tick(context.Background()); err != nil {
		h.tb.Fatalf("worker: %v", err)
	}
	h.deliver()
}

// mention is an app_mention of the bot in ch, in thread when not empty.
func mention(ch, user, text, ts, thread string) map[string]any {
	m := map[string]any{"type": "app_mention", "channel": ch, "user": user, "text": "<@UBOT> " + text, "ts": ts, "event_ts": ts}
	if thread != "" {
		m["thread_ts"] = thread
	}
	return m
}

// postsSince are the chat.postMessage calls to ch after the first n.
func (h *harness) postsSince(ch string, n int) []apiCall {
	return h.fake.seen("chat.postMessage", ch)[n:]
}

const root = "1700000300.000100" // the thread's root message

func TestThreads_ACommandInAThreadIsAnsweredInTheThread(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	n := len(h.fake.seen("chat.postMessage", channel))
	h.event("Ev1", mention(channel, leadID, "status", "1700000301.000100", root))
	h.deliver()
	posts := h.postsSince(channel, n)
	if len(posts) != 1 || posts[0].Form.Get("thread_ts") != root || !strings.Contains(posts[0].Form.Get("text"), "Progress: 0 of 32") {
		t.Fatalf("posts after status in a thread = %+v, want the status in thread %s", posts, root)
	}
	h.event("Ev2", mention(channel, spocID, "start", "1700000302.000100", root))
	eph := h.fake.seen("chat.postEphemeral", channel)
	if len(eph) != 1 || eph[0].Form.Get("thread_ts") != root || eph[0].Form.Get("user") != spocID {
		t.Errorf("refusal = %+v, want an ephemeral reply to %s in the thread", eph, spocID)
	}
	h.event("Ev3", mention(channel, leadID, "status", "1700000303.000100", ""))
	h.deliver()
	if posts := h.postsSince(channel, n+1); len(posts) != 1 || posts[0].Form.Has("thread_ts") {
		t.Errorf("status outside a thread = %+v, want a channel post", posts)
	}
}

func TestThreads_ChannelPostsOfACommandInAThreadStayInTheChannel(t *testing.T) {
	h := newHarness(t)
	h.event("Ev1", mention("C2", leadID, "new Plant-B spoc:<@USPOC> lead:<@ULEAD>", "1700000301.000100", root))
	h.deliver()
	posts := h.fake.seen("chat.postMessage", "C2")
	if len(posts) != 1 || posts[0].Form.Has("thread_ts") || !strings.Contains(posts[0].Form.Get("text"), "Plant-B") {
		t.Errorf("posts = %+v, want the creation announced in the channel, not the thread", posts)
	}
}

func TestThreads_SummaryOfAThreadIsPostedInTheThread(t *testing.T) {
	m := &bottest.SummaryModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.engagement()
	h.event("Ev1", channelMsg(leadID, "root", root, ""))
	h.event("Ev2", channelMsg(spocID, "reply", "1700000301.000100", root))
	n := len(h.fake.seen("chat.postMessage", channel))
	h.event("Ev3", mention(channel, leadID, "summarize en", "1700000302.000100", root))
	h.deliver()
	h.work(h.worker())
	posts := h.postsSince(channel, n)
	if len(posts) != 2 || len(m.Requests()) != 1 {
		t.Fatalf("posts = %+v, %d model calls: want the acknowledgement and the summary", posts, len(m.Requests()))
	}
	for _, p := range posts {
		if p.Form.Get("thread_ts") != root {
			t.Errorf("post %q went to thread %q, want %s", p.Form.Get("text"), p.Form.Get("thread_ts"), root)
		}
	}
	if !strings.Contains(posts[1].Form.Get("text"), "Zones first") {
		t.Errorf("summary = %q", posts[1].Form.Get("text"))
	}
}

// fileServer serves files on the fake Slack API under /files/, counting
// downloads and keeping the last Authorization header.
type fileServer struct {
	hits  atomic.Int32
	mu    sync.Mutex
	auth  string
	serve map[string]func(http.ResponseWriter)
}

func (fs *fileServer) bind(c slacktest.Customize) {
	c.Handle("/files/", func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		fs.mu.Lock()
		fs.auth = r.Header.Get("Authorization")
		fn := fs.serve[strings.TrimPrefix(r.URL.Path, "/files/")]
		fs.mu.Unlock()
		if fn == nil {
			http.NotFound(w, r)
			return
		}
		fn(w)
	})
}

const notes = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sato>Zones first.\n"

func (h *harness) fileEvent(id, name string, size int, thread string) {
	h.tb.Helper()
	ev := mention(channel, leadID, "summarize en", "1700000400.000100", thread)
	ev["files"] = []any{map[string]any{"id": "F" + id, "name": name, "size": size, "url_private_download": h.fake.GetAPIURL() + "files/" + name}}
	h.event(id, ev)
}

func TestFiles_TranscriptIsDownloadedByTheWorkerAfterTheAck(t *testing.T) {
	m := &bottest.SummaryModel{}
	fs := &fileServer{serve: map[string]func(http.ResponseWriter){
		"notes.vtt": func(w http.ResponseWriter) { _, _ = w.Write([]byte(notes)) },
	}}
	h := newHarnessWith(t, bot.Config{Model: m}, fs.bind)
	h.engagement()
	n := len(h.fake.seen("chat.postMessage", channel))
	h.fileEvent("Ev1", "notes.vtt", len(notes), root)
	if got := fs.hits.Load(); got != 0 {
		t.Fatalf("%d downloads during the event intake, want none before the ack", got)
	}
	jobs := h.dueJobs()
	if len(jobs) != 1 || jobs[0].Params.Transcript != "" || !strings.HasSuffix(jobs[0].Params.FileURL, "/files/notes.vtt") {
		t.Fatalf("jobs = %+v, want one holding the file's URL", jobs)
	}
	h.deliver()
	h.work(h.worker())
	if fs.hits.Load() != 1 || fs.auth != "Bearer xoxb-test" {
		t.Errorf("%d downloads with Authorization %q, want one with the bot token", fs.hits.Load(), fs.auth)
	}
	if reqs := m.Requests(); len(reqs) != 1 || reqs[0].Transcript != "Sato: Zones first." {
		t.Fatalf("model requests = %+v", reqs)
	}
	posts := h.postsSince(channel, n)
	if len(posts) != 2 || !strings.Contains(posts[0].Form.Get("text"), "Summarising notes.vtt") ||
		!strings.Contains(posts[1].Form.Get("text"), "Zones first") || posts[1].Form.Get("thread_ts") != root {
		t.Errorf("posts = %+v, want the acknowledgement, then the summary in the thread", posts)
	}
}

func TestFiles_OversizedOrMissingFilesAreRefusedAndSummariseNothing(t *testing.T) {
	m := &bottest.SummaryModel{}
	fs := &fileServer{serve: map[string]func(http.ResponseWriter){
		"liar.vtt": func(w http.ResponseWriter) { _, _ = w.Write([]byte("WEBVTT\n\n" + strings.Repeat("x", 600<<10))) },
	}}
	h := newHarnessWith(t, bot.Config{Model: m}, fs.bind)
	h.engagement()
	h.event("EvL", mention(channel, leadID, "lang ja", "1700000390.000100", ""))
	h.deliver()
	n := len(h.fake.seen("chat.postMessage", channel))
	h.fileEvent("Ev1", "huge.vtt", 5<<20, "")
	if len(h.dueJobs()) != 0 || fs.hits.Load() != 0 {
		t.Fatalf("a file declared over the limit queued %d jobs and was downloaded %d times", len(h.dueJobs()), fs.hits.Load())
	}
	h.fileEvent("Ev2", "liar.vtt", 10, "")
	h.fileEvent("Ev3", "gone.vtt", 10, "")
	h.deliver()
	h.work(h.worker())
	var got []string
	for _, p := range h.postsSince(channel, n) {
		got = append(got, p.Form.Get("text"))
	}
	want := []string{"huge.vttは大きすぎます（5120 KiB、上限512 KiB）", "liar.vttを要約しています", "gone.vttを要約しています",
		"liar.vttは大きすぎます（513 KiB、上限512 KiB）", "gone.vttをダウンロードできませんでした"}
	if len(got) != len(want) {
		t.Fatalf("posts = %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("post %d = %q, want %q", i, got[i], want[i])
		}
	}
	if len(m.Requests()) != 0 {
		t.Errorf("%d model calls for files that could not be read", len(m.Requests()))
	}
}

func TestFiles_AFailingDownloadIsRetriedThenTheUserIsTold(t *testing.T) {
	m := &bottest.SummaryModel{}
	fs := &fileServer{serve: map[string]func(http.ResponseWriter){
		"flaky.vtt": func(w http.ResponseWriter) { http.Error(w, "busy", http.StatusServiceUnavailable) },
	}}
	h := newHarnessWith(t, bot.Config{Model: m}, fs.bind)
	h.engagement()
	w := h.worker()
	h.fileEvent("Ev1", "flaky.vtt", len(notes), root)
	h.deliver()
	n := len(h.fake.seen("chat.postMessage", channel))
	for i := range 3 {
		h.work(w)
		if got := fs.hits.Load(); got != int32(i+1) {
			t.Fatalf("after run %d: %d downloads", i+1, got)
		}
		if i < 2 && len(h.postsSince(channel, n)) != 0 {
			t.Fatalf("the user was told after attempt %d of 3: %+v", i+1, h.postsSince(channel, n))
		}
		h.clock.Advance(time.Hour)
	}
	posts := h.postsSince(channel, n)
	if len(posts) != 1 || !strings.Contains(posts[0].Form.Get("text"), "I could not download flaky.vtt") || posts[0].Form.Get("thread_ts") != root {
		t.Fatalf("posts = %+v, want one saying the download failed, in the thread", posts)
	}
	h.work(w)
	if fs.hits.Load() != 3 || len(m.Requests()) != 0 {
		t.Errorf("%d downloads and %d model calls, want 3 and none", fs.hits.Load(), len(m.Requests()))
	}
}

// A bot without files:read is redirected to Slack's sign-in page: the
// download is refused at once, the page is never fetched (nor the token
// sent after it), and the user is told on the first attempt.
func TestFiles_ADownloadRedirectedToSignInIsRefusedAtOnce(t *testing.T) {
	m := &bottest.SummaryModel{}
	var signIn atomic.Int32
	fs := &fileServer{serve: map[string]func(http.ResponseWriter){
		"private.vtt": func(w http.ResponseWriter) {
			w.Header().Set("Location", "/signin?redir=%2Ffiles%2Fprivate.vtt")
			w.WriteHeader(http.StatusFound)
		},
	}}
	page := func(c slacktest.Customize) {
		c.Handle("/signin", func(w http.ResponseWriter, _ *http.Request) {
			signIn.Add(1)
			fmt.Fprint(w, "<!DOCTYPE html><title>Sign in</title>")
		})
	}
	h := newHarnessWith(t, bot.Config{Model: m}, fs.bind, page)
	h.engagement()
	h.fileEvent("Ev1", "private.vtt", len(notes), root)
	h.deliver()
	n := len(h.fake.seen("chat.postMessage", channel))
	h.work(h.worker())
	posts := h.postsSince(channel, n)
	if len(posts) != 1 || !strings.Contains(posts[0].Form.Get("text"), "I could not download private.vtt") {
		t.Fatalf("posts = %+v, want one saying the download failed", posts)
	}
	if fs.hits.Load() != 1 || signIn.Load() != 0 || len(m.Requests()) != 0 {
		t.Errorf("%d downloads, %d sign-in page fetches, %d model calls; want 1, 0, 0", fs.hits.Load(), signIn.Load(), len(m.Requests()))
	}
}
