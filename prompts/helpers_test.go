package prompts

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// reply is one canned HTTP response of the fake chat-completions server.
type reply struct {
	status int
	header map[string]string
	body   string
}

// answer is a 200 chat completion whose message content is content, with
// usage 100 prompt and 20 completion tokens.
func answer(content string) reply {
	return answerFinish(content, "stop")
}

func answerFinish(content, finish string) reply {
	body, _ := json.Marshal(map[string]any{
		"id":      "chatcmpl-test",
		"object":  "chat.completion",
		"created": 1,
		"model":   "test-model",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": finish,
		}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	})
	return reply{status: 200, body: string(body)}
}

// answerJSON is answer with v marshalled as the content.
func answerJSON(v any) reply {
	b, _ := json.Marshal(v)
	return answer(string(b))
}

func apiError(status int, header map[string]string) reply {
	return reply{status: status, header: header,
		body: `{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}`}
}

// recorded is one request the fake server received.
type recorded struct {
	Path, Query string
	Header      http.Header
	Body        openai.ChatCompletionRequest
	Raw         string
}

func (r recorded) system() string { return r.Body.Messages[0].Content }
func (r recorded) user() string   { return r.Body.Messages[1].Content }

// fakeLLM speaks the OpenAI chat-completions API with canned replies, in
// order; a request beyond them fails the test.
type fakeLLM struct {
	t       *testing.T
	mu      sync.Mutex
	replies []reply
	reqs    []recorded
	sleeps  []time.Duration
}

func (f *fakeLLM) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	rec := recorded{Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Raw: string(raw)}
	if err := json.Unmarshal(raw, &rec.Body); err != nil {
		f.t.Errorf("request body is not a chat completion request: %v", err)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, rec)
	n := len(f.reqs)
	f.mu.Unlock()
	if n > len(f.replies) {
		f.t.Errorf("unexpected request %d (only %d replies canned)", n, len(f.replies))
		http.Error(w, "no reply canned", http.StatusTeapot)
		return
	}
	rep := f.replies[n-1]
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

func (f *fakeLLM) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

// newTestClient starts a fake server with replies and returns a client of
// it whose retry waits are recorded instead of slept.
func newTestClient(t *testing.T, cfg Config, replies ...reply) (*Client, *fakeLLM) {
	t.Helper()
	f := &fakeLLM{t: t, replies: replies}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	if cfg.BaseURL == "" {
		cfg.BaseURL = ts.URL + "/v1"
	}
	if cfg.Model == "" {
		cfg.Model = "test-model"
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.retry.sleep = func(ctx context.Context, d time.Duration) error {
		f.mu.Lock()
		f.sleeps = append(f.sleeps, d)
		f.mu.Unlock()
		return ctx.Err()
	}
	return c, f
}

// dataBlock returns what lies between <data> and </data> in a user prompt,
// failing unless there is exactly one such block.
func dataBlock(t *testing.T, user string) string {
	t.Helper()
	if strings.Count(user, "<data>") != 1 || strings.Count(user, "</data>") != 1 {
		t.Fatalf("want exactly one data block, got:\n%s", user)
	}
	start := strings.Index(user, "<data>") + len("<data>")
	end := strings.Index(user, "</data>")
	if end < start {
		t.Fatalf("data block closes before it opens:\n%s", user)
	}
	return user[start:end]
}

// memCache is an in-memory Cache for tests.
type memCache struct {
	mu   sync.Mutex
	m    map[string]string
	gets int
}

func newMemCache() *memCache { return &memCache{m: map[string]string{}} }

func (c *memCache) Get(_ context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	v, ok := c.m[key]
	return v, ok, nil
}

func (c *memCache) Put(_ context.Context, key, value string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = value
	return nil
}

// brokenCache fails every call.
type brokenCache struct{}

func (brokenCache) Get(context.Context, string) (string, bool, error) {
	return "", false, errors.New("disk on fire")
}
func (brokenCache) Put(context.Context, string, string) error { return errors.New("disk on fire") }
