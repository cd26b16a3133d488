package prompts

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Backoff bounds for retries without a Retry-After header.
const (
	retryBase    = 500 * time.Millisecond
	retryBackoff = 30 * time.Second
	// retryMaxWait is the longest wait a server may ask for; asking for more
	// ends the retries, since holding a job for minutes helps nobody.
	retryMaxWait = time.Minute
)

// retryDoer is the HTTPDoer given to go-openai, which has no retries of its
// own and hides the Retry-After header in its errors. It retries 429s, 5xx
// responses (except 501 and 505, which will not change) and transport
// errors up to max times, waiting as the server's Retry-After (or
// retry-after-ms) says, else with exponential backoff. Waits end early when
// the request's context is done, and a wait that would outlast the context's
// deadline is not started. When retries are exhausted the last response is
// returned as it is, so go-openai still reports the server's error.
type retryDoer struct {
	next  openai.HTTPDoer
	max   int
	sleep func(ctx context.Context, d time.Duration) error // replaced in tests
	now   func() time.Time                                 // replaced in tests
}

func newRetryDoer(next openai.HTTPDoer, maxRetries int) *retryDoer {
	return &retryDoer{next: next, max: maxRetries, sleep: sleepCtx, now: time.Now}
}

func (r *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	limit := r.max
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		limit = 0 // the body cannot be sent twice
	}
	for attempt := 0; ; attempt++ {
		try, err := r.attemptRequest(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := r.next.Do(try)
		wait, again := r.retryAfter(ctx, resp, err, attempt, limit)
		if !again {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := r.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("prompts: wait to retry: %w", err)
		}
	}
}

func (r *retryDoer) attemptRequest(req *http.Request, attempt int) (*http.Request, error) {
	if attempt == 0 {
		return req, nil
	}
	try := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("prompts: retry: %w", err)
		}
		try.Body = body
	}
	return try, nil
}

// retryAfter decides whether to retry after an attempt and how long to wait.
func (r *retryDoer) retryAfter(ctx context.Context, resp *http.Response, err error, attempt, limit int) (time.Duration, bool) {
	if attempt >= limit || ctx.Err() != nil {
		return 0, false
	}
	var wait time.Duration
	switch {
	case err != nil:
		wait = backoff(attempt)
	case retryableStatus(resp.StatusCode):
		d, ok := parseRetryAfter(resp.Header, r.now())
		if !ok {
			d = backoff(attempt)
		}
		if d > retryMaxWait {
			return 0, false
		}
		wait = d
	default:
		return 0, false
	}
	if dl, ok := ctx.Deadline(); ok && r.now().Add(wait).After(dl) {
		return 0, false
	}
	return wait, true
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests ||
		code >= 500 && code != http.StatusNotImplemented && code != http.StatusHTTPVersionNotSupported
}

// backoff is 0.5 s, 1 s, 2 s, … up to 30 s.
func backoff(attempt int) time.Duration {
	d := retryBase << min(attempt, 16)
	return min(d, retryBackoff)
}

// parseRetryAfter reads retry-after-ms (OpenAI, Azure) or Retry-After in
// seconds or as an HTTP date.
func parseRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		s = min(s, 1<<20) // no overflow; far above retryMaxWait anyway
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleepCtx waits for d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
