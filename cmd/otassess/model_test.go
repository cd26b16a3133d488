package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/bot/worker"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// fakeOpenAI speaks the OpenAI chat-completions API. By default it
// translates like a model would: every text of the request's data block
// comes back prefixed with the target language ("EN: …"), the source
// detected by script. script holds canned responses for the next requests,
// in order. Usage is estimated as a real server's would be sized: a token
// per 4 bytes of the messages sent and of the answer.
type fakeOpenAI struct {
	mu     sync.Mutex
	script []func(w http.ResponseWriter)
	reqs   []fakeReq
	// findings, when set, answers every findings prompt.
	findings string
}

type fakeReq struct {
	at           time.Time
	system, user string
}

func (f *fakeOpenAI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req openai.ChatCompletionRequest
	raw, _ := io.ReadAll(r.Body)
	if r.URL.Path != "/v1/chat/completions" || json.Unmarshal(raw, &req) != nil || len(req.Messages) != 2 {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, fakeReq{at: time.Now(), system: req.Messages[0].Content, user: req.Messages[1].Content})
	var canned func(http.ResponseWriter)
	if len(f.script) > 0 {
		canned, f.script = f.script[0], f.script[1:]
	}
	findings := f.findings
	f.mu.Unlock()
	if findings != "" && strings.Contains(req.Messages[0].Content, "You draft the findings") {
		writeCompletion(w, findings, len(raw)/4)
		return
	}
	if canned != nil {
		canned(w)
		return
	}
	content := translateAnswer(req.Messages[0].Content, req.Messages[1].Content)
	writeCompletion(w, content, (len(raw))/4)
}

func (f *fakeOpenAI) requests() []fakeReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeReq(nil), f.reqs...)
}

func (f *fakeOpenAI) then(fns ...func(http.ResponseWriter)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script = append(f.script, fns...)
}

// translateAnswer answers a translate prompt: each text of its data block
// prefixed with the target language.
func translateAnswer(system, user string) string {
	_, data, _ := strings.Cut(user, "<data>")
	data, _, _ = strings.Cut(data, "</data>")
	var texts []struct {
		ID   int    `json:"id"`
		Text string `json:"text"`
	}
	_ = json.Unmarshal([]byte(data), &texts)
	prefix := "EN: "
	if strings.Contains(system, "into Japanese") {
		prefix = "JA: "
	}
	type tr struct {
		ID     int    `json:"id"`
		Source string `json:"source"`
		Text   string `json:"text"`
	}
	out := struct {
		Translations []tr `json:"translations"`
	}{}
	for _, t := range texts {
		src := "en"
		if strings.ContainsFunc(t.Text, func(r rune) bool { return r > 0x3000 }) {
			src = "ja"
		}
		out.Translations = append(out.Translations, tr{ID: t.ID, Source: src, Text: prefix + t.Text})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func writeCompletion(w http.ResponseWriter, content string, promptTokens int) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": promptTokens, "completion_tokens": len(content) / 4,
			"total_tokens": promptTokens + len(content)/4},
	})
}

func rateLimited(after string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", after)
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}`)
	}
}

func malformed(w http.ResponseWriter) { writeCompletion(w, `{"translations": [{"id": 1, "text"`, 50) }

// modelBot is the engine with the real model adapter, over a real SQLite
// file, talking to a fakeOpenAI; a test platform's outbox is recorded.
type modelBot struct {
	api    *fakeOpenAI
	db     *storage.DB
	en     *engine.Engine
	worker *worker.Worker
	disp   *outbox.Dispatcher
	sent   *sentLog
	clock  *testClock
	meter  *productMetrics
	n      int
}

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type sentLog struct {
	mu  sync.Mutex
	out []bot.Outgoing
}

func (s *sentLog) Send(_ context.Context, o bot.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out = append(s.out, o)
	return nil
}

// take returns and forgets the texts sent to a conversation.
func (s *sentLog) take(conversation string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var got []string
	var keep []bot.Outgoing
	for _, o := range s.out {
		if o.Conversation == conversation {
			got = append(got, o.Reply.Text)
		} else {
			keep = append(keep, o)
		}
	}
	s.out = keep
	return got
}

func modelSettings(t testing.TB, url string) config.Config {
	c, err := config.Load("", func(k string) string {
		return map[string]string{"OTASSESS_MODEL": "test-model", "OPENAI_BASE_URL": url + "/v1", "OPENAI_API_KEY": "sk-test-secret"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newModelBot starts a fake OpenAI server and an engine using it; cached
// says whether the model uses the database's translation cache.
func newModelBot(t testing.TB, cached bool) *modelBot { return newWindowedModelBot(t, cached, 0) }

// newWindowedModelBot is newModelBot with a translation batching window;
// its clock moves only when the test advances it.
func newWindowedModelBot(t testing.TB, cached bool, window time.Duration) *modelBot {
	api := &fakeOpenAI{}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	db := storagetest.Open(t)
	c := modelSettings(t, srv.URL)
	var cache interface {
		Get(context.Context, string) (string, bool, error)
		Put(context.Context, string, string) error
	}
	if cached {
		cache = db.TranslationCache()
	}
	m, err := newModel(c, cache)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	clock := &testClock{now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	b := &modelBot{api: api, db: db, clock: clock, sent: &sentLog{}, meter: newProductMetrics()}
	b.en = engine.New(db, reg, clock, log, bot.Config{Model: b.meter.model(m), TranslateWindow: window})
	b.worker = worker.New(b.en, log, 0)
	b.worker.Observe(b.meter.job)
	b.disp = &outbox.Dispatcher{Store: db, Sender: b.sent, Platform: "test", Clock: clock, Log: log}
	return b
}

func (b *modelBot) event(conv, user, text string, command bool) {
	b.n++
	ev := bot.Event{Key: fmt.Sprintf("test:event:%d", b.n), Platform: "test", Workspace: "W1", Conversation: conv,
		DM: strings.HasPrefix(conv, "D"), User: user, Text: text, Command: command}
	if _, err := b.en.Handle(context.Background(), ev); err != nil {
		panic(fmt.Sprintf("Handle(%q): %v", text, err))
	}
	if _, err := b.disp.Drain(context.Background()); err != nil {
		panic(err)
	}
}

// engagement creates an engagement in channel with a SPOC and starts it.
func (b *modelBot) engagement(channel, spoc, langs string) string {
	b.event(channel, "ULEAD", fmt.Sprintf("new Plant %s spoc:<@%s> lead:<@ULEAD> lang:%s", channel, spoc, langs), true)
	b.event(channel, "ULEAD", "start", true)
	b.accept(spoc)
	b.sent.take(channel)
	b.sent.take("")
	b.sent.take("D" + spoc)
	var id string
	b.view(func(tx bot.Tx) error {
		eng, err := tx.OpenEngagementIn("test", "W1", channel)
		if err == nil {
			id = eng.ID
		}
		return err
	})
	return id
}

// accept presses Accept, as spoc, on the consent request sent to them.
func (b *modelBot) accept(spoc string) {
	b.sent.mu.Lock()
	var req *bot.Question
	for _, o := range b.sent.out {
		if q := o.Reply.Question; q != nil && q.Item == "consent" && o.User.ID == spoc {
			req = q
		}
	}
	b.sent.mu.Unlock()
	if req == nil {
		panic("no consent request for " + spoc)
	}
	pr, _ := bot.DecodePress(bot.EncodePress(req, "accept"))
	b.n++
	ev := bot.Event{Key: fmt.Sprintf("test:event:%d", b.n), Platform: "test", Workspace: "W1", Conversation: "D" + spoc,
		DM: true, User: spoc, Press: pr}
	if _, err := b.en.Handle(context.Background(), ev); err != nil {
		panic(err)
	}
	if _, err := b.disp.Drain(context.Background()); err != nil {
		panic(err)
	}
}

func (b *modelBot) tick() {
	if err := b.worker.Tick(context.Background()); err != nil {
		panic(err)
	}
	if _, err := b.disp.Drain(context.Background()); err != nil {
		panic(err)
	}
}

func (b *modelBot) view(fn func(tx bot.Tx) error) {
	if err := b.db.View(context.Background(), fn); err != nil {
		panic(err)
	}
}

func (b *modelBot) usage(id string) bot.ModelUsage {
	var u bot.ModelUsage
	b.view(func(tx bot.Tx) (err error) { u, err = tx.Usage(id); return err })
	return u
}

func (b *modelBot) jobs(id string) map[bot.JobState]int {
	var j map[bot.JobState]int
	b.view(func(tx bot.Tx) (err error) { j, err = tx.JobCounts(id); return err })
	return j
}

func TestNewModel_NoneUnlessConfiguredAndInfoHoldsNoSecret(t *testing.T) {
	get := func(m map[string]string) config.Config {
		c, err := config.Load("", func(k string) string { return m[k] })
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, env := range []map[string]string{
		{"OPENAI_API_KEY": "sk-x"},
		{"OTASSESS_MODEL": "m", "OTASSESS_LLM": "off", "OPENAI_API_KEY": "sk-x"},
	} {
		if m, err := newModel(get(env), nil); m != nil || err != nil {
			t.Errorf("%v: model = %v, %v; want none", env, m, err)
		}
	}
	m, err := newModel(get(map[string]string{"OTASSESS_MODEL": "gpt-dep", "OPENAI_API_TYPE": "azure",
		"OPENAI_BASE_URL": "https://res.openai.azure.com/?key=sk-in-url", "OPENAI_API_KEY": "sk-secret"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if info.Engine != "azure-openai res.openai.azure.com" || info.Model != "gpt-dep" || info.GlossaryVersion == "" {
		t.Errorf("info = %+v", info)
	}
	if s := fmt.Sprint(info); strings.Contains(s, "sk-") {
		t.Errorf("info shows a secret: %s", s)
	}
}

func TestNewModel_GlossaryFileIsAddedOrNamedInTheError(t *testing.T) {
	dir := t.TempDir()
	extra := dir + "/terms.yaml"
	base := modelSettings(t, "http://127.0.0.1:1")
	m, err := newModel(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(extra, []byte("entries:\n  - en: [kiln controller]\n    ja: [窯制御装置]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base.Glossary = extra
	m2, err := newModel(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m2.Info().GlossaryVersion == m.Info().GlossaryVersion {
		t.Error("an added term did not change the glossary version (the cache key)")
	}
	base.Glossary = dir + "/missing.yaml"
	if _, err := newModel(base, nil); err == nil || !strings.Contains(err.Error(), "OTASSESS_GLOSSARY") {
		t.Errorf("missing glossary file: err = %v", err)
	}
	notUTF8 := dir + "/latin1.yaml"
	os.WriteFile(notUTF8, []byte("entries:\n  - en: [kiln]\n    ja: [\xbc]\n"), 0o600)
	base.Glossary = notUTF8
	if _, err := newModel(base, nil); err == nil || !strings.Contains(err.Error(), notUTF8+": line 3") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("glossary file that is not UTF-8: err = %v, want the file and line 3 named", err)
	}
}
