package outbox

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// DefaultMaxAttempts is how many failed attempts a message gets, when the
// errors are neither rate limits nor outages, before it becomes a dead
// letter. With the dispatcher's backoff that is about twenty minutes.
const DefaultMaxAttempts = 12

// Dead-letter reasons that are not a platform's own error code.
const (
	ReasonUnreachable = "unreachable"                // the person cannot be sent a DM
	ReasonAttempts    = "attempts_exhausted"         // MaxAttempts failures
	ReasonReport      = bot.RenderReport + "_render" // the report file could not be made
	ReasonChart       = bot.RenderChart + "_render"  // the completion chart could not be made
)

// noticeWindow is how long a dead letter of a conversation keeps a second
// one for the same reason from being announced again: a channel the bot was
// removed from fails every message queued for it, and one notice says it.
const noticeWindow = 24 * time.Hour

// verdict decides whether a failed message is given up on, and why. Rate
// limits and outages are waited out however long they last.
func (d *Dispatcher) verdict(o bot.Outgoing, err error) (string, bool) {
	var ue *UnreachableError
	var pe *PermanentError
	var re *RetryError
	var oe *OutageError
	var ne net.Error
	var fe *RenderError
	switch {
	case errors.As(err, &fe):
		return fe.Kind + "_render", o.Attempts+1 >= d.MaxAttempts
	case errors.As(err, &ue):
		return ReasonUnreachable, true
	case errors.As(err, &pe):
		if pe.Code == "" {
			return "refused", true
		}
		return pe.Code, true
	case errors.As(err, &re), errors.As(err, &oe), errors.As(err, &ne):
		return "", false
	case o.Attempts+1 >= d.MaxAttempts:
		return ReasonAttempts, true
	}
	return "", false
}

// deadLetter keeps a message that will not be sent and, in the same
// transaction, queues the notice for its engagement's channel, so the
// message is never lost silently.
func (d *Dispatcher) deadLetter(ctx context.Context, o bot.Outgoing, reason string, cause error) error {
	d.Log.Warn("Message kept as a dead letter", slog.String("platform", d.Platform), slog.Int64("outbox_id", o.ID),
		slog.Int("attempts", o.Attempts+1), slog.String("reason", reason), slog.Any("error", cause))
	now := d.Clock.Now().UTC()
	err := d.Store.Update(ctx, func(tx bot.Tx) error {
		repeat, err := tx.DeadLetter(o.ID, reason, now, now.Add(-noticeWindow))
		if err != nil {
			return err
		}
		return undelivered(tx, o, reason, repeat, now)
	})
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	// The notice could not be written (its engagement cannot be read):
	// keep the message anyway, or it would be sent and refused again on
	// every poll.
	d.Log.Error("Undelivered message not announced", slog.String("platform", d.Platform), slog.Int64("outbox_id", o.ID), slog.Any("error", err))
	return d.Store.Update(ctx, func(tx bot.Tx) error {
		_, err := tx.DeadLetter(o.ID, reason, now, now.Add(-noticeWindow))
		return err
	})
}

// undelivered queues, for a dead-lettered message of an engagement, a
// notice to that engagement's channel in its languages: whom the message
// was for and the reason code, never its text. A report or chart that
// could not be made is told every time, even when it was for the channel
// itself (which can still be posted to), so whoever asked may ask again.
// A question to someone who cannot get DMs is told every time, with what
// to do (start can be run again); anything else once per conversation and
// reason (repeat says it was told). Nothing is said when a message that
// could not be sent was for the engagement channel itself, which would
// fail the same way, or belongs to no engagement on this platform.
func undelivered(tx bot.Tx, o bot.Outgoing, reason string, repeat bool, now time.Time) error {
	if o.Reply.Engagement == "" {
		return nil
	}
	eng, err := tx.Engagement(o.Reply.Engagement)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		return nil
	case err != nil:
		return err
	case eng.Platform != o.Platform || eng.Channel == "":
		return nil
	case o.Conversation == eng.Channel && reason != ReasonReport && reason != ReasonChart:
		return nil
	}
	var text string
	switch {
	case reason == ReasonReport:
		text = catalog.Say(eng.Langs, "report_not_made", o.User.Mention(), reason)
	case reason == ReasonChart:
		text = catalog.Say(eng.Langs, "chart_not_made", eng.Name, reason)
	case reason == ReasonUnreachable && o.Reply.Question != nil:
		text = catalog.Say(eng.Langs, "unreachable", o.User.Mention())
	case repeat:
		return nil
	case o.Conversation == "" || (o.Reply.Question != nil && o.User.ID != ""):
		text = catalog.Say(eng.Langs, "undelivered_dm", o.User.Mention(), reason)
	case o.User.ID != "" && !o.Reply.Channel:
		text = catalog.Say(eng.Langs, "undelivered_reply", o.User.Mention(), bot.ConversationRef(o.Platform, o.Conversation), reason)
	default:
		text = catalog.Say(eng.Langs, "undelivered_channel", bot.ConversationRef(o.Platform, o.Conversation), reason)
	}
	return tx.Enqueue(eng.ChannelPost(text, now))
}
