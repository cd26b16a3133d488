package teams

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Platform is Teams' platform name in events and stored rows.
const Platform = "teams"

// Config is the adapter's settings, read and checked by cmd.
type Config struct {
	AppID    string // TEAMS_APP_ID: the Microsoft App ID (token audience, bot id 28:<AppID>)
	Password string // TEAMS_APP_PASSWORD: the app registration's client secret
	TenantID string // TEAMS_TENANT_ID: the single tenant the bot serves
	// LoginURL replaces https://login.microsoftonline.com for tokens;
	// OpenIDURL the Bot Framework's OpenID metadata (tests, other clouds).
	LoginURL, OpenIDURL string
	// GraphURL replaces https://graph.microsoft.com for meeting
	// transcripts (tests, other clouds).
	GraphURL string

	// Interval paces messages per conversation (default 1 s, inside Teams'
	// 7/1 s and 60/30 s per-thread limits); Poll is how often the outbox is
	// checked besides after each activity (default 250 ms).
	Interval, Poll time.Duration
	// KeyRefresh is the least time between key fetches for unknown key
	// ids (default 1 min).
	KeyRefresh time.Duration
	// UploadChunk is the most bytes of a file PUT at once (default
	// 3.2 MB); tests make it small.
	UploadChunk int
	// HTTPClient makes every outbound call (default: 20 s timeout).
	HTTPClient *http.Client
}

// Deps are the adapter's collaborators.
type Deps struct {
	Engine bot.Engine
	Store  bot.Store
	URLs   ServiceURLs // usually the same *storage.DB as Store
	Files  FileStore   // the files offered in Teams; usually the same *storage.DB
	Clock  bot.Clock   // nil: the wall clock
	Log    *slog.Logger
}

// Adapter runs otassess on Teams: the messaging endpoint and the outbox
// dispatcher. It is safe for concurrent use.
type Adapter struct {
	cfg      Config
	engine   bot.Engine
	store    bot.Store
	urls     ServiceURLs
	clock    bot.Clock
	log      *slog.Logger
	verifier *verifier
	conn     *connector
	names    *names
	disp     *outbox.Dispatcher
	fetcher  *TranscriptFetcher
	files    FileStore

	mu   sync.Mutex
	seen map[string]string // conversation → serviceUrl already saved

	inflight sync.WaitGroup // card updates sent after the answer
}

// New builds an adapter; nothing is fetched or sent until a request or Run.
func New(cfg Config, d Deps) (*Adapter, error) {
	if cfg.AppID == "" || cfg.Password == "" || cfg.TenantID == "" {
		return nil, errors.New("teams: an app id, its password and a tenant id are required")
	}
	if d.Engine == nil || d.Store == nil || d.URLs == nil || d.Files == nil {
		return nil, errors.New("teams: engine, store, service URL store and file store are required")
	}
	cfg.Interval = orDefault(cfg.Interval, time.Second)
	cfg.Poll = orDefault(cfg.Poll, 250*time.Millisecond)
	cfg.KeyRefresh = orDefault(cfg.KeyRefresh, time.Minute)
	cfg.LoginURL = cmp.Or(cfg.LoginURL, "https://login.microsoftonline.com")
	cfg.OpenIDURL = cmp.Or(cfg.OpenIDURL, "https://login.botframework.com/v1/.well-known/openidconfiguration")
	cfg.GraphURL = cmp.Or(cfg.GraphURL, "https://graph.microsoft.com")
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 20 * time.Second}
	}
	if d.Clock == nil {
		d.Clock = bot.SystemClock{}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	a := &Adapter{cfg: cfg, engine: d.Engine, store: d.Store, urls: d.URLs, files: d.Files, clock: d.Clock, log: d.Log,
		names: newNames(), seen: map[string]string{}}
	a.verifier = &verifier{appID: cfg.AppID, openIDURL: cfg.OpenIDURL, client: cfg.HTTPClient, now: d.Clock.Now, minRefresh: cfg.KeyRefresh}
	a.conn = &connector{tokens: newTokens(cfg.LoginURL, cfg.TenantID, cfg.AppID, cfg.Password, connectorScope, cfg.HTTPClient, d.Clock.Now), client: cfg.HTTPClient}
	a.fetcher = &TranscriptFetcher{conn: a.conn, tenant: cfg.TenantID, graph: &graph{base: cfg.GraphURL, client: cfg.HTTPClient,
		tokens: newTokens(cfg.LoginURL, cfg.TenantID, cfg.AppID, cfg.Password, graphScope, cfg.HTTPClient, d.Clock.Now)}}
	sender := &Sender{conn: a.conn, urls: d.URLs, botID: "28:" + cfg.AppID, tenant: cfg.TenantID, names: a.names,
		clock: d.Clock, dms: map[string]string{}, files: d.Files, upload: cfg.HTTPClient, chunk: cmp.Or(cfg.UploadChunk, uploadChunk)}
	a.disp = &outbox.Dispatcher{Store: d.Store, Sender: sender, Platform: Platform, Clock: d.Clock, Log: d.Log,
		Interval: cfg.Interval, Renderer: d.Engine}
	a.disp.Notify() // initialises the dispatcher before handlers may call Notify concurrently
	return a, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Sender is the adapter's outbox sender (tests drive a Dispatcher with it).
func (a *Adapter) Sender() *Sender { return a.disp.Sender.(*Sender) }

// Dispatcher is the adapter's outbox dispatcher; Run runs it.
func (a *Adapter) Dispatcher() *outbox.Dispatcher { return a.disp }

// Run delivers the outbox until ctx is done, then waits for card updates
// under way. Activities arrive through the routes Register adds.
func (a *Adapter) Run(ctx context.Context) error {
	a.log.Info("Teams adapter started", slog.String("app_id", a.cfg.AppID), slog.String("tenant_id", a.cfg.TenantID))
	go bot.Every(ctx, time.Hour, a.log, "Teams file prune", a.pruneFiles)
	err := a.disp.Run(ctx, a.cfg.Poll)
	a.Wait()
	return err
}

// Wait blocks until every card update started after an answer has been
// sent or has failed.
func (a *Adapter) Wait() { a.inflight.Wait() }

// pruneFiles deletes the files kept longer than a week; Run calls it hourly.
func (a *Adapter) pruneFiles(ctx context.Context) error {
	n, err := a.PruneFiles(ctx)
	if n > 0 {
		a.log.Info("Teams files pruned", slog.Int64("files", n))
	}
	return err
}
