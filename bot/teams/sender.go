package teams

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// ServiceURLs keeps the Bot Connector base URL (serviceUrl) of each
// conversation durably; *storage.DB implements it. TeamsServiceURL with an
// empty conversation is the tenant's most recent one, and fails with an
// error wrapping bot.ErrNotFound when none was saved.
type ServiceURLs interface {
	SaveTeamsServiceURL(ctx context.Context, tenant, conversation, serviceURL string, at time.Time) error
	TeamsServiceURL(ctx context.Context, tenant, conversation string) (string, error)
}

// Sender delivers the engine's outbox to Teams; it implements outbox.Sender.
// A message without a conversation is a DM: the sender creates the 1:1
// conversation (POST /v3/conversations) and remembers it. A 429, 412, 502
// or 504 becomes a *outbox.RetryError (after Retry-After, else an exponential
// backoff with jitter); a 403 or 404 when opening a DM a
// *outbox.UnreachableError (the app is not installed for the user); other
// errors are returned for the dispatcher's backoff. A message that takes
// several activities resumes after those already sent.
type Sender struct {
	conn   *connector
	urls   ServiceURLs
	botID  string // "28:<app id>"
	tenant string
	names  *names
	clock  bot.Clock
	files  FileStore
	upload *http.Client // PUTs to upload links, which carry their own authorisation
	chunk  int          // bytes per upload PUT

	mu    sync.Mutex
	dms   map[string]string // user → 1:1 conversation id
	parts outbox.SentParts  // activities already sent, for retries
}

var _ outbox.Sender = (*Sender)(nil)

// Send delivers one queued message.
func (s *Sender) Send(ctx context.Context, o bot.Outgoing) error {
	conv, serviceURL, err := s.target(ctx, o)
	if err != nil {
		return classify(err, o.Attempts)
	}
	if o.Reply.Replace && o.Reply.Edit != "" {
		card := answeredCard(o.Reply.Text)
		if err := s.conn.update(ctx, serviceURL, inThread(conv, o.Reply.Thread), o.Reply.Edit, cardActivity(card, o.Reply.Text)); err != nil {
			return classify(err, o.Attempts)
		}
		return nil
	}
	steps := s.steps(o, conv)
	for i := s.parts.Done(o.ID); i < len(steps); i++ {
		act, err := steps[i](ctx)
		if err != nil {
			return classify(err, o.Attempts)
		}
		if _, err := s.conn.send(ctx, serviceURL, inThread(conv, o.Reply.Thread), act); err != nil {
			if o.Conversation == "" && (statusOf(err) == http.StatusNotFound || statusOf(err) == http.StatusForbidden) {
				s.forgetDM(o.User.ID) // the 1:1 conversation is gone: create it again next time
			}
			return classify(err, o.Attempts)
		}
		s.parts.Set(o.ID, i+1)
	}
	s.parts.Set(o.ID, 0)
	return nil
}

// step makes one activity of a message; steps that keep or upload a file
// do so when they are reached, so a retry resumes after the steps done.
type step func(ctx context.Context) (*activity, error)

// steps are a reply's activities: the text (split), a question card, then
// per attachment a file offer, or the file card of an accepted upload.
func (s *Sender) steps(o bot.Outgoing, conv string) []step {
	var out []step
	fixed := func(a *activity) step { return func(context.Context) (*activity, error) { return a, nil } }
	for _, part := range split(o.Reply.Text, maxText) {
		out = append(out, fixed(textActivity(part, s.names)))
	}
	if q := o.Reply.Question; q != nil {
		out = append(out, fixed(cardActivity(questionCard(q), fmt.Sprintf("%d/%d %s %s", q.Number, q.Total, q.Item, q.Text))))
	}
	for i, a := range o.Reply.Attachments {
		if a.MIME == uploadMIME {
			out = append(out, func(ctx context.Context) (*activity, error) { return s.uploadStep(ctx, o, a.Name, string(a.Data)) })
			continue
		}
		out = append(out, func(ctx context.Context) (*activity, error) { return s.offer(ctx, o, conv, i) })
	}
	return out
}

// target is the conversation a message goes to and its serviceUrl,
// creating the 1:1 conversation of a DM when needed.
func (s *Sender) target(ctx context.Context, o bot.Outgoing) (string, string, error) {
	tenant := o.User.Workspace
	if tenant == "" {
		tenant = s.tenant
	}
	if o.Conversation != "" {
		u, err := s.urls.TeamsServiceURL(ctx, tenant, o.Conversation)
		return o.Conversation, u, err
	}
	if o.User.ID == "" {
		return "", "", errors.New("teams: message has neither a conversation nor a user")
	}
	s.mu.Lock()
	conv, ok := s.dms[o.User.ID]
	s.mu.Unlock()
	u, err := s.urls.TeamsServiceURL(ctx, tenant, conv)
	if err != nil || ok {
		return conv, u, err
	}
	conv, err = s.conn.createConversation(ctx, u, s.botID, o.User.ID, tenant)
	if err != nil {
		if st := statusOf(err); st == http.StatusForbidden || st == http.StatusNotFound {
			return "", "", &outbox.UnreachableError{Err: err}
		}
		return "", "", err
	}
	if err := s.urls.SaveTeamsServiceURL(ctx, tenant, conv, u, s.clock.Now().UTC()); err != nil {
		return "", "", err
	}
	s.mu.Lock()
	s.dms[o.User.ID] = conv
	s.mu.Unlock()
	return conv, u, nil
}

func (s *Sender) forgetDM(user string) {
	s.mu.Lock()
	delete(s.dms, user)
	s.mu.Unlock()
}

// retryStatus are the answers Teams asks clients to retry later.
var retryStatus = map[int]bool{http.StatusTooManyRequests: true, http.StatusPreconditionFailed: true,
	http.StatusBadGateway: true, http.StatusGatewayTimeout: true}

// classify turns a throttled or transient answer into a *outbox.RetryError:
// after Retry-After when given, else after an exponential backoff with
// jitter by the attempts so far (Teams' guidance for 429/412/502/504).
func classify(err error, attempts int) error {
	he, ok := errors.AsType[*httpError](err)
	if !ok || !retryStatus[he.status] {
		return err
	}
	after := he.retryAfter
	if after <= 0 {
		base := time.Second << min(attempts, 8)
		after = base/2 + rand.N(base/2+1)
	}
	return &outbox.RetryError{After: after, Err: err}
}
