package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/otassess/otassess/bot"
)

// Renderer makes the file of a queued reply's render request just before it
// is sent, so the file shows the data as of delivery.
type Renderer interface {
	Render(ctx context.Context, r bot.Reply) (bot.Reply, error)
}

// Sender delivers replies on one platform.
type Sender interface {
	// Send delivers one queued message. When o.Conversation is empty it is a
	// direct message to o.User, which the sender opens. A rate limit is
	// reported as a *RetryError; any other error is retried with backoff.
	Send(ctx context.Context, o bot.Outgoing) error
}

// RetryError asks the dispatcher to try again after a delay, as a platform's
// 429 Retry-After says.
type RetryError struct {
	After time.Duration
	Err   error
}

func (e *RetryError) Error() string { return fmt.Sprintf("retry after %s: %v", e.After, e.Err) }
func (e *RetryError) Unwrap() error { return e.Err }

// UnreachableError says a person cannot be sent a direct message at all
// (Slack conversations.open refused, Discord error 50007). The message is
// kept as a dead letter, not retried; the engagement channel is told what
// to do instead.
type UnreachableError struct{ Err error }

func (e *UnreachableError) Error() string { return fmt.Sprintf("user cannot be messaged: %v", e.Err) }
func (e *UnreachableError) Unwrap() error { return e.Err }

// PermanentError says the platform refused a message for good: the bot is
// not in the channel, the channel is archived, the file is over the size
// limit, the payload is invalid. Sending it again cannot succeed, so the
// dispatcher keeps it as a dead letter and its conversation moves on. Code
// is a short reason safe to show people (a Slack error code,
// "discord_50013", "file_too_large").
type PermanentError struct {
	Code string
	Err  error
}

func (e *PermanentError) Error() string { return fmt.Sprintf("undeliverable (%s): %v", e.Code, e.Err) }
func (e *PermanentError) Unwrap() error { return e.Err }

// OutageError says the platform could not be reached or failed on its own
// side (a 5xx): nothing is known to be wrong with the message, so it is
// retried with backoff for as long as that lasts and never given up on for
// it. Network errors (net.Error, timeouts) count as outages unwrapped.
type OutageError struct{ Err error }

func (e *OutageError) Error() string { return fmt.Sprintf("platform unavailable: %v", e.Err) }
func (e *OutageError) Unwrap() error { return e.Err }

// Dispatcher delivers the outbox of one platform: in order per
// conversation, at most one message per Interval per conversation, waiting
// out rate limits and retrying failures. A message leaves the outbox only
// when its Send succeeded, so nothing queued is dropped. A message that
// cannot be delivered (a *PermanentError or *UnreachableError, or
// MaxAttempts failures that were not outages) is kept as a dead letter, so
// it no longer holds back the rest of its conversation. A message with a
// render request gets its file made just before each attempt to send it.
type Dispatcher struct {
	Store    bot.Store
	Sender   Sender
	Platform string
	Clock    bot.Clock
	Log      *slog.Logger
	// Interval is the pacing per conversation (Slack: about 1 s).
	Interval time.Duration
	// MaxBackoff caps the delay between retries of a failing message.
	MaxBackoff time.Duration
	// MaxAttempts is how many failed attempts (not counting rate limits
	// and outages) a message gets before it becomes a dead letter; 0 means
	// DefaultMaxAttempts.
	MaxAttempts int
	// Renderer makes the files of queued render requests (reports and the
	// completion chart); *engine.Engine is one. Without one, a render request
	// fails until it becomes a dead letter.
	Renderer Renderer

	once   sync.Once
	last   map[string]time.Time // queue → last send
	wakeup chan struct{}
	paced  time.Time // the earliest a queue held back by pacing may send again
}

// Notify wakes a running dispatcher; call it after queueing messages.
func (d *Dispatcher) Notify() {
	d.init()
	select {
	case d.wakeup <- struct{}{}:
	default:
	}
}

func (d *Dispatcher) init() {
	d.once.Do(func() {
		d.wakeup = make(chan struct{}, 1)
		d.last = map[string]time.Time{}
		if d.MaxBackoff == 0 {
			d.MaxBackoff = 5 * time.Minute
		}
		if d.MaxAttempts <= 0 {
			d.MaxAttempts = DefaultMaxAttempts
		}
	})
}

// Run delivers until ctx is done, polling every poll, on Notify, and when
// a conversation held back by pacing may send again.
func (d *Dispatcher) Run(ctx context.Context, poll time.Duration) error {
	d.init()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		if _, err := d.Drain(ctx); err != nil && ctx.Err() == nil {
			d.Log.Error("Outbox delivery failed", slog.String("platform", d.Platform), slog.Any("error", err))
		}
		var paced <-chan time.Time
		var timer *time.Timer
		if !d.paced.IsZero() {
			timer = time.NewTimer(max(d.paced.Sub(d.Clock.Now()), 0))
			paced = timer.C
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		case <-paced:
		case <-d.wakeup:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// Drain sends every message that is due now, and returns how many were
// sent or kept as dead letters. Messages that must wait (pacing, rate
// limits, failures) stay queued, and so does the rest of their queue. A
// message is marked sent as soon as its send succeeded; the store deletes
// the marked rows with its next write, before it hands out the outbox
// again. A crash before then sends those messages again (each platform's
// resend check then recognises them), never loses one.
func (d *Dispatcher) Drain(ctx context.Context) (int, error) {
	d.init()
	const batch = 50
	done := 0
	d.paced = time.Time{}
	for {
		msgs, err := d.Store.Outbox(ctx, d.Platform, d.Clock.Now().UTC(), batch)
		if err != nil {
			return done, err
		}
		held := map[string]bool{} // queues with a message that must wait
		n, again := 0, len(msgs) == batch
		for _, o := range msgs {
			key := queueKey(o)
			if held[key] {
				continue
			}
			out, err := d.deliver(ctx, o)
			if err != nil {
				return done, err
			}
			switch out {
			case waits:
				held[key] = true
				continue
			case sent:
				again = again || o.Behind
			case dead:
				again = true // its channel may have been told
			}
			n++
		}
		done += n
		// Look again while messages leave and something may have become
		// due by it: the outbox hands out only the head of each queue, so
		// what was behind them may be due now, as may a channel notice an
		// undeliverable message queued.
		if n == 0 || !again {
			return done, nil
		}
	}
}

// outcome is what became of a message Drain tried to deliver.
type outcome int

const (
	waits outcome = iota // still queued: paced, claimed elsewhere, retried later
	sent
	dead // kept as a dead letter
)

// queueKey is the delivery order unit: a conversation, or a DM recipient.
func queueKey(o bot.Outgoing) string {
	if o.Conversation != "" {
		return "c:" + o.Conversation
	}
	return "u:" + o.User.Workspace + ":" + o.User.ID
}

// deliver sends one message unless its conversation is paced, and says
// what became of it.
func (d *Dispatcher) deliver(ctx context.Context, o bot.Outgoing) (outcome, error) {
	key := queueKey(o)
	now := d.Clock.Now()
	if next := d.last[key].Add(d.Interval); d.Interval > 0 && now.Before(next) {
		if d.paced.IsZero() || next.Before(d.paced) {
			d.paced = next // paced in memory: nothing is written
		}
		return waits, nil
	}
	if mine, err := d.claim(ctx, o, now); err != nil || !mine {
		return waits, err
	}
	err := d.send(ctx, o)
	if err == nil {
		d.last[key] = now
		// Marked even when ctx ended during the send: it was delivered.
		return sent, d.Store.MarkSent(context.WithoutCancel(ctx), o.ID)
	}
	if ctx.Err() != nil {
		return waits, ctx.Err()
	}
	if reason, isDead := d.verdict(o, err); isDead {
		return dead, d.deadLetter(ctx, o, reason, err)
	}
	delay, failed := d.backoff(o.Attempts), true
	var re *RetryError
	if errors.As(err, &re) {
		delay, failed = re.After, false // a rate limit says nothing against the message
	}
	d.Log.Warn("Message not delivered yet", slog.String("platform", d.Platform), slog.Int64("outbox_id", o.ID),
		slog.Int("attempts", o.Attempts+1), slog.Duration("retry_in", delay), slog.Any("error", err))
	return waits, d.Store.Retry(ctx, o.ID, now.Add(delay), failed)
}

// Claimer is a store whose outbox several processes deliver (serve
// replicas on PostgreSQL): before sending a message, a dispatcher claims it
// for a while, and skips it when another has it or it has left the queue.
type Claimer interface {
	Claim(ctx context.Context, id int64, now time.Time) (bool, error)
}

// claim takes o for this dispatcher when the store is a Claimer; a store
// that is not delivers every message through this one.
func (d *Dispatcher) claim(ctx context.Context, o bot.Outgoing, now time.Time) (bool, error) {
	c, ok := d.Store.(Claimer)
	if !ok {
		return true, nil
	}
	return c.Claim(ctx, o.ID, now.UTC())
}

// send makes the file of a render request, then hands the message to the
// Sender. A render failure is a *RenderError, retried like a failed send.
func (d *Dispatcher) send(ctx context.Context, o bot.Outgoing) error {
	if req := o.Reply.Render; req != nil {
		if d.Renderer == nil {
			return &RenderError{Kind: req.Kind, Err: errors.New("outbox: the dispatcher has nothing to render with")}
		}
		r, err := d.Renderer.Render(ctx, o.Reply)
		if err != nil {
			return &RenderError{Kind: req.Kind, Err: err}
		}
		o.Reply = r
	}
	return d.Sender.Send(ctx, o)
}

// RenderError says the file of a queued render request could not be made
// (the report could not be read or rendered). It counts as a failed
// attempt; the last one keeps the message as a dead letter for the reason
// Kind+"_render".
type RenderError struct {
	Kind string // bot.RenderReport or bot.RenderChart
	Err  error
}

func (e *RenderError) Error() string { return fmt.Sprintf("%s not made: %v", e.Kind, e.Err) }
func (e *RenderError) Unwrap() error { return e.Err }

// backoff doubles from one second per failed attempt, up to MaxBackoff.
func (d *Dispatcher) backoff(attempts int) time.Duration {
	delay := time.Second << min(attempts, 20)
	return min(delay, d.MaxBackoff)
}
