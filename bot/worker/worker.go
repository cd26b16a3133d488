package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// Worker does the language model's jobs after the turns that queued them,
// so a turn never waits for a model. Each tick it claims the due jobs of
// every kind (pushing their NotBefore past a lease, so the jobs of a
// process that died are taken up again), runs them outside any
// transaction, then in one transaction stores the results, marks the jobs
// done and records the usage and the audit trail. A failed run is retried
// with backoff up to maxAttempts, then the job fails and the person who
// asked is told. Jobs of an engagement with the model turned off, or with
// no model configured, are skipped without a call.
//
// Translations are batched by a window (Config.TranslateWindow): a
// comment's job is due when the window after it ends, and the claim that
// takes a due translate job also takes the engagement's jobs of the same
// language pair that are still in their window (never claimed, not yet
// due), up to the batch size. So the first comment's deadline bounds the
// wait of every comment written after it, and comments written within a
// window of each other go to the model in one call. Run one Worker per
// database (serve holds the lease); Tick and Run are not for concurrent use.
type Worker struct {
	e        *engine.Engine
	log      *slog.Logger
	interval time.Duration
	kinds    map[bot.JobKind]jobKind
	fetchers map[string]FileFetcher // by platform: downloads posted transcripts
	observe  Observer
	limits   Limits

	lastPrune time.Time
}

// jobKind is how the worker does one kind of job: how many due jobs one
// claim takes, the handler that runs them, and what to do when a job fails
// for good (nil: tell ReplyTo with the job_failed message). When windowed,
// a claim also takes the waiting jobs of the same engagement and language
// pair as a due one, up to batch per pair (see Worker).
type jobKind struct {
	batch       int
	windowed    bool
	interactive bool // a person waits for it: run first, with the shorter timeout
	run         jobHandler
	failed      func(w *Worker, tx bot.Tx, eng *bot.Engagement, j bot.Job) error
}

// jobHandler runs claimed jobs of one kind, all of one engagement, outside
// any transaction: it reads what it needs, calls the model, and returns
// the outcome. It must fill Audit with every text it sent (or tried to
// send) to the model, also when it fails, and Usage with what the calls
// cost. Save, when set, stores the results and queues the replies; the
// worker runs it in the transaction that marks the jobs done.
type jobHandler func(w *Worker, ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error)

// jobOutcome is what running jobs produced.
type jobOutcome struct {
	Usage bot.ModelUsage
	// Audit lists the texts sent; the worker fills in the engagement,
	// kind, engine, model and time.
	Audit []bot.AuditRecord
	Save  func(tx bot.Tx) error
}

// jobKinds is the table of model jobs the worker runs. To add a kind: add
// its JobKind constant (and to the kind CHECK of model_jobs, in a new
// migration), write a jobHandler that reads its inputs, calls the Model
// and returns a Save that stores the result and queues the reply (see
// (*Worker).translate), give it a batch size (1 unless one model call can
// serve several jobs), and add the entry here. The turn that queues the job
// checks t.canUseModel first and sets ReplyTo.
func jobKinds() map[bot.JobKind]jobKind {
	return map[bot.JobKind]jobKind{
		bot.JobTranslate: {batch: 20, windowed: true, run: (*Worker).translate, failed: (*Worker).translateFailed},
		bot.JobSummarize: {batch: 1, interactive: true, run: (*Worker).summarize, failed: (*Worker).summarizeFailed},
		bot.JobDraft:     {batch: 1, run: (*Worker).draft, failed: (*Worker).draftFailed},
		bot.JobExplain:   {batch: 1, interactive: true, run: (*Worker).explain, failed: (*Worker).explainFailed},
	}
}

// Worker limits.
const (
	maxAttempts = 3                // runs of a job before it fails
	jobLease    = 15 * time.Minute // how long a claimed job is held: longer than a model call with its retries
	pruneEvery  = time.Hour        // how often stored channel messages past retention are deleted
)

// New returns a worker over an engine's store, clock and model that
// looks for due jobs every interval (2 s when 0). How long a translation
// waits for others to batch with is Config.TranslateWindow, not interval.
func New(e *engine.Engine, log *slog.Logger, interval time.Duration) *Worker {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	return &Worker{e: e, log: log, interval: interval, kinds: jobKinds(), fetchers: map[string]FileFetcher{}, limits: Limits{}.withDefaults()}
}

// Observer hears of each job whose run ended: its kind, the result (done,
// retry or failed) and how long since the job was queued, for metrics.
type Observer func(kind bot.JobKind, result string, latency time.Duration)

// Observe sets the observer of finished runs (none by default).
func (w *Worker) Observe(o Observer) { w.observe = o }

// observed tells the observer, if any, of jobs that ended with result.
func (w *Worker) observed(kind bot.JobKind, result string, jobs []bot.Job) {
	if w.observe == nil {
		return
	}
	now := w.e.Clock().Now()
	for _, j := range jobs {
		w.observe(kind, result, now.Sub(j.CreatedAt))
	}
}

// SetBatch changes how many due jobs of a kind one model call may take (at
// least 1); benchmarks use it to measure what batching saves.
func (w *Worker) SetBatch(kind bot.JobKind, n int) {
	if k, ok := w.kinds[kind]; ok {
		k.batch = max(n, 1)
		w.kinds[kind] = k
	}
}

// Run ticks until ctx is done. A failing tick is logged and retried at the
// next one; Run returns nil when ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	return bot.Every(ctx, w.interval, w.log, "Model worker tick", w.Tick)
}

// runGroup runs a group's jobs and records the outcome. A panic in the
// run or in storing its results fails the group's jobs at once (see
// panicked): it would only happen again.
func (w *Worker) runGroup(ctx context.Context, kind bot.JobKind, g jobGroup) error {
	runCtx, cancel := context.WithTimeout(ctx, w.limits.timeout(w.kinds[kind].interactive))
	out, err := w.runSafely(runCtx, kind, g)
	cancel()
	if pe, ok := errors.AsType[*panicError](err); ok {
		return w.panicked(ctx, kind, g, out, pe)
	}
	if ctx.Err() != nil {
		return ctx.Err() // the lease brings the jobs back
	}
	if err != nil {
		w.log.Warn("Model job failed", slog.String("engagement_id", g.eng.ID), slog.String("kind", string(kind)),
			slog.Int("jobs", len(g.jobs)), slog.Int("attempt", g.jobs[0].Attempts), slog.Any("error", err))
		return w.retry(ctx, kind, g, out, reasonOf(err), false)
	}
	err = w.finish(ctx, kind, g, out)
	if pe, ok := errors.AsType[*panicError](err); ok {
		return w.panicked(ctx, kind, g, jobOutcome{}, pe)
	}
	return err
}

// reasonOf is the stored code of a failure: bad_answer when the model
// answered unusably, download_failed when a posted file could not be
// fetched, model_error otherwise.
func reasonOf(err error) string {
	if errors.Is(err, bot.ErrModelAnswer) {
		return "bad_answer"
	}
	if errors.Is(err, errDownload) {
		return reasonDownload
	}
	return "model_error"
}

// finish stores a successful run: results, done jobs, usage and audit.
// Jobs that left the queue meanwhile (the model was turned off) keep their
// state, and the results of their group are dropped.
func (w *Worker) finish(ctx context.Context, kind bot.JobKind, g jobGroup, out jobOutcome) error {
	err := w.e.Store().Update(ctx, func(tx bot.Tx) error {
		now := w.e.Clock().Now().UTC()
		if err := w.record(tx, kind, g.eng, out, now); err != nil {
			return err
		}
		current, err := stillQueued(tx, g.jobs)
		if err != nil || len(current) < len(g.jobs) {
			return err
		}
		if out.Save != nil {
			if err := saveSafely(tx, out.Save); err != nil {
				return err
			}
		}
		for _, j := range current {
			j.State, j.Reason = bot.JobDone, ""
			if err := tx.UpdateJob(j); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("bot: finish %s jobs of %s: %w", kind, g.eng.ID, err)
	}
	w.observed(kind, "done", g.jobs)
	return nil
}

// retry records a failed run: each job waits with backoff, or fails after
// its last attempt (or at once when final) and the person who asked is told.
func (w *Worker) retry(ctx context.Context, kind bot.JobKind, g jobGroup, out jobOutcome, reason string, final bool) error {
	err := w.e.Store().Update(ctx, func(tx bot.Tx) error {
		now := w.e.Clock().Now().UTC()
		if err := w.record(tx, kind, g.eng, out, now); err != nil {
			return err
		}
		current, err := stillQueued(tx, g.jobs)
		if err != nil {
			return err
		}
		for _, j := range current {
			j.Reason = reason
			if j.Attempts < maxAttempts && !final {
				j.NotBefore = now.Add(retryDelay(j.Attempts))
			} else {
				j.State = bot.JobFailed
				if err := w.fail(tx, kind, g.eng, j); err != nil {
					return err
				}
			}
			if err := tx.UpdateJob(j); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("bot: retry %s jobs of %s: %w", kind, g.eng.ID, err)
	}
	for _, j := range g.jobs {
		result := "retry"
		if j.Attempts >= maxAttempts || final {
			result = "failed"
		}
		w.observed(kind, result, []bot.Job{j})
	}
	return nil
}

// retryDelay is the wait before the next run after a failed attempt: 30 s,
// then 2 min, then 8 min.
func retryDelay(attempts int) time.Duration {
	return 30 * time.Second << (2 * min(max(attempts-1, 0), 4))
}

// stillQueued reloads jobs and keeps those still queued.
func stillQueued(tx bot.Tx, jobs []bot.Job) ([]bot.Job, error) {
	var out []bot.Job
	for _, j := range jobs {
		cur, err := tx.Job(j.ID)
		if err != nil {
			return nil, err
		}
		if cur.State == bot.JobQueued {
			out = append(out, cur)
		}
	}
	return out, nil
}

// record stores what a run cost and which texts the engine saw.
func (w *Worker) record(tx bot.Tx, kind bot.JobKind, eng *bot.Engagement, out jobOutcome, now time.Time) error {
	info := w.e.Config().Model.Info()
	if out.Usage != (bot.ModelUsage{}) {
		if err := tx.AddUsage(eng.ID, kind, info.Model, out.Usage, now); err != nil {
			return err
		}
	}
	for _, a := range out.Audit {
		a.EngagementID, a.Kind, a.Engine, a.Model, a.At = eng.ID, kind, info.Engine, info.Model, now
		if err := tx.Audit(a); err != nil {
			return err
		}
	}
	return nil
}

// fail tells the person who asked that a job failed for good.
func (w *Worker) fail(tx bot.Tx, kind bot.JobKind, eng *bot.Engagement, j bot.Job) error {
	if f := w.kinds[kind].failed; f != nil {
		return f(w, tx, eng, j)
	}
	return w.tell(tx, eng, j, "job_failed")
}

// replyLang is the language to tell a participant something in: theirs,
// else the engagement's.
func replyLang(tx bot.Tx, eng *bot.Engagement, u bot.UserRef) (assessment.Lang, error) {
	if u.ID == "" {
		return eng.Langs, nil
	}
	parts, err := tx.Participants(eng.ID)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		if p.User == u && p.Lang != "" {
			return p.Lang, nil
		}
	}
	return eng.Langs, nil
}

// prune deletes stored channel messages past retention, at most hourly.
func (w *Worker) prune(ctx context.Context) error {
	now := w.e.Clock().Now().UTC()
	if now.Sub(w.lastPrune) < pruneEvery {
		return nil
	}
	var n int64
	err := w.e.Store().Update(ctx, func(tx bot.Tx) error {
		var err error
		n, err = tx.PruneMessages(now.Add(-w.e.Config().MessageRetention))
		return err
	})
	if err != nil {
		return fmt.Errorf("bot: prune stored messages: %w", err)
	}
	w.lastPrune = now
	if n > 0 {
		w.log.Info("Stored channel messages pruned", slog.Int64("deleted", n))
	}
	return nil
}
