package slack

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
)

// Sender delivers the engine's outbox to Slack; it implements bot.Sender.
// A message without a conversation is a DM: the sender opens it with
// conversations.open and remembers the channel per user. Attachments are
// uploaded into the same conversation (files:write). A 429 becomes a
// *bot.RetryError with Slack's Retry-After; a user who cannot be sent a DM
// a *bot.UnreachableError; other errors are returned as they are, and the
// dispatcher retries them with backoff. A message that takes several calls
// (a long text, files) resumes after the calls that already succeeded.
type Sender struct {
	client Client
	log    *slog.Logger

	mu   sync.Mutex
	dms  map[string]string // workspace:user → DM channel id
	done map[int64]int     // outbox id → calls already made, for retries
}

var _ bot.Sender = (*Sender)(nil)

// NewSender returns a sender over a Slack client.
func NewSender(c Client, log *slog.Logger) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{client: c, log: log, dms: map[string]string{}, done: map[int64]int{}}
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
	for i := s.progress(o.ID, -1); i < len(calls); i++ {
		err := calls[i](ctx)
		if err == nil {
			s.progress(o.ID, i+1)
			continue
		}
		if opened && isCode(err, "channel_not_found") {
			s.forget(o.User) // the DM is gone: open it again next time
		}
		if isDM(channel, "") && unreachableCodes[code(err)] {
			s.progress(o.ID, 0) // the dispatcher drops the message
			return &bot.UnreachableError{Err: err}
		}
		return classify(err)
	}
	s.progress(o.ID, 0)
	return nil
}

// calls are the API calls that deliver a message, in order. A short text
// with files becomes the first file's comment; a longer one is posted first.
func (s *Sender) calls(channel string, o bot.Outgoing) []func(context.Context) error {
	var out []func(context.Context) error
	comment := ""
	if parts := splitEscaped(o.Reply.Text, maxSection); len(o.Reply.Attachments) > 0 && o.Reply.Question == nil && len(parts) == 1 {
		comment = parts[0]
	} else {
		for _, opts := range render(o.Reply) {
			out = append(out, func(ctx context.Context) error { return s.post(ctx, channel, o, opts) })
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

// upload shares one file in channel (in thread, when set) with an optional
// comment (mrkdwn, already escaped).
func (s *Sender) upload(ctx context.Context, channel, thread string, a bot.Attachment, comment string) error {
	_, err := s.client.UploadFileContext(ctx, slackgo.UploadFileParameters{
		Reader: bytes.NewReader(a.Data), FileSize: len(a.Data), Filename: a.Name, Title: a.Name,
		Channel: channel, ThreadTimestamp: thread, InitialComment: comment,
	})
	return wrap("files.upload", err)
}

// progress returns how many calls of message id were already made; with
// set ≥ 0 it records that many first (0 forgets the message).
func (s *Sender) progress(id int64, set int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case set == 0:
		delete(s.done, id)
	case set > 0:
		s.done[id] = set
	}
	return s.done[id]
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
			return "", &bot.UnreachableError{Err: err}
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

// classify turns Slack's rate limit into the dispatcher's RetryError.
func classify(err error) error {
	if rl, ok := errors.AsType[*slackgo.RateLimitedError](err); ok {
		return &bot.RetryError{After: rl.RetryAfter, Err: err}
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
