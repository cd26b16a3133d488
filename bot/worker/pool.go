package worker

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/otassess/otassess/bot"
)

// Limits bound a Worker's model calls.
type Limits struct {
	// Concurrency is how many runs (each one model call with its retries)
	// go on at once; with two or more, one place is kept for the jobs a
	// person waits for, so background jobs never take them all.
	Concurrency int
	// Interactive bounds a run of a job a person waits for (explain,
	// summarize); Batch bounds the others (translations, drafts).
	Interactive, Batch time.Duration
}

// Default limits.
const (
	DefaultConcurrency        = 2
	DefaultInteractiveTimeout = 45 * time.Second
	DefaultBatchTimeout       = 3 * time.Minute
)

func (l Limits) withDefaults() Limits {
	if l.Concurrency <= 0 {
		l.Concurrency = DefaultConcurrency
	}
	if l.Interactive <= 0 {
		l.Interactive = DefaultInteractiveTimeout
	}
	if l.Batch <= 0 {
		l.Batch = DefaultBatchTimeout
	}
	return l
}

func (l Limits) timeout(interactive bool) time.Duration {
	if interactive {
		return l.Interactive
	}
	return l.Batch
}

// SetLimits sets the concurrency and timeouts (zero fields: the defaults).
func (w *Worker) SetLimits(l Limits) { w.limits = l.withDefaults() }

// task is a claimed group of jobs waiting for a place to run.
type task struct {
	kind bot.JobKind
	g    jobGroup
}

// Tick does every job due at the clock's now, and those that come due
// while it runs, up to Limits.Concurrency runs at once: a person's jobs
// (explain, summarize) first, then the background ones. It also deletes
// stored channel messages past their retention (at most hourly) and
// downloads the evidence files posted on a platform. It returns
// when nothing is due or running; one group's failure does not stop the
// others, and the errors are joined.
func (w *Worker) Tick(ctx context.Context) error {
	errs := []error{w.prune(ctx), w.downloadEvidence(ctx)}
	p := newPool(w.limits.Concurrency)
	poll := time.NewTicker(w.interval)
	defer poll.Stop()
	var waiting []task
	for ctx.Err() == nil {
		t, ok, err := w.next(ctx, p, &waiting)
		if err != nil {
			errs = append(errs, err)
			break
		}
		if ok {
			interactive := w.kinds[t.kind].interactive
			p.start(interactive, t.key(interactive), func() error { return w.runGroup(ctx, t.kind, t.g) })
			continue
		}
		if p.idle() && len(waiting) == 0 {
			break
		}
		select {
		case <-p.done:
		case <-poll.C:
		case <-ctx.Done():
		}
	}
	return errors.Join(append(errs, p.wait()...)...)
}

// next is the next group to run where the pool has a place: a person's
// jobs first; for each class, groups already claimed, then new claims.
// Runs of one engagement and class go one at a time, so replies to a
// person (and posts to a channel) keep their order.
func (w *Worker) next(ctx context.Context, p *pool, waiting *[]task) (task, bool, error) {
	for _, interactive := range []bool{true, false} {
		if !p.free(interactive) {
			continue
		}
		if t, ok := w.startable(p, waiting, interactive); ok {
			return t, true, nil
		}
		for _, k := range w.kindsOf(interactive) {
			groups, err := w.claim(ctx, k)
			if err != nil {
				return task{}, false, err
			}
			for _, g := range groups {
				*waiting = append(*waiting, task{k, g})
			}
			if t, ok := w.startable(p, waiting, interactive); ok {
				return t, true, nil
			}
		}
	}
	return task{}, false, nil
}

// startable takes the first waiting task of a class whose engagement has
// no run of that class going on.
func (w *Worker) startable(p *pool, waiting *[]task, interactive bool) (task, bool) {
	i := slices.IndexFunc(*waiting, func(t task) bool {
		return w.kinds[t.kind].interactive == interactive && !p.busy(t.key(interactive))
	})
	if i < 0 {
		return task{}, false
	}
	t := (*waiting)[i]
	*waiting = slices.Delete(*waiting, i, i+1)
	return t, true
}

// key names the engagement and class a task's run holds.
func (t task) key(interactive bool) string {
	if interactive {
		return "i:" + t.g.eng.ID
	}
	return "b:" + t.g.eng.ID
}

// kindsOf lists the interactive or the background kinds, sorted.
func (w *Worker) kindsOf(interactive bool) []bot.JobKind {
	var ks []bot.JobKind
	for k, jk := range w.kinds {
		if jk.interactive == interactive {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// pool runs groups side by side, at most size at once and at most size-1
// background ones when size is 2 or more.
type pool struct {
	size, batchMax int
	mu             sync.Mutex
	running, batch int
	keys           map[string]bool // engagement and class of each run going on
	errs           []error
	wg             sync.WaitGroup
	done           chan struct{} // signalled when a run ends
}

func newPool(size int) *pool {
	return &pool{size: size, batchMax: max(size-1, 1), keys: map[string]bool{}, done: make(chan struct{}, 1)}
}

func (p *pool) busy(key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.keys[key]
}

func (p *pool) free(interactive bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running < p.size && (interactive || p.batch < p.batchMax)
}

func (p *pool) idle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running == 0
}

// start runs fn in a place the caller found free, holding key.
func (p *pool) start(interactive bool, key string, fn func() error) {
	p.mu.Lock()
	p.keys[key] = true
	p.running++
	if !interactive {
		p.batch++
	}
	p.mu.Unlock()
	p.wg.Go(func() {
		err := fn()
		p.mu.Lock()
		delete(p.keys, key)
		p.running--
		if !interactive {
			p.batch--
		}
		if err != nil {
			p.errs = append(p.errs, err)
		}
		p.mu.Unlock()
		select {
		case p.done <- struct{}{}:
		default:
		}
	})
}

// wait waits for every run and returns their errors.
func (p *pool) wait() []error {
	p.wg.Wait()
	return p.errs
}
