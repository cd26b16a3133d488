package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// A transcript posted on a chat platform is not downloaded by the adapter:
// design §7 keeps outbound calls out of the intake (verify → one
// transaction → ack). The turn checks what it can without the bytes (the
// kind, the declared size, the model), then queues a summarize job that
// holds the file's URL. The worker downloads the file through the
// platform's FileFetcher when it runs the job, so the download is durable
// and retried with the job, and reads and summarises it as it would a
// file posted with its data (the console's).

// FileFetcher downloads files that people posted on one platform; each
// chat adapter provides one (Slack: url_private with the bot token;
// Discord: the attachment's CDN URL).
type FileFetcher interface {
	// Fetch downloads the file at url, reading at most limit bytes. It may
	// block on the network and honours ctx. A file larger than limit is an
	// error wrapping ErrFileTooLarge; a file the platform will not serve
	// (gone, forbidden) one wrapping ErrFileGone; any other error may
	// succeed when tried again.
	Fetch(ctx context.Context, url string, limit int) ([]byte, error)
}

// errDownload marks a failed download that the worker tries again; when
// the job fails for good, the person who posted the file is told.
var errDownload = errors.New("transcript download failed")

// SetFetcher gives the worker the file fetcher of a platform, for the
// transcripts posted there. Call it before Run.
func (w *Worker) SetFetcher(platform string, f FileFetcher) {
	w.fetchers[platform] = f
}

// fetchTranscript downloads a summarize job's file and reads it as lines.
// A non-empty refusal says, in lang, why the file cannot be summarised
// (too large, not text, empty, gone): the job is then done without a model
// call. An error means the download may work when tried again.
func (w *Worker) fetchTranscript(ctx context.Context, j bot.Job) (text string, refusal func(assessment.Lang) string, err error) {
	p := j.Params
	gone := func(l assessment.Lang) string { return catalog.Say(l, "transcript_download_failed", p.FileName) }
	f, ok := w.fetchers[j.ReplyTo.Platform]
	if !ok {
		return "", gone, nil
	}
	limit := w.e.Config().MaxFile
	data, err := f.Fetch(ctx, p.FileURL, limit)
	switch {
	case errors.Is(err, bot.ErrFileTooLarge):
		data, p.FileSize = nil, max(p.FileSize, limit+1)
	case errors.Is(err, bot.ErrFileGone):
		if ge, ok := errors.AsType[*bot.GoneError](err); ok {
			return "", func(l assessment.Lang) string { return catalog.Say(l, "transcript_gone_"+ge.Reason) }, nil
		}
		return "", gone, nil
	case err != nil:
		return "", nil, fmt.Errorf("bot: fetch the file of job %d: %w: %w", j.ID, errDownload, err)
	}
	if data == nil {
		data = []byte{} // read, if empty or cut at the limit
	}
	file := &bot.File{Name: p.FileName, Size: p.FileSize, Data: data}
	if problem := bot.TranscriptRefusal(file, limit); problem != nil {
		return "", problem, nil
	}
	text = bot.TranscriptText(file.Name, file.Data)
	if text == "" {
		return "", func(l assessment.Lang) string { return catalog.Say(l, "transcript_empty", p.FileName) }, nil
	}
	return text, nil, nil
}

// summarizeFailed tells whoever asked that a summary failed for good: that
// the file could not be downloaded, when that is what failed.
func (w *Worker) summarizeFailed(tx bot.Tx, eng *bot.Engagement, j bot.Job) error {
	if j.Reason == reasonDownload {
		return w.tell(tx, eng, j, "transcript_download_failed", j.Params.FileName)
	}
	return w.tell(tx, eng, j, "job_failed")
}

// reasonDownload is the stored reason of a job whose download failed.
const reasonDownload = "download_failed"
