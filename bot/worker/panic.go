package worker

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/otassess/otassess/bot"
)

// reasonPanic is the stored reason of a job whose run panicked.
const reasonPanic = "panic"

// panicError is a panic in a job's run or in storing its results, caught
// so that the job fails and the process goes on.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic in a model job: %T", e.value) }

// recovered turns a panic into a *panicError in *err; it must be deferred.
func recovered(err *error) {
	if v := recover(); v != nil {
		*err = &panicError{value: v, stack: debug.Stack()}
	}
}

// runSafely runs a group's jobs, turning a panic into an error.
func (w *Worker) runSafely(ctx context.Context, kind bot.JobKind, g jobGroup) (out jobOutcome, err error) {
	defer recovered(&err)
	return w.kinds[kind].run(w, ctx, g.eng, g.jobs)
}

// saveSafely stores a run's results, turning a panic into an error, so the
// transaction is rolled back rather than left open.
func saveSafely(tx bot.Tx, save func(bot.Tx) error) (err error) {
	defer recovered(&err)
	return save(tx)
}

// panicked fails the group's jobs at once, since the panic would come back
// at every run, and tells the person who asked, once. The log has the
// stack (the panic's value only at debug level: it may quote data).
func (w *Worker) panicked(ctx context.Context, kind bot.JobKind, g jobGroup, out jobOutcome, pe *panicError) error {
	w.log.Error("Model job panicked; its jobs failed", slog.String("engagement_id", g.eng.ID), slog.String("kind", string(kind)),
		slog.Int("jobs", len(g.jobs)), slog.String("panic_type", fmt.Sprintf("%T", pe.value)), slog.String("stack", string(pe.stack)))
	w.log.Debug("Model job panic value", slog.String("engagement_id", g.eng.ID), slog.Any("panic", pe.value))
	return w.retry(context.WithoutCancel(ctx), kind, g, out, reasonPanic, true)
}
