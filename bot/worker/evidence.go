package worker

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// Evidence files posted on a chat platform are downloaded here, as
// transcripts are, through the platform's FileFetcher and outside any
// transaction. They are not model jobs: a download goes ahead whether or
// not a model is configured or allowed. A claim leases the download
// (evidenceLease) so that a worker that dies leaves it to be taken up
// again; a failed download is tried evidenceAttempts times with backoff.
const (
	evidenceBatch    = 5
	evidenceLease    = 10 * time.Minute
	evidenceAttempts = 3
)

// downloadEvidence downloads the due evidence files and keeps them.
func (w *Worker) downloadEvidence(ctx context.Context) error {
	var due []bot.EvidenceDownload
	err := w.e.Store().Update(ctx, func(tx bot.Tx) error {
		now := w.e.Clock().Now().UTC()
		var err error
		if due, err = tx.DueEvidenceDownloads(now, evidenceBatch); err != nil {
			return err
		}
		for i := range due {
			due[i].Attempts++
			due[i].NotBefore = now.Add(evidenceLease)
			if err := tx.LeaseEvidenceDownload(due[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range due {
		errs = append(errs, w.fetchEvidence(ctx, d))
	}
	return errors.Join(errs...)
}

// fetchEvidence downloads one file and records the outcome: the file kept,
// or the poster told why not, or (a failure that may pass) a retry.
func (w *Worker) fetchEvidence(ctx context.Context, d bot.EvidenceDownload) error {
	limit := w.e.Config().MaxEvidence
	var data []byte
	err := bot.ErrFileGone
	if f, ok := w.fetchers[d.Author.Platform]; ok {
		data, err = f.Fetch(ctx, d.URL, limit)
	}
	if ctx.Err() != nil {
		return ctx.Err() // the lease brings it back
	}
	retry := err != nil && !errors.Is(err, bot.ErrFileTooLarge) && !errors.Is(err, bot.ErrFileGone) && d.Attempts < evidenceAttempts
	if retry {
		// The error may quote the file's link, which can carry a token: only at debug.
		w.log.Warn("Evidence download failed", slog.String("engagement_id", d.EngagementID), slog.Int("attempt", d.Attempts))
		w.log.Debug("Evidence download error", slog.String("engagement_id", d.EngagementID), slog.Any("error", err))
	}
	return w.e.Store().Update(ctx, func(tx bot.Tx) error {
		now := w.e.Clock().Now().UTC()
		if retry {
			d.NotBefore = now.Add(time.Duration(1<<d.Attempts) * time.Minute)
			return tx.LeaseEvidenceDownload(d)
		}
		if err := tx.DropEvidenceDownload(d.ID); err != nil {
			return err
		}
		return w.keepEvidence(tx, d, data, err, now)
	})
}

// keepEvidence stores a downloaded file and tells its poster, or tells
// them why it is not kept. A purged engagement takes its downloads along.
func (w *Worker) keepEvidence(tx bot.Tx, d bot.EvidenceDownload, data []byte, fetchErr error, now time.Time) error {
	eng, err := tx.Engagement(d.EngagementID)
	if bot.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	lang, err := replyLang(tx, eng, d.Author)
	if err != nil {
		return err
	}
	item := d.Item
	if item == bot.SiteItem {
		item = catalog.Inline(lang, "evidence_site")
	}
	say := func(key string, args ...any) error {
		return tx.Enqueue(d.Reply(catalog.Say(lang, key, args...), now))
	}
	switch {
	case errors.Is(fetchErr, bot.ErrFileTooLarge):
		return say("evidence_too_large", d.Name, w.e.Config().MaxEvidence>>20)
	case fetchErr != nil:
		return say("evidence_download_failed", d.Name)
	case len(data) == 0:
		return say("evidence_empty", d.Name)
	}
	ev := bot.NewEvidenceFile(d.Name, data)
	ev.EngagementID, ev.Item, ev.Author, ev.AuthorName, ev.At = d.EngagementID, d.Item, d.Author, d.AuthorName, now
	if _, err := tx.AddEvidence(ev); err != nil {
		return err
	}
	return say("evidence_kept", ev.Name, item, (ev.Size+1023)/1024, ev.SHA256[:12])
}
