package discord

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// Snowflakes of the test world.
const (
	appID    = "900000000000000001"
	botUser  = "900000000000000002"
	guildID  = "800000000000000001"
	channel  = "700000000000000001"
	lead     = "100000000000000001"
	spoc     = "100000000000000002"
	stranger = "100000000000000003"
	auditor  = "100000000000000004"
)

func dmOf(user string) string { return "dm-" + user }

// harness is the adapter over a real SQLite store, a real engine and the
// fake Discord.
type harness struct {
	t      testing.TB
	fake   *fakeDiscord
	db     *storage.DB
	store  *slowStore
	engine *engine.Engine
	a      *Adapter
	clock  bot.Clock
	ids    atomic.Int64

	mu      sync.Mutex
	handled map[string][]bool // event key → duplicate flags, in order
}

type harnessOpt func(*Config, *Deps)

func withClock(c bot.Clock) harnessOpt { return func(_ *Config, d *Deps) { d.Clock = c } }
func withConfig(fn func(*Config)) harnessOpt {
	return func(c *Config, _ *Deps) { fn(c) }
}

func newHarness(t testing.TB, opts ...harnessOpt) *harness {
	t.Helper()
	return newHarnessWith(t, bot.Config{}, opts...)
}

// newHarnessWith is newHarness with the engine's configuration.
func newHarnessWith(t testing.TB, engineCfg bot.Config, opts ...harnessOpt) *harness {
	t.Helper()
	h := &harness{t: t, db: storagetest.Open(t), handled: map[string][]bool{}}
	h.ids.Store(1_000_000)
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Config{Token: "test-token", AppID: appID, GuildID: guildID, Interval: 5 * time.Millisecond, Poll: 10 * time.Millisecond}
	deps := Deps{Store: h.db, Log: log}
	for _, o := range opts {
		o(&cfg, &deps)
	}
	h.clock = deps.Clock
	if h.clock == nil {
		h.clock = bot.SystemClock{}
	}
	h.store = &slowStore{Store: h.db}
	h.engine = engine.New(h.store, reg, h.clock, log, engineCfg)
	deps.Engine = h.engine
	h.fake = newFakeDiscord(t, h.clock.Now)
	cfg.APIURL = h.fake.srv.URL
	h.a, err = New(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	h.a.handled = func(key string, dup bool) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.handled[key] = append(h.handled[key], dup)
	}
	return h
}

// run starts the adapter (command registration, gateway, dispatcher) and
// returns the Identify payload once READY was processed.
func (h *harness) run() map[string]any {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.Run(ctx) }()
	h.t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("Run: %v", err)
		}
	})
	var id map[string]any
	select {
	case id = <-h.fake.identify:
	case err := <-done:
		h.t.Fatalf("Run ended early: %v", err)
	case <-time.After(30 * time.Second):
		h.t.Fatal("no Identify on the gateway")
	}
	h.waitFor("READY processed", func() bool { return h.a.botUserID() == botUser })
	return id
}

// waitFor polls cond for up to 30 seconds (a bound on a failing test, not
// a measure: a loaded machine under the race detector is slow).
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) nextID() string { return strconv.FormatInt(h.ids.Add(1), 10) }

// handledTimes reports how often the engine saw an event key and whether
// the last time was a duplicate.
func (h *harness) handledTimes(key string) (int, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := len(h.handled[key])
	return n, n > 0 && h.handled[key][n-1]
}

// slashPayload is an /otassess interaction in the engagement channel.
func slashPayload(id, user, sub string, opts ...map[string]any) map[string]any {
	subOpt := map[string]any{"name": sub, "type": 1, "options": opts}
	return map[string]any{
		"id": id, "application_id": appID, "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": guildID, "channel_id": channel, "locale": "en-US",
		"member": map[string]any{"user": map[string]any{"id": user, "username": "u" + user}},
		"data":   map[string]any{"id": "cmd-1", "name": "otassess", "type": 1, "options": []any{subOpt}},
	}
}

func opt(name string, typ int, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// pressPayload is a button press in a user's DM.
func pressPayload(id, user, customID string) map[string]any {
	return map[string]any{
		"id": id, "application_id": appID, "type": 3, "token": "tok-" + id, "version": 1,
		"channel_id": dmOf(user), "locale": "en-US",
		"user":    map[string]any{"id": user, "username": "u" + user},
		"message": map[string]any{"id": "q-msg", "channel_id": dmOf(user)},
		"data":    map[string]any{"custom_id": customID, "component_type": 2},
	}
}

func toInteraction(t testing.TB, payload map[string]any) *discordgo.Interaction {
	t.Helper()
	b, _ := json.Marshal(payload)
	var i discordgo.Interaction
	if err := json.Unmarshal(b, &i); err != nil {
		t.Fatal(err)
	}
	return &i
}

// interact runs an interaction through the adapter directly (no gateway)
// and returns its first response.
func (h *harness) interact(payload map[string]any) *discordgo.InteractionResponse {
	h.t.Helper()
	var resp *discordgo.InteractionResponse
	h.a.answer(context.Background(), toInteraction(h.t, payload), func(r *discordgo.InteractionResponse) { resp = r })
	return resp
}

// newPlant is /otassess new for the engagement Plant-A, in English.
func newPlant(id string) map[string]any {
	return slashPayload(id, lead, "new",
		opt("name", 3, "Plant-A"), opt("spoc", 6, spoc), opt("lead", 6, lead),
		opt("assessors", 3, "<@"+auditor+">"), opt("lang", 3, "en"))
}

// gatewayInteraction dispatches an interaction and waits for its callback.
func (h *harness) gatewayInteraction(payload map[string]any) sent {
	h.t.Helper()
	id := payload["id"].(string)
	h.fake.dispatch("INTERACTION_CREATE", payload)
	h.waitFor("callback of interaction "+id, func() bool { return len(h.fake.callbacks(id)) > 0 })
	return h.fake.callbacks(id)[0]
}

// questions returns the question messages posted to a DM channel.
func (h *harness) questions(dm string) []sent {
	var qs []sent
	for _, m := range h.fake.messagesTo(dm) {
		if len(m.Components) > 0 && len(m.Embeds) > 0 {
			qs = append(qs, m)
		}
	}
	return qs
}

// consentRequest is the consent request sent to dm (its Accept button's
// custom_id), waiting for it.
func (h *harness) consentRequest(dm string) string {
	h.t.Helper()
	var id string
	h.waitFor("the consent request in "+dm, func() bool {
		for _, m := range h.fake.messagesTo(dm) {
			if len(m.Components) > 0 && len(m.Embeds) == 0 {
				id = m.Components[0].Components[0].CustomID
			}
		}
		return id != ""
	})
	return id
}

// button finds the custom_id of a question's button by its value.
func buttonID(t testing.TB, q sent, value string) string {
	t.Helper()
	for _, row := range q.Components {
		for _, b := range row.Components {
			if strings.HasSuffix(b.CustomID, ":"+value) {
				return b.CustomID
			}
		}
	}
	t.Fatalf("no button %q in %s", value, q.raw)
	return ""
}

// answers returns the engagement's current self-round answers.
func (h *harness) answers(engagement string) map[string]assessment.Answer {
	h.t.Helper()
	return storagetest.Read(h.t, h.db, func(tx bot.Tx) (map[string]assessment.Answer, error) {
		return tx.CurrentAnswers(engagement, bot.RoundSelf)
	})
}

// queued counts the outbox's queues that hold a message (0: all sent).
func (h *harness) queued() int {
	h.t.Helper()
	o, err := h.db.Outbox(context.Background(), Platform, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 100)
	if err != nil {
		h.t.Fatal(err)
	}
	return len(o)
}

// slowStore delays every transaction by delay, to push handling past the
// interaction deadline.
type slowStore struct {
	bot.Store
	delay atomic.Int64
}

func (s *slowStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	time.Sleep(time.Duration(s.delay.Load()))
	return s.Store.Update(ctx, fn)
}
