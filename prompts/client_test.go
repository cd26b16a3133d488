package prompts

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/otassess/otassess/assessment"
)

func TestNewClient_RejectsMissingModelAndBadURL(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no model":          {BaseURL: "http://localhost:11434/v1"},
		"not a URL":         {Model: "m", BaseURL: "localhost:11434"},
		"ftp scheme":        {Model: "m", BaseURL: "ftp://host/v1"},
		"azure without URL": {Model: "m", Azure: true},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("%s: NewClient succeeded", name)
		}
	}
}

func translateOne(t *testing.T, c *Client) ([]Translation, Usage, error) {
	t.Helper()
	return c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"バックアップは週1回です。"}, Source: assessment.JA, Target: assessment.EN,
	})
}

var oneTranslation = answerJSON(map[string]any{"translations": []any{
	map[string]any{"id": 1, "source": "ja", "text": "Backups are taken weekly."},
}})

func TestClient_SendsStrictJSONSchemaAndReturnsUsage(t *testing.T) {
	c, f := newTestClient(t, Config{APIKey: "sk-test"}, oneTranslation)
	got, u, err := translateOne(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != "Backups are taken weekly." {
		t.Errorf("text = %q", got[0].Text)
	}
	if u.Calls != 1 || u.PromptTokens != 100 || u.CompletionTokens != 20 || u.TotalTokens() != 120 || u.Model != "test-model" {
		t.Errorf("usage = %+v", u)
	}
	r := f.requests()[0]
	if r.Path != "/v1/chat/completions" {
		t.Errorf("path = %s", r.Path)
	}
	if r.Header.Get("Authorization") != "Bearer sk-test" {
		t.Errorf("authorization header = %q", r.Header.Get("Authorization"))
	}
	rf := r.Body.ResponseFormat
	if rf == nil || rf.Type != openai.ChatCompletionResponseFormatTypeJSONSchema || rf.JSONSchema == nil ||
		!rf.JSONSchema.Strict || rf.JSONSchema.Name != "translations" {
		t.Fatalf("response_format = %+v", rf)
	}
	if len(r.Body.Messages) != 2 || r.Body.Messages[0].Role != "system" || r.Body.Messages[1].Role != "user" {
		t.Errorf("messages = %+v", r.Body.Messages)
	}
}

func TestClient_AzureURLHasDeploymentAndAPIVersion(t *testing.T) {
	f := &fakeLLM{t: t, replies: []reply{oneTranslation}}
	ts := httptest.NewServer(f)
	defer ts.Close()
	c, err := NewClient(Config{
		Azure: true, BaseURL: ts.URL + "/", APIKey: "azure-key",
		Model: "gpt-4o-mini", AzureAPIVersion: "2024-10-21",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := translateOne(t, c); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	if r.Path != "/openai/deployments/gpt-4o-mini/chat/completions" {
		t.Errorf("path = %s", r.Path)
	}
	if r.Query != "api-version=2024-10-21" {
		t.Errorf("query = %s", r.Query)
	}
	if r.Header.Get("api-key") != "azure-key" || r.Header.Get("Authorization") != "" {
		t.Errorf("auth headers: api-key=%q authorization=%q", r.Header.Get("api-key"), r.Header.Get("Authorization"))
	}
}

func TestClient_RetriesAfter429HonouringRetryAfter(t *testing.T) {
	c, f := newTestClient(t, Config{},
		apiError(429, map[string]string{"Retry-After": "2"}),
		oneTranslation)
	got, u, err := translateOne(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != "Backups are taken weekly." {
		t.Errorf("text = %q", got[0].Text)
	}
	if len(f.sleeps) != 1 || f.sleeps[0].Seconds() != 2 {
		t.Errorf("sleeps = %v, want [2s]", f.sleeps)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	// The retried request carries the same body.
	if rs := f.requests(); rs[0].Raw != rs[1].Raw {
		t.Error("retried request body differs from the first")
	}
	if u.Calls != 1 || u.PromptTokens != 100 {
		t.Errorf("usage = %+v", u)
	}
}

func TestClient_RetriesAfter500WithBackoff(t *testing.T) {
	c, f := newTestClient(t, Config{},
		reply{status: 500, body: "upstream exploded"},
		reply{status: 502, body: "bad gateway"},
		oneTranslation)
	if _, _, err := translateOne(t, c); err != nil {
		t.Fatal(err)
	}
	if len(f.sleeps) != 2 || f.sleeps[0] != retryBase || f.sleeps[1] != 2*retryBase {
		t.Errorf("sleeps = %v, want [%v %v]", f.sleeps, retryBase, 2*retryBase)
	}
}

func TestClient_GivesUpAfterMaxRetries(t *testing.T) {
	c, f := newTestClient(t, Config{MaxRetries: 2},
		apiError(503, nil), apiError(503, nil), apiError(503, nil))
	_, _, err := translateOne(t, c)
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 503 {
		t.Fatalf("err = %v, want the server's 503 APIError", err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want 3 (1 + 2 retries)", n)
	}
}

func TestClient_NegativeMaxRetriesNeverRetries(t *testing.T) {
	c, f := newTestClient(t, Config{MaxRetries: -1}, apiError(429, nil))
	if _, _, err := translateOne(t, c); err == nil {
		t.Fatal("want an error")
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestClient_DoesNotRetryClientErrors(t *testing.T) {
	c, f := newTestClient(t, Config{}, reply{status: 400, body: `{"error":{"message":"bad schema"}}`})
	_, _, err := translateOne(t, c)
	if err == nil || errors.Is(err, ErrBadAnswer) {
		t.Fatalf("err = %v, want the API error", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestClient_RetryAfterLongerThanMaxWaitGivesUp(t *testing.T) {
	c, f := newTestClient(t, Config{}, apiError(429, map[string]string{"Retry-After": "3600"}))
	if _, _, err := translateOne(t, c); err == nil {
		t.Fatal("want an error")
	}
	if len(f.sleeps) != 0 || len(f.requests()) != 1 {
		t.Errorf("sleeps %v, %d requests; want none and 1", f.sleeps, len(f.requests()))
	}
}

func TestClient_CancelledContextStopsRetryWait(t *testing.T) {
	c, f := newTestClient(t, Config{}, apiError(429, map[string]string{"Retry-After": "30"}), oneTranslation)
	c.retry.sleep = sleepCtx // the real wait
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, _, err := c.Translate(ctx, TranslateRequest{Texts: []string{"x"}, Source: assessment.EN, Target: assessment.JA})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("returned after %v; the 30 s wait was not interrupted", d)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestClient_WaitBeyondDeadlineIsNotStarted(t *testing.T) {
	c, f := newTestClient(t, Config{}, apiError(429, map[string]string{"Retry-After": "30"}), oneTranslation)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _, err := c.Translate(ctx, TranslateRequest{Texts: []string{"x"}, Source: assessment.EN, Target: assessment.JA})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 {
		t.Fatalf("err = %v, want the 429", err)
	}
	if len(f.sleeps) != 0 || len(f.requests()) != 1 {
		t.Errorf("sleeps %v, %d requests; want none and 1", f.sleeps, len(f.requests()))
	}
}

func TestClient_BadAnswersAreErrBadAnswer(t *testing.T) {
	for name, rep := range map[string]reply{
		"malformed JSON":     answer(`{"translations": [{"id": 1, "text": "unterminated`),
		"empty content":      answer(""),
		"prose":              answer("Sure! Here is the translation: Backups are weekly."),
		"truncated":          answerFinish(`{"translations": []}`, "length"),
		"no choices":         {status: 200, body: `{"id":"x","object":"chat.completion","choices":[],"usage":{"prompt_tokens":5}}`},
		"count mismatch":     answerJSON(map[string]any{"translations": []any{}}),
		"wrong id":           answerJSON(map[string]any{"translations": []any{map[string]any{"id": 2, "source": "ja", "text": "x"}}}),
		"blank translation":  answerJSON(map[string]any{"translations": []any{map[string]any{"id": 1, "source": "ja", "text": " "}}}),
		"null translations":  answer(`{"translations": null}`),
		"array instead":      answer(`[1,2,3]`),
		"text of wrong type": answer(`{"translations": [{"id": 1, "source": "ja", "text": 42}]}`),
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, Config{}, rep)
			got, _, err := translateOne(t, c)
			if !errors.Is(err, ErrBadAnswer) {
				t.Fatalf("err = %v, want ErrBadAnswer", err)
			}
			if got != nil {
				t.Errorf("got translations %v with an error", got)
			}
		})
	}
}

func TestClient_FencedJSONIsAccepted(t *testing.T) {
	c, _ := newTestClient(t, Config{}, answer("```json\n"+`{"translations":[{"id":1,"source":"ja","text":"ok"}]}`+"\n```"))
	got, _, err := translateOne(t, c)
	if err != nil || got[0].Text != "ok" {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestClient_BadAnswerErrorDoesNotQuoteContent(t *testing.T) {
	secret := "the password is hunter2"
	c, _ := newTestClient(t, Config{}, answer(secret))
	_, _, err := translateOne(t, c)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
}

func TestClient_RetriesTransportErrors(t *testing.T) {
	c, f := newTestClient(t, Config{}, oneTranslation)
	real := c.retry.next
	failed := false
	c.retry.next = doerFunc(func(r *http.Request) (*http.Response, error) {
		if !failed {
			failed = true
			return nil, errors.New("connection reset by peer")
		}
		return real.Do(r)
	})
	got, _, err := translateOne(t, c)
	if err != nil || got[0].Text != "Backups are taken weekly." {
		t.Fatalf("got %v, %v", got, err)
	}
	if len(f.sleeps) != 1 || f.sleeps[0] != retryBase {
		t.Errorf("sleeps = %v, want [%v]", f.sleeps, retryBase)
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
