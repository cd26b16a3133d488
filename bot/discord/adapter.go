package discord

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Config is the adapter's settings, read by cmd from DISCORD_* variables.
type Config struct {
	Token   string // DISCORD_BOT_TOKEN, without the "Bot " prefix
	AppID   string // DISCORD_APP_ID: the workspace of every Discord event
	GuildID string // DISCORD_GUILD_ID: register /otassess there; empty: globally
	// PublicKey (DISCORD_PUBLIC_KEY) verifies HTTP interactions; nil when
	// the HTTP endpoint is not used.
	PublicKey ed25519.PublicKey
	// APIURL (OTASSESS_DISCORD_API_URL) replaces https://discord.com for
	// REST calls and gateway discovery; empty for Discord itself.
	APIURL string

	// Interval paces messages per channel (default 250 ms); Poll is how
	// often the outbox is checked besides after each event (default 500 ms).
	Interval, Poll time.Duration
	// DeferAfter is how long an interaction may take before it is deferred
	// (default 2 s, inside Discord's 3 s deadline).
	DeferAfter time.Duration

	// MessageContent opts in to the privileged MESSAGE_CONTENT intent:
	// guild channel messages then reach the engine, which stores those of
	// engagement channels for summaries. Off, only mentions of the bot and
	// DMs carry content.
	MessageContent bool
}

// Deps are the adapter's collaborators.
type Deps struct {
	Engine bot.Engine
	Store  bot.Store
	Clock  bot.Clock // the dispatcher's clock; nil: the wall clock
	Log    *slog.Logger
}

// Adapter runs otassess on Discord: the gateway, the /otassess command, the
// optional HTTP interactions endpoint and the outbox dispatcher.
type Adapter struct {
	cfg        Config
	session    *discordgo.Session
	api        api
	engine     bot.Engine
	store      bot.Store
	clock      bot.Clock
	dispatcher *outbox.Dispatcher
	log        *slog.Logger

	mu    sync.Mutex
	botID string // the bot's user id, from READY

	handled func(key string, duplicate bool) // test hook, called after each interaction
	roles   bot.Roles                        // nil: the gateway runs at once
}

// New builds an adapter; nothing connects until Run.
func New(cfg Config, deps Deps) (*Adapter, error) {
	if cfg.Token == "" || cfg.AppID == "" {
		return nil, errors.New("discord: a bot token and an application id are required")
	}
	if deps.Engine == nil || deps.Store == nil || deps.Log == nil {
		return nil, errors.New("discord: engine, store and logger are required")
	}
	cfg.Interval = orDefault(cfg.Interval, 250*time.Millisecond)
	cfg.Poll = orDefault(cfg.Poll, 500*time.Millisecond)
	cfg.DeferAfter = orDefault(cfg.DeferAfter, 2*time.Second)
	s, err := newSession(cfg.Token, cfg.APIURL)
	if err != nil {
		return nil, err
	}
	s.Identify.Intents = intentsFor(cfg.MessageContent)
	clock := deps.Clock
	if clock == nil {
		clock = bot.SystemClock{}
	}
	log := deps.Log.With(slog.String("platform", Platform))
	d := &outbox.Dispatcher{Store: deps.Store, Sender: newSender(s), Platform: Platform, Clock: clock, Log: log,
		Interval: cfg.Interval, Renderer: deps.Engine}
	d.Notify() // initialises the dispatcher before handlers may call Notify concurrently
	return &Adapter{cfg: cfg, session: s, api: s, engine: deps.Engine, store: deps.Store, clock: clock, dispatcher: d, log: log}, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Run registers /otassess, connects to the gateway and delivers the outbox
// until ctx is done; then it closes the gateway connection. It fails when
// the gateway refuses the connection (a bad token, or intents not allowed);
// a failed command registration is logged, since an earlier one persists.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.register(ctx); err != nil {
		// Commands registered by an earlier run stay in place; a bad token
		// is caught by the gateway below.
		a.log.Error("Slash command not registered", slog.Any("error", err))
	}
	defer a.session.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { a.ready(r) })()
	defer a.session.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		a.answer(ctx, ic.Interaction, func(resp *discordgo.InteractionResponse) { a.respond(ctx, ic.Interaction, resp) })
	})()
	defer a.session.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { a.message(ctx, m.Message) })()
	return bot.RunInRole(ctx, a.roles, RoleGateway, a.gateway)
}

// gateway connects to the Discord gateway and delivers the outbox until
// ctx ends.
func (a *Adapter) gateway(ctx context.Context) error {
	if err := a.session.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", apiErr(err))
	}
	defer a.session.Close()
	a.log.Info("Connected to Discord", slog.String("app_id", a.cfg.AppID))
	return a.dispatcher.Run(ctx, a.cfg.Poll)
}

// register overwrites the application's commands with /otassess, in the
// configured guild (instant) or globally.
func (a *Adapter) register(ctx context.Context) error {
	cmds := []*discordgo.ApplicationCommand{applicationCommand()}
	if _, err := a.api.ApplicationCommandBulkOverwrite(a.cfg.AppID, a.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register /%s: %w", commandName, apiErr(err))
	}
	a.log.Info("Registered the slash command", slog.String("command", commandName), slog.String("guild_id", a.cfg.GuildID))
	return nil
}

func (a *Adapter) ready(r *discordgo.Ready) {
	if r.User == nil {
		return
	}
	a.mu.Lock()
	a.botID = r.User.ID
	a.mu.Unlock()
	a.log.Info("Gateway session ready", slog.String("bot_user_id", r.User.ID), slog.Int("guilds", len(r.Guilds)))
}

func (a *Adapter) botUserID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.botID
}

// respond sends the first response of a gateway interaction over HTTP.
func (a *Adapter) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) {
	if resp == nil {
		return
	}
	if err := a.api.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		a.log.Error("Interaction response failed", slog.String("interaction_id", i.ID), slog.Int("response_type", int(resp.Type)), slog.Any("error", apiErr(err)))
	}
}

// message hands a DM (or a mention of the bot) to the engine. Messages
// have no ephemeral replies, so a refusal is queued as a DM to the author:
// private, and paced like every other message.
func (a *Adapter) message(ctx context.Context, m *discordgo.Message) {
	ev, ok := a.messageEvent(m)
	if !ok {
		return
	}
	if len(m.Attachments) > 0 && (ev.DM || ev.Command) {
		ev.File = postedFile(m.Attachments[0])
	}
	res, err := a.engine.Handle(ctx, ev)
	if err != nil {
		a.log.Error("Message not processed", slog.String("event_key", ev.Key), slog.Any("error", err))
		return
	}
	a.log.Debug("Message processed", slog.String("event_key", ev.Key), slog.Bool("duplicate", res.Duplicate))
	if a.handled != nil {
		a.handled(ev.Key, res.Duplicate)
	}
	if r := res.Respond; r != nil && !res.Duplicate {
		o := bot.Outgoing{Platform: Platform, User: ev.UserRef(), Reply: bot.Reply{Text: r.Text, Engagement: r.Engagement}, NotBefore: a.clock.Now().UTC()}
		if ev.DM {
			o.Conversation = ev.Conversation
		}
		if err := a.store.Update(ctx, func(tx bot.Tx) error { return tx.Enqueue(o) }); err != nil {
			a.log.Error("Refusal not queued", slog.String("event_key", ev.Key), slog.Any("error", err))
		}
	}
	a.dispatcher.Notify()
}
