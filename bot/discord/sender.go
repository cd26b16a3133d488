package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Sender delivers the engine's queued replies to Discord; it implements
// outbox.Sender. It is used by one dispatcher goroutine at a time, but its
// caches are safe for concurrent use.
type Sender struct {
	api api

	mu    sync.Mutex
	dms   map[string]string // user id → DM channel id
	parts outbox.SentParts  // parts already sent, for split texts
}

// newSender returns a sender over a discordgo session (or a fake).
func newSender(a api) *Sender {
	return &Sender{api: a, dms: map[string]string{}}
}

// Send delivers one queued message. An empty Conversation is a DM to
// o.User, whose channel is opened once and cached. A reply in a thread
// goes to the thread's own channel (a Discord thread is a channel). A long text goes out as
// several messages, the files with the last; if one fails, a retry resumes
// after the parts already sent. Errors: *outbox.RetryError on a 429 (with Discord's retry_after),
// *outbox.UnreachableError when Discord refuses to DM the user (50007),
// *outbox.PermanentError when it refuses the message for good (missing
// access or permissions, too large, an invalid form body, a channel that
// is gone), *outbox.OutageError on a 5xx, and any other error as is, for the
// dispatcher to back off.
func (s *Sender) Send(ctx context.Context, o bot.Outgoing) error {
	if o.Reply.Replace && o.Reply.Edit != "" {
		return s.edit(ctx, o)
	}
	msgs, err := messages(o.Reply)
	if err != nil {
		// The reply cannot be laid out within Discord's limits, now or later.
		return &outbox.PermanentError{Code: "discord_layout", Err: err}
	}
	msgs = attach(msgs, o.Reply.Attachments)
	channel := o.Conversation
	if o.Reply.Thread != "" {
		channel = o.Reply.Thread
	}
	if channel == "" {
		if channel, err = s.dmChannel(ctx, o.User.ID); err != nil {
			return classify(err)
		}
	}
	for i := s.parts.Done(o.ID); i < len(msgs); i++ {
		if _, err := s.api.ChannelMessageSendComplex(channel, msgs[i], discordgo.WithContext(ctx), withNonce(nonce(o.ID, i))); err != nil {
			if s.forgetDM(o, channel, err) {
				return apiErr(err) // open the DM again and retry
			}
			err = classify(apiErr(err))
			var ue *outbox.UnreachableError
			var pe *outbox.PermanentError
			if errors.As(err, &ue) || errors.As(err, &pe) {
				s.parts.Set(o.ID, 0) // the dispatcher keeps it as a dead letter
			}
			return err
		}
		s.parts.Set(o.ID, i+1)
	}
	s.parts.Set(o.ID, 0)
	return nil
}

// unknownMessage is Discord's error code for a message that is gone.
const unknownMessage = 10008

// edit replaces a pressed question (Reply.Edit, in the conversation) with
// the answered text and no buttons. A message that is gone has nothing
// left to update.
func (s *Sender) edit(ctx context.Context, o bot.Outgoing) error {
	d := replaced(o.Reply.Text)
	_, err := s.api.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: o.Reply.Edit, Channel: o.Conversation,
		Content: &d.Content, Components: &d.Components, Embeds: &d.Embeds, AllowedMentions: allowUsers}, discordgo.WithContext(ctx))
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil && re.Message.Code == unknownMessage {
		return nil
	}
	if err != nil {
		return classify(apiErr(err))
	}
	return nil
}

// maxFiles is how many files Discord takes with one message.
const maxFiles = 10

// attach puts a reply's files on its last message, which discordgo then
// sends as multipart/form-data (payload_json and files[n]); a reply with
// no text gets a message of its own. Readers are made fresh on every Send,
// so a retry uploads the files whole again.
func attach(msgs []*discordgo.MessageSend, files []bot.Attachment) []*discordgo.MessageSend {
	for len(files) > 0 {
		if len(msgs) == 0 || len(msgs[len(msgs)-1].Files) == maxFiles {
			msgs = append(msgs, &discordgo.MessageSend{AllowedMentions: allowUsers})
		}
		last := msgs[len(msgs)-1]
		n := min(maxFiles-len(last.Files), len(files))
		for _, a := range files[:n] {
			last.Files = append(last.Files, &discordgo.File{Name: a.Name, ContentType: a.MIME, Reader: bytes.NewReader(a.Data)})
		}
		files = files[n:]
	}
	return msgs
}

// dmChannel opens (or finds) the DM channel with a user.
func (s *Sender) dmChannel(ctx context.Context, user string) (string, error) {
	if user == "" {
		return "", errors.New("discord: message has neither a channel nor a user")
	}
	s.mu.Lock()
	id, ok := s.dms[user]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	ch, err := s.api.UserChannelCreate(user, discordgo.WithContext(ctx))
	if err != nil {
		return "", apiErr(err)
	}
	s.mu.Lock()
	s.dms[user] = ch.ID
	s.mu.Unlock()
	return ch.ID, nil
}

// forgetDM drops a cached DM channel that Discord no longer knows, and
// reports whether it did.
func (s *Sender) forgetDM(o bot.Outgoing, channel string, err error) bool {
	var re *discordgo.RESTError
	if o.Conversation != "" || !errors.As(err, &re) || re.Message == nil || re.Message.Code != discordgo.ErrCodeUnknownChannel {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dms[o.User.ID] != channel {
		return false
	}
	delete(s.dms, o.User.ID)
	return true
}

// permanentCodes are Discord JSON error codes of a message send that no
// retry can cure: the bot's access, the channel or the message must change.
var permanentCodes = map[int]bool{
	discordgo.ErrCodeUnknownChannel:                     true, // 10003: deleted (a DM is opened again first)
	discordgo.ErrCodeRequestEntityTooLarge:              true, // 40005: files over the upload limit
	discordgo.ErrCodeMissingAccess:                      true, // 50001
	discordgo.ErrCodeCannotSendEmptyMessage:             true, // 50006
	discordgo.ErrCodeCannotSendMessagesInVoiceChannel:   true, // 50008: not a text channel
	discordgo.ErrCodeMissingPermissions:                 true, // 50013
	discordgo.ErrCodeInvalidFormBody:                    true, // 50035: too long, too many embeds or fields
	discordgo.ErrCodePerformedOperationOnArchivedThread: true, // 50083
	discordgo.ErrCodeThreadIsLocked:                     true, // 160005
}

// unreadableRateLimitWait is how long a 429 without a readable retry_after
// holds its conversation.
const unreadableRateLimitWait = time.Minute

// classify turns discordgo errors into the dispatcher's error kinds: a 429
// waits out retry_after; 50007 is an unreachable user; permanentCodes and
// an HTTP 413 without a code (the upload was refused before Discord read
// it) are refusals for good, named discord_<code>; a 5xx (a 502 after
// discordgo's own retries included) is an outage.
func classify(err error) error {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return &outbox.RetryError{After: max(rl.RetryAfter, 100*time.Millisecond), Err: err}
	}
	var re *discordgo.RESTError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &re):
	case strings.Contains(err.Error(), "Exceeded Max retries HTTP 5"):
		// discordgo retries a 502 itself, then gives up with a plain error.
		return &outbox.OutageError{Err: err}
	case errors.As(err, &se) && !errors.Is(err, discordgo.ErrJSONUnmarshal):
		// A 429 whose body is not Discord's JSON (Cloudflare limiting the
		// IP): discordgo cannot read retry_after, so wait a while.
		return &outbox.RetryError{After: unreadableRateLimitWait, Err: err}
	default:
		return err
	}
	code, status := 0, 0
	if re.Message != nil {
		code = re.Message.Code
	}
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	switch {
	case code == discordgo.ErrCodeCannotSendMessagesToThisUser:
		return &outbox.UnreachableError{Err: err}
	case permanentCodes[code]:
		return &outbox.PermanentError{Code: fmt.Sprintf("discord_%d", code), Err: err}
	case status == http.StatusRequestEntityTooLarge:
		return &outbox.PermanentError{Code: "discord_40005", Err: err}
	case status >= 500:
		return &outbox.OutageError{Err: err}
	}
	return err
}
