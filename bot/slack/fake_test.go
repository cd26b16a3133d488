package slack_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"
)

// apiCall is one Web API request the fake Slack saw.
type apiCall struct {
	Method string
	Form   url.Values
	TS     string    // the ts the fake gave a posted message
	At     time.Time // on the test's clock
}

// blocks decodes the call's Block Kit blocks.
func (c apiCall) blocks(tb testing.TB) slackgo.Blocks {
	tb.Helper()
	var b slackgo.Blocks
	if raw := c.Form.Get("blocks"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &b); err != nil {
			tb.Fatalf("blocks of %s: %v", c.Method, err)
		}
	}
	return b
}

// buttons maps each button's action_id to its value.
func (c apiCall) buttons(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for id, b := range c.buttonBlocks(tb) {
		out[id] = b.value
	}
	return out
}

type button struct{ value, blockID string }

// buttonBlocks maps each button's action_id to its value and block_id.
func (c apiCall) buttonBlocks(tb testing.TB) map[string]button {
	tb.Helper()
	out := map[string]button{}
	for _, b := range c.blocks(tb).BlockSet {
		ab, ok := b.(*slackgo.ActionBlock)
		if !ok || ab.Elements == nil {
			continue
		}
		for _, el := range ab.Elements.ElementSet {
			if btn, ok := el.(*slackgo.ButtonBlockElement); ok {
				out[btn.ActionID] = button{btn.Value, ab.BlockID}
			}
		}
	}
	return out
}

// fakeSlack is slacktest's server with the methods the adapter calls
// replaced by recording handlers: conversations.open, chat.postMessage
// (with per-channel 429s on demand), chat.update, chat.postEphemeral,
// users.info, and the three steps of a file upload (upload.go).
type fakeSlack struct {
	*slacktest.Server
	now func() time.Time

	mu         sync.Mutex
	calls      []apiCall
	seq        int
	limited    map[string]int // channel → 429 answers left on chat.postMessage
	retryAfter int            // seconds
	dmErr      map[string]string
	refused    map[string]refusal // channel → chat.postMessage error answers
	uploads    map[string]upload  // file id → what was uploaded and shared
	failShare  int                // completeUploadExternal answers left that fail
	storm      int                // when set, every second chat.postMessage and chat.update answers 429
}

func newFakeSlack(tb testing.TB, now func() time.Time, extra ...slacktest.Binder) *fakeSlack {
	f := &fakeSlack{now: now, limited: map[string]int{}, dmErr: map[string]string{}, uploads: map[string]upload{},
		refused: map[string]refusal{}}
	binders := append(extra, func(c slacktest.Customize) {
		c.Handle("/conversations.open", f.open)
		c.Handle("/chat.postMessage", f.post)
		c.Handle("/chat.update", f.update)
		c.Handle("/chat.postEphemeral", f.ephemeral)
		c.Handle("/users.info", f.userInfo)
		c.Handle("/conversations.history", f.history)
		c.Handle("/files.getUploadURLExternal", f.uploadURL)
		c.Handle("/upload/", f.receive)
		c.Handle("/files.completeUploadExternal", f.share)
	})
	f.Server = slacktest.NewTestServer(binders...)
	f.Start()
	tb.Cleanup(f.Stop)
	return f
}

func (f *fakeSlack) record(method string, r *http.Request) apiCall {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	c := apiCall{Method: method, Form: r.PostForm, TS: fmt.Sprintf("1700000000.%06d", f.seq), At: f.now()}
	f.calls = append(f.calls, c)
	return c
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeSlack) open(w http.ResponseWriter, r *http.Request) {
	c := f.record("conversations.open", r)
	user := c.Form.Get("users")
	f.mu.Lock()
	code := f.dmErr[user]
	f.mu.Unlock()
	if code != "" {
		reply(w, map[string]any{"ok": false, "error": code})
		return
	}
	reply(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + user}})
}

// stormed answers 429 to every second call while the storm is on.
func (f *fakeSlack) stormed(w http.ResponseWriter) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.storm == 0 {
		return false
	}
	f.storm++
	if f.storm%2 == 0 {
		return false
	}
	w.Header().Set("Retry-After", "1")
	http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
	return true
}

func (f *fakeSlack) post(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	ch := r.PostForm.Get("channel")
	if f.stormed(w) {
		return
	}
	f.mu.Lock()
	if f.limited[ch] > 0 {
		f.limited[ch]--
		f.mu.Unlock()
		w.Header().Set("Retry-After", fmt.Sprint(f.retryAfter))
		http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
		return
	}
	if rf, ok := f.refused[ch]; ok && rf.left != 0 {
		rf.left--
		f.refused[ch] = rf
		f.mu.Unlock()
		f.record("chat.postMessage.refused", r)
		reply(w, map[string]any{"ok": false, "error": rf.code})
		return
	}
	f.mu.Unlock()
	c := f.record("chat.postMessage", r)
	reply(w, map[string]any{"ok": true, "channel": ch, "ts": c.TS})
}

func (f *fakeSlack) update(w http.ResponseWriter, r *http.Request) {
	if f.stormed(w) {
		return
	}
	c := f.record("chat.update", r)
	reply(w, map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": c.Form.Get("ts")})
}

func (f *fakeSlack) ephemeral(w http.ResponseWriter, r *http.Request) {
	c := f.record("chat.postEphemeral", r)
	reply(w, map[string]any{"ok": true, "message_ts": c.TS})
}

// history answers conversations.history with the messages posted to the
// channel, with their metadata, newest first.
func (f *fakeSlack) history(w http.ResponseWriter, r *http.Request) {
	c := f.record("conversations.history", r)
	var msgs []map[string]any
	for _, p := range f.seen("chat.postMessage", c.Form.Get("channel")) {
		m := map[string]any{"type": "message", "ts": p.TS, "text": p.Form.Get("text"), "bot_id": "BBOT"}
		if meta := p.Form.Get("metadata"); meta != "" {
			var md map[string]any
			_ = json.Unmarshal([]byte(meta), &md)
			m["metadata"] = md
		}
		msgs = append([]map[string]any{m}, msgs...)
	}
	reply(w, map[string]any{"ok": true, "messages": msgs, "has_more": false})
}

func (f *fakeSlack) userInfo(w http.ResponseWriter, r *http.Request) {
	c := f.record("users.info", r)
	reply(w, map[string]any{"ok": true, "user": map[string]any{"id": c.Form.Get("user"), "locale": "en-US"}})
}

// rateLimit makes the next n chat.postMessage calls to channel answer 429
// with Retry-After seconds.
func (f *fakeSlack) rateLimit(channel string, n, seconds int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limited[channel], f.retryAfter = n, seconds
}

// refusal is how chat.postMessage refuses a channel: code, for the next
// left calls (-1: always).
type refusal struct {
	code string
	left int
}

// refusePosts makes the next n chat.postMessage calls to channel (every
// one, when n is -1) answer ok:false with code.
func (f *fakeSlack) refusePosts(channel, code string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refused[channel] = refusal{code, n}
}

func (f *fakeSlack) refuseDM(user, code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dmErr[user] = code
}

// seen returns the calls of a method (all methods when empty), optionally
// only those to one channel.
func (f *fakeSlack) seen(method, channel string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if (method == "" || c.Method == method) && (channel == "" || c.Form.Get("channel") == channel) {
			out = append(out, c)
		}
	}
	return out
}

// questions are the chat.postMessage calls to channel that carry buttons.
func (f *fakeSlack) questions(tb testing.TB, channel string) []apiCall {
	tb.Helper()
	var out []apiCall
	for _, c := range f.seen("chat.postMessage", channel) {
		if strings.Contains(c.Form.Get("blocks"), `"actions"`) {
			out = append(out, c)
		}
	}
	return out
}

// lastQuestion is the latest question posted to channel.
func (f *fakeSlack) lastQuestion(tb testing.TB, channel string) apiCall {
	tb.Helper()
	qs := f.questions(tb, channel)
	if len(qs) == 0 {
		tb.Fatalf("no question was posted to %s; calls: %v", channel, f.methods())
	}
	return qs[len(qs)-1]
}

func (f *fakeSlack) methods() []string {
	var out []string
	for _, c := range f.seen("", "") {
		out = append(out, c.Method+"→"+c.Form.Get("channel"))
	}
	return out
}
