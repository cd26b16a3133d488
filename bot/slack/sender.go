package slack

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Sender delivers the engine's outbox to Slack; it implements outbox.Sender.
// A message without a conversation is a DM: the sender opens it with
// conversations.open and remembers the channel per user. Attachments are
// uploaded into the same conversation (files:write). A 429 becomes a
// *outbox.RetryError with Slack's Retry-After; a user who cannot be sent a DM
// a *outbox.UnreachableError; an error that sending again cannot cure (the
// bot left the channel, it was archived, invalid blocks) a
// *outbox.PermanentError with Slack's code; a 5xx or Slack's own failure a
// *outbox.OutageError; other errors are returned as they are, and the
// dispatcher retries them with backoff. A message that takes several calls
// (a long text, files) resumes after the calls that already succeeded.
type Sender struct {
	client Client
	log    *slog.Logger

	mu      sync.Mutex
	dms     map[string]string // workspace:user → DM channel id
	parts   outbox.SentParts  // calls already made, for retries
	started time.Time         // when this process's sender was made
	checked map[int64]bool    // messages looked up in their history (see posted)
}

var _ outbox.Sender = (*Sender)(nil)

// NewSender returns a sender over a Slack client.
func NewSender(c Client, log *slog.Logger) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{client: c, log: log, dms: map[string]string{}, started: time.Now(), checked: map[int64]bool{}}
}

// unreachableCodes are conversations.open (and DM post) errors that mean
// the person cannot get a DM from the app until someone changes something.
var unreachableCodes = map[string]bool{
	"cannot_dm_bot":         true,
	"user_not_found":        true,
	"user_disabled":         true,
	"user_not_visible":      true,
	"messages_tab_disabled": true,
	"users_not_found":       true,
}

// Send delivers one queued message: several Slack messages if its text is
// longer than one message may be, then one upload per attachment.
func (s *Sender) Send(ctx context.Context, o bot.Outgoing) error {
	channel, opened := o.Conversation, o.Conversation == ""
	if opened {
		var err error
		if channel, err = s.openDM(ctx, o.User); err != nil {
			return err
		}
	}
	calls := s.calls(channel, o)
	if s.parts.Done(o.ID) == 0 {
		if n := s.posted(ctx, channel, o); n > 0 {
			s.parts.Set(o.ID, min(n, len(calls)))
		}
	}
	for i := s.parts.Done(o.ID); i < len(calls); i++ {
		err := calls[i](ctx)
		if err == nil {
			s.parts.Set(o.ID, i+1)
			continue
		}
		if opened && isCode(err, "channel_not_found") {
			s.forget(o.User) // the DM we had cached is gone: open it again and retry
			return err
		}
		if isDM(channel, "") && unreachableCodes[code(err)] {
			s.parts.Set(o.ID, 0) // the dispatcher keeps it as a dead letter
			return &outbox.UnreachableError{Err: err}
		}
		err = classify(err)
		if _, ok := errors.AsType[*outbox.PermanentError](err); ok {
			s.parts.Set(o.ID, 0) // the dispatcher keeps it as a dead letter
		}
		return err
	}
	s.parts.Set(o.ID, 0)
	return nil
}

// calls are the API calls that deliver a message, in order. A short text
// with files becomes the first file's comment; a longer one is posted first.
func (s *Sender) calls(channel string, o bot.Outgoing) []func(context.Context) error {
	if o.Reply.Replace && o.Reply.Edit != "" {
		return []func(context.Context) error{func(ctx context.Context) error { return s.edit(ctx, channel, o) }}
	}
	var out []func(context.Context) error
	comment := ""
	if parts := splitEscaped(o.Reply.Text, maxSection); len(o.Reply.Attachments) > 0 && o.Reply.Question == nil && len(parts) == 1 {
		comment = parts[0]
	} else {
		for i, opts := range render(o.Reply) {
			out = append(out, func(ctx context.Context) error { return s.postPart(ctx, channel, o, i, opts) })
		}
	}
	for i, a := range o.Reply.Attachments {
		c := ""
		if i == 0 {
			c = comment
		}
		out = append(out, func(ctx context.Context) error { return s.upload(ctx, channel, o.Reply.Thread, a, c) })
	}
	return out
}

// edit replaces a pressed question (chat.update of Reply.Edit) with the
// answered text and no buttons. A message that is gone has nothing left
// to update.
func (s *Sender) edit(ctx context.Context, channel string, o bot.Outgoing) error {
	_, _, _, err := s.client.UpdateMessageContext(ctx, channel, o.Reply.Edit,
		slackgo.MsgOptionText(fallback(o.Reply.Text), false), slackgo.MsgOptionBlocks(answeredBlocks(o.Reply.Text)...))
	if isCode(err, "message_not_found") || isCode(err, "cant_update_message") {
		s.log.Info("Pressed message not updated: it is gone", slog.String("channel", channel), slog.String("code", code(err)))
		return nil
	}
	return wrap("chat.update", err)
}

// upload shares one file in channel (in thread, when set) with an optional
// comment (mrkdwn, already escaped).
func (s *Sender) upload(ctx context.Context, channel, thread string, a bot.Attachment, comment string) error {
	_, err := s.client.UploadFileContext(ctx, slackgo.UploadFileParameters{
		Reader: bytes.NewReader(a.Data), FileSize: len(a.Data), Filename: a.Name, Title: a.Name,
		Channel: channel, ThreadTimestamp: thread, InitialComment: comment,
	})
	return wrap("files.upload", err)
}

// post sends one message of o to channel: into o's thread (thread_ts) when
// it answers something said in one, ephemeral when asked.
func (s *Sender) post(ctx context.Context, channel string, o bot.Outgoing, opts []slackgo.MsgOption) error {
	if o.Reply.Thread != "" {
		opts = append(opts[:len(opts):len(opts)], slackgo.MsgOptionTS(o.Reply.Thread))
	}
	if o.Reply.Ephemeral && o.User.ID != "" && !o.Reply.Channel {
		_, err := s.client.PostEphemeralContext(ctx, channel, o.User.ID, opts...)
		return wrap("chat.postEphemeral", err)
	}
	_, _, err := s.client.PostMessageContext(ctx, channel, opts...)
	return wrap("chat.postMessage", err)
}

// postPart is post with the metadata that names part i of o (not on an
// ephemeral message, which no history shows).
func (s *Sender) postPart(ctx context.Context, channel string, o bot.Outgoing, i int, opts []slackgo.MsgOption) error {
	if !o.Reply.Ephemeral {
		opts = append(opts[:len(opts):len(opts)], partMetadata(o, i))
	}
	return s.post(ctx, channel, o, opts)
}

// render turns a reply into the options of one or more Slack messages.
func render(r bot.Reply) [][]slackgo.MsgOption {
	if q := r.Question; q != nil {
		return [][]slackgo.MsgOption{{slackgo.MsgOptionText(questionText(q), false), slackgo.MsgOptionBlocks(questionBlocks(q)...)}}
	}
	var out [][]slackgo.MsgOption
	for _, m := range textMessages(r.Text) {
		out = append(out, []slackgo.MsgOption{slackgo.MsgOptionText(m.text, false), slackgo.MsgOptionBlocks(m.blocks...),
			slackgo.MsgOptionDisableLinkUnfurl()})
	}
	return out
}

// openDM returns the DM channel with a user, opening it once.
func (s *Sender) openDM(ctx context.Context, u bot.UserRef) (string, error) {
	if u.ID == "" {
		return "", errors.New("slack: message has neither a conversation nor a user")
	}
	key := u.Workspace + ":" + u.ID
	s.mu.Lock()
	ch, ok := s.dms[key]
	s.mu.Unlock()
	if ok {
		return ch, nil
	}
	c, _, _, err := s.client.OpenConversationContext(ctx, &slackgo.OpenConversationParameters{Users: []string{u.ID}})
	if err != nil {
		err = wrap("conversations.open", err)
		if unreachableCodes[code(err)] {
			return "", &outbox.UnreachableError{Err: err}
		}
		return "", classify(err)
	}
	if c == nil || c.ID == "" {
		return "", errors.New("slack: conversations.open returned no channel")
	}
	s.mu.Lock()
	s.dms[key] = c.ID
	s.mu.Unlock()
	return c.ID, nil
}

func (s *Sender) forget(u bot.UserRef) {
	s.mu.Lock()
	delete(s.dms, u.Workspace+":"+u.ID)
	s.mu.Unlock()
}

// permanentCodes are Slack errors of chat.postMessage, chat.postEphemeral,
// chat.update and the file upload that no retry can cure: the message, or
// the bot's place in the conversation, must change first.
var permanentCodes = map[string]bool{
	"channel_not_found":                        true,
	"not_in_channel":                           true,
	"is_archived":                              true,
	"invalid_blocks":                           true,
	"invalid_blocks_format":                    true,
	"msg_too_long":                             true,
	"msg_blocks_too_long":                      true,
	"no_text":                                  true,
	"too_many_attachments":                     true,
	"restricted_action":                        true,
	"restricted_action_read_only_channel":      true,
	"restricted_action_thread_only_channel":    true,
	"restricted_action_non_threadable_channel": true,
	"ekm_access_denied":                        true,
	"user_not_in_channel":                      true,
	"message_not_found":                        true,
	"cant_update_message":                      true,
	"edit_window_closed":                       true,
	"file_uploads_disabled":                    true,
	"file_uploads_except_images_disabled":      true,
	"file_upload_size_restricted":              true,
	"file_type_not_allowed":                    true,
}

// outageCodes are Slack's own failures: nothing is wrong with the message.
var outageCodes = map[string]bool{
	"internal_error":      true,
	"fatal_error":         true,
	"service_unavailable": true,
	"request_timeout":     true,
}

// classify turns Slack errors into the dispatcher's kinds: a rate limit
// into a RetryError with Retry-After, a refusal for good into a
// PermanentError with Slack's code, a 5xx or an outage code into an
// OutageError.
func classify(err error) error {
	if rl, ok := errors.AsType[*slackgo.RateLimitedError](err); ok {
		return &outbox.RetryError{After: rl.RetryAfter, Err: err}
	}
	c := code(err)
	if permanentCodes[c] {
		return &outbox.PermanentError{Code: c, Err: err}
	}
	if sc, ok := errors.AsType[slackgo.StatusCodeError](err); ok && sc.Code >= 500 || outageCodes[c] {
		return &outbox.OutageError{Err: err}
	}
	return err
}

// code is the Slack API error code of err ("" when it is not one).
func code(err error) string {
	if se, ok := errors.AsType[slackgo.SlackErrorResponse](err); ok {
		return se.Err
	}
	return ""
}

func isCode(err error, c string) bool { return code(err) == c }
