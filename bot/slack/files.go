package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
)

// fileGetter downloads a file the bot can see (url_private, with the bot
// token); *slackgo.Client implements it.
type fileGetter interface {
	GetFileContext(ctx context.Context, downloadURL string, writer io.Writer) error
}

// Files is the adapter's file fetcher for the model worker: it downloads transcripts posted
// in Slack (url_private_download, with the bot token and files:read) for
// the model worker, after the event was acked.
func (a *Adapter) Files() Fetcher { return Fetcher{client: a.client} }

// Fetcher implements the model worker's FileFetcher over the Slack client.
type Fetcher struct{ client Client }

// fetchTimeout bounds one download; the worker tries again later.
const fetchTimeout = 30 * time.Second

// newHTTPClient is the client the adapter calls Slack with. It follows no
// redirect: the Web API never redirects, and a file download that does is
// Slack sending a bot without files:read to its sign-in page (which would
// otherwise be kept as the file, or tried again for nothing).
func newHTTPClient() *http.Client {
	return &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// Fetch downloads url, at most limit bytes. Slack's 3xx and 4xx answers
// (other than 429) and a client that cannot download are ErrFileGone:
// trying again would not help.
func (f Fetcher) Fetch(ctx context.Context, url string, limit int) ([]byte, error) {
	fg, ok := f.client.(fileGetter)
	if !ok || url == "" {
		return nil, fmt.Errorf("slack: download: %w", bot.ErrFileGone)
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	w := &capped{max: limit}
	err := fg.GetFileContext(ctx, url, w)
	var sc slackgo.StatusCodeError
	switch {
	case w.over:
		return nil, fmt.Errorf("slack: download: %w", bot.ErrFileTooLarge)
	case errors.As(err, &sc) && sc.Code >= 300 && sc.Code < 500 && sc.Code != http.StatusTooManyRequests:
		return nil, fmt.Errorf("slack: download: %w: %w", bot.ErrFileGone, err)
	case err != nil:
		return nil, fmt.Errorf("slack: download: %w", err)
	}
	return w.buf.Bytes(), nil
}

// capped is a writer that refuses more than max bytes.
type capped struct {
	buf  bytes.Buffer
	max  int
	n    int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	c.n += len(p)
	if c.n > c.max {
		c.over = true
		return 0, errors.New("slack: file larger than the limit")
	}
	return c.buf.Write(p)
}
