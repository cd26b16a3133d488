package discord

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/otassess/otassess/bot"
)

// Files is the adapter's file fetcher for the model worker: it downloads transcript
// attachments from Discord's CDN (no token needed) for the model worker,
// after the message was handled.
func (a *Adapter) Files() Fetcher { return Fetcher{client: a.session.Client} }

// Fetcher implements the model worker's FileFetcher over an HTTP client.
type Fetcher struct{ client *http.Client }

// fetchTimeout bounds one download; the worker tries again later.
const fetchTimeout = 30 * time.Second

// Fetch downloads url, at most limit bytes. A 4xx answer other than 429
// (the attachment was deleted, or its signed URL expired) is ErrFileGone.
func (f Fetcher) Fetch(ctx context.Context, url string, limit int) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("discord: download: %w: %w", bot.ErrFileGone, err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("discord: download: %w", err)
	}
	defer resp.Body.Close()
	switch c := resp.StatusCode; {
	case c == http.StatusOK:
	case c >= 400 && c < 500 && c != http.StatusTooManyRequests:
		return nil, fmt.Errorf("discord: download: status %d: %w", c, bot.ErrFileGone)
	default:
		return nil, fmt.Errorf("discord: download: status %d", c)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("discord: download: %w", err)
	case len(data) > limit:
		return nil, fmt.Errorf("discord: download: %w", bot.ErrFileTooLarge)
	}
	return data, nil
}
