package prompts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Defaults for the zero values of Config.
const (
	DefaultTimeout     = 2 * time.Minute
	DefaultMaxRetries  = 3
	DefaultChunkTokens = 3000
)

// Config says which OpenAI-compatible endpoint and model to use.
type Config struct {
	// BaseURL is the API root, e.g. "https://api.openai.com/v1" (the default),
	// "http://localhost:11434/v1" (Ollama) or, with Azure, the resource
	// endpoint "https://<resource>.openai.azure.com/".
	BaseURL string
	APIKey  string // may be empty for local servers; never printed
	// Model is the model name, or with Azure the deployment name.
	Model           string
	Azure           bool
	AzureAPIVersion string // default "2023-05-15", go-openai's
	// Timeout bounds each HTTP attempt (default DefaultTimeout); the
	// caller's context bounds the whole call, retries included.
	Timeout time.Duration
	// MaxRetries is how many times a call is retried after a 429, a 5xx or
	// a transport error: 0 means DefaultMaxRetries, negative means never.
	MaxRetries int
	// HTTPClient is the client to send requests with (a copy is used, with
	// Timeout applied); nil means a new one.
	HTTPClient *http.Client
	// ChunkTokens is the estimated size of the data in one summarisation
	// call; longer transcripts are summarised in parts and merged. Default
	// DefaultChunkTokens, which fits models with small context windows.
	ChunkTokens int
	// Cache, if set, holds translations by CacheKey.
	Cache Cache
}

// Client sends the package's prompts to one model. It is safe for
// concurrent use.
type Client struct {
	api         *openai.Client
	model       string
	chunkTokens int
	cache       Cache
	retry       *retryDoer
}

// NewClient checks cfg and returns a client. It makes no network call.
func NewClient(cfg Config) (*Client, error) {
	if cfg.Model == "" {
		return nil, errors.New("prompts: new client: model is empty")
	}
	oc, err := openaiConfig(cfg)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		hc = &c
	}
	if cfg.Timeout > 0 {
		hc.Timeout = cfg.Timeout
	} else if hc.Timeout == 0 {
		hc.Timeout = DefaultTimeout
	}
	retries := cfg.MaxRetries
	if retries == 0 {
		retries = DefaultMaxRetries
	}
	rd := newRetryDoer(hc, max(retries, 0))
	oc.HTTPClient = rd
	chunk := cfg.ChunkTokens
	if chunk <= 0 {
		chunk = DefaultChunkTokens
	}
	return &Client{
		api:         openai.NewClientWithConfig(oc),
		model:       cfg.Model,
		chunkTokens: chunk,
		cache:       cfg.Cache,
		retry:       rd,
	}, nil
}

func openaiConfig(cfg Config) (openai.ClientConfig, error) {
	if cfg.Azure {
		if cfg.BaseURL == "" {
			return openai.ClientConfig{}, errors.New("prompts: new client: Azure needs a base URL (the resource endpoint)")
		}
		if err := checkURL(cfg.BaseURL); err != nil {
			return openai.ClientConfig{}, err
		}
		oc := openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		if cfg.AzureAPIVersion != "" {
			oc.APIVersion = cfg.AzureAPIVersion
		}
		return oc, nil
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		if err := checkURL(cfg.BaseURL); err != nil {
			return openai.ClientConfig{}, err
		}
		oc.BaseURL = cfg.BaseURL
	}
	return oc, nil
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("prompts: new client: base URL %q is not an http(s) URL", s)
	}
	return nil
}

// Model is the model (or Azure deployment) the client asks.
func (c *Client) Model() string { return c.model }

// Usage counts what calls to the model cost, so callers can store it per
// engagement. Every method returns the usage of the calls it made, also
// when it fails after a call (a bad answer still costs tokens).
type Usage struct {
	Model            string
	Calls            int // chat completions that returned an answer
	PromptTokens     int
	CompletionTokens int
	CacheHits        int // translations served from the cache
	// CacheErrors counts failed cache reads and writes. The cache is best
	// effort: a failed read is a miss, a failed write loses nothing but the
	// saving, so neither fails the call; this is how the caller learns of it.
	CacheErrors int
}

// TotalTokens is prompt plus completion tokens.
func (u Usage) TotalTokens() int { return u.PromptTokens + u.CompletionTokens }

// Add adds o's counts to u.
func (u *Usage) Add(o Usage) {
	if u.Model == "" {
		u.Model = o.Model
	}
	u.Calls += o.Calls
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
	u.CacheHits += o.CacheHits
	u.CacheErrors += o.CacheErrors
}

// prompt is one rendered request: the instructions, the data and the JSON
// schema of the answer.
type prompt struct {
	name   string // schema name: letters, digits, _ and -
	system string
	user   string
	schema json.RawMessage
}

// complete sends p and decodes the JSON answer into out. op names the
// operation in errors. A missing, truncated, refused or non-JSON answer is
// ErrBadAnswer.
func (c *Client) complete(ctx context.Context, op string, p prompt, out any) (Usage, error) {
	u := Usage{Model: c.model}
	resp, err := c.api.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: p.system},
			{Role: openai.ChatMessageRoleUser, Content: p.user},
		},
		ResponseFormat: &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   p.name,
				Schema: p.schema,
				Strict: true,
			},
		},
	})
	if err != nil {
		return u, fmt.Errorf("prompts: %s: %w", op, err)
	}
	u.Calls = 1
	u.PromptTokens = resp.Usage.PromptTokens
	u.CompletionTokens = resp.Usage.CompletionTokens
	if err := decodeAnswer(resp, out); err != nil {
		return u, fmt.Errorf("prompts: %s: %w", op, err)
	}
	return u, nil
}
