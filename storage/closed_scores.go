package storage

import (
	"context"
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/closed"
)

// Each closed engagement's after-assessment scores are kept (package
// closed), so that a reference average is a sum in SQL.

// ClosedReference is the reference average of pack's version over its
// closed engagements but except (see closed.Reference).
func (t *tx) ClosedReference(pack *assessment.Pack, except string) (assessment.Reference, error) {
	return closed.Reference(t, pack, except)
}

// storeMissingClosedScores stores the scores of every closed engagement
// that has none: after migration 0018, those closed before it; later, those
// that took an answer after closing. It runs at Open; it takes the writer
// only when there is something to store.
func (db *DB) storeMissingClosedScores(ctx context.Context) error {
	var missing []closed.Engagement
	err := db.View(ctx, func(btx bot.Tx) error {
		var err error
		missing, err = closed.Unscored(btx.(*tx))
		return err
	})
	if err == nil && len(missing) > 0 {
		err = db.Update(ctx, func(btx bot.Tx) error { return closed.StoreScores(btx.(*tx), missing) })
	}
	if err != nil {
		return fmt.Errorf("storage: store closed scores: %w", err)
	}
	return nil
}
