package bot

import (
	"context"
	"log/slog"
	"time"
)

// Every calls tick at once and then every interval until ctx is done.
// A failing tick is logged (as what) and retried at the next one; the loop
// returns nil when ctx ends. The worker and the scheduler run on it.
func Every(ctx context.Context, interval time.Duration, log *slog.Logger, what string, tick func(context.Context) error) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := tick(ctx); err != nil && ctx.Err() == nil {
			log.Error(what+" failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
