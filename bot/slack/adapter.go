// Package slack is the Slack adapter of otassess and the only package that
// imports slack-go. It takes Slack payloads in through Socket Mode or the
// HTTP Events API (signed requests on /slack/events, /slack/interactions and
// /slack/commands), turns them into bot.Events for the engine, answers the
// interaction at once (the ack body, chat.update of a pressed question,
// ephemeral refusals) and delivers the engine's outbox through Sender: Block
// Kit questions in the SPOC's DM and mrkdwn posts in the engagement channel,
// paced per channel and honouring 429 Retry-After.
//
// Each event is handled in one engine transaction before the ack, keyed for
// processing-once (slack:event:<event_id>, slack:action:<message_ts>:<user>:
// <action_ts>, slack:command:<trigger_id>), so Slack's retries change nothing.
// Replies to something said in a thread are posted with its thread_ts. A
// posted transcript is not downloaded before the ack: the model worker
// fetches it later through Files.
// Nothing here logs message text, tokens or payloads above debug.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Platform is Slack's platform name in events and stored rows.
const Platform = "slack"

// Client lists the Slack Web API methods the adapter calls; *slackgo.Client
// implements it and tests pass fakes. Errors are slack-go's: a 429 is a
// *slackgo.RateLimitedError, an API refusal a slackgo.SlackErrorResponse.
type Client interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slackgo.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slackgo.MsgOption) (string, string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slackgo.MsgOption) (string, error)
	OpenConversationContext(ctx context.Context, params *slackgo.OpenConversationParameters) (*slackgo.Channel, bool, bool, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slackgo.GetUserInfoOption) (*slackgo.User, error)
	// UploadFileContext shares a file in a channel: files.getUploadURLExternal,
	// the upload itself, then files.completeUploadExternal.
	UploadFileContext(ctx context.Context, params slackgo.UploadFileParameters) (*slackgo.FileSummary, error)
	// GetConversationHistoryContext reads a conversation's recent messages,
	// with their metadata: how a post made just before a crash is found.
	GetConversationHistoryContext(ctx context.Context, params *slackgo.GetConversationHistoryParameters) (*slackgo.GetConversationHistoryResponse, error)
}

var _ Client = (*slackgo.Client)(nil)

// Settings are the adapter's configuration, read and validated by cmd.
type Settings struct {
	BotToken      string // xoxb-…
	AppToken      string // xapp-…: Socket Mode when set
	SigningSecret string // HTTP mode: verifies request signatures
	APIURL        string // another Web API base (GovSlack, tests); "" is Slack's
}

// Deps are the adapter's collaborators.
type Deps struct {
	Engine bot.Engine
	Store  bot.Store
	Clock  bot.Clock
	Log    *slog.Logger
}

// Open builds the slack-go client, the outbox dispatcher (one message per
// second per channel) and, when s.AppToken is set, the Socket Mode client.
// In HTTP mode the caller must Register the routes on its mux.
func Open(s Settings, d Deps) (*Adapter, error) {
	if s.BotToken == "" {
		return nil, errors.New("slack: no bot token")
	}
	if s.AppToken == "" && s.SigningSecret == "" {
		return nil, errors.New("slack: HTTP mode needs a signing secret")
	}
	opts := []slackgo.Option{slackgo.OptionHTTPClient(newHTTPClient())}
	if s.APIURL != "" {
		opts = append(opts, slackgo.OptionAPIURL(strings.TrimRight(s.APIURL, "/")+"/"))
	}
	if s.AppToken != "" {
		opts = append(opts, slackgo.OptionAppLevelToken(s.AppToken))
	}
	api := slackgo.New(s.BotToken, opts...)
	disp := &outbox.Dispatcher{Store: d.Store, Sender: NewSender(api, d.Log), Platform: Platform, Clock: d.Clock,
		Log: d.Log, Interval: time.Second, Renderer: d.Engine}
	o := Options{Client: api, Engine: d.Engine, Dispatcher: disp, SigningSecret: s.SigningSecret, Log: d.Log}
	if s.AppToken != "" {
		o.Socket = socketmode.New(api)
	}
	return New(o), nil
}

// Options assemble an Adapter from parts; Open is the usual way.
type Options struct {
	Client     Client             // required
	Engine     bot.Engine         // required
	Dispatcher *outbox.Dispatcher // required: notified after each event; Run runs it
	// SigningSecret verifies HTTP requests (HTTP mode).
	SigningSecret string
	// Socket, when set, receives events over Socket Mode in Run.
	Socket *socketmode.Client
	Log    *slog.Logger
	// Poll is how often Run's dispatcher looks for due messages besides
	// being notified (default 250 ms, so paced messages leave on time).
	Poll time.Duration
}

// Adapter connects Slack to the engine. It is safe for concurrent use.
type Adapter struct {
	client  Client
	engine  bot.Engine
	disp    *outbox.Dispatcher
	secret  string
	socket  *socketmode.Client
	log     *slog.Logger
	poll    time.Duration
	locales *locales

	inflight inflight  // responses sent after the ack
	roles    bot.Roles // nil: Socket Mode runs at once
}

// New returns an adapter over the given parts.
func New(o Options) *Adapter {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Poll == 0 {
		o.Poll = 250 * time.Millisecond
	}
	// Notify initialises the dispatcher lazily and not under a lock; doing
	// it once here, before any handler or Run can race, keeps later
	// concurrent Notify calls read-only.
	o.Dispatcher.Notify()
	return &Adapter{client: o.Client, engine: o.Engine, disp: o.Dispatcher, secret: o.SigningSecret,
		socket: o.Socket, log: o.Log, poll: o.Poll, locales: newLocales(o.Client)}
}

// Run delivers the outbox and, in Socket Mode, receives events until ctx
// is done; then it waits for responses already under way. It returns an
// error only when Slack refuses the Socket Mode connection for good.
func (a *Adapter) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { _ = a.disp.Run(ctx, a.poll) })
	var err error
	if a.socket != nil {
		a.log.Info("Slack adapter started", slog.String("mode", "socket"))
		err = bot.RunInRole(ctx, a.roles, RoleSocket, a.runSocket)
		cancel()
	} else {
		a.log.Info("Slack adapter started", slog.String("mode", "http"))
		<-ctx.Done()
	}
	wg.Wait()
	a.Wait()
	return err
}

// Wait blocks until every response started after an ack (chat.update of a
// pressed question, ephemeral replies) has been sent or has failed.
func (a *Adapter) Wait() { a.inflight.Wait() }

// target is where an event's direct response goes.
type target struct {
	channel   string
	user      string
	messageTS string // the pressed message, for Replace
	thread    string // the thread the event came from, where a reply goes
}

// handle runs one event through the engine and wakes the dispatcher for
// what it queued. An error means nothing was committed.
func (a *Adapter) handle(ctx context.Context, ev bot.Event) (bot.Result, error) {
	res, err := a.engine.Handle(ctx, ev)
	if err != nil {
		a.log.Error("Slack event not handled", slog.String("event_key", ev.Key), slog.Any("error", err))
		return res, err
	}
	a.disp.Notify()
	return res, nil
}

// respondLater sends an event's direct response after the ack, so the ack
// never waits on the Web API. A failure is logged: the reply was a
// courtesy (the state change is committed and the next question queued).
func (a *Adapter) respondLater(t target, r *bot.Reply) {
	if r == nil {
		return
	}
	a.inflight.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := a.respond(ctx, t, r); err != nil {
			a.log.Warn("Slack response not sent", slog.String("channel", t.channel), slog.Any("error", err))
		}
	})
}

// respond sends a direct response after the ack: privately (a pressed
// question's replacement is queued by the engine, bot.Reply.Edit).
func (a *Adapter) respond(ctx context.Context, t target, r *bot.Reply) error {
	opts := []slackgo.MsgOption{slackgo.MsgOptionText(escape(r.Text), false)}
	if t.thread != "" {
		opts = append(opts, slackgo.MsgOptionTS(t.thread))
	}
	if r.Ephemeral || r.Replace {
		_, err := a.client.PostEphemeralContext(ctx, t.channel, t.user, opts...)
		return wrap("chat.postEphemeral", err)
	}
	_, _, err := a.client.PostMessageContext(ctx, t.channel, opts...)
	return wrap("chat.postMessage", err)
}

// inflight counts goroutines that send responses after an ack. Unlike a
// sync.WaitGroup it may gain work while someone waits (a late request
// during shutdown).
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero; nil while n is zero
}

func (f *inflight) Go(fn func()) {
	f.mu.Lock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n++
	f.mu.Unlock()
	go func() {
		defer f.done()
		fn()
	}()
}

func (f *inflight) done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n--; f.n == 0 {
		close(f.idle)
		f.idle = nil
	}
}

func (f *inflight) Wait() {
	f.mu.Lock()
	idle := f.idle
	f.mu.Unlock()
	if idle != nil {
		<-idle
	}
}

func wrap(method string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("slack: %s: %w", method, err)
}
