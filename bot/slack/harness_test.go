package slack_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	slackbot "github.com/otassess/otassess/bot/slack"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

const (
	secret    = "8f742231b10e8888abcd99yyyzzz85a5"
	team      = "T1"
	channel   = "C1"
	leadID    = "ULEAD"
	spocID    = "USPOC"
	botID     = "UBOT"
	spocDM    = "DUSPOC" // what the fake's conversations.open gives USPOC
	newPlantA = "new Plant-A spoc:<@USPOC|spoc> lead:<@ULEAD|lead>"
)

// harness is a Slack adapter in HTTP mode over a real SQLite store and a
// real engine, talking to a fake Slack Web API.
type harness struct {
	tb      testing.TB
	db      *storage.DB
	clock   *bottest.Clock
	fake    *fakeSlack
	engine  *engine.Engine
	disp    *outbox.Dispatcher
	adapter *slackbot.Adapter
	mux     *http.ServeMux
	seq     int
}

// newHarness builds the harness; opts adjust the engine's configuration.
func newHarness(tb testing.TB, opts ...func(*bot.Config)) *harness {
	tb.Helper()
	var cfg bot.Config
	for _, o := range opts {
		o(&cfg)
	}
	return newHarnessWith(tb, cfg)
}

// newHarnessWith is newHarness with an engine configuration and extra
// handlers on the fake Slack API.
func newHarnessWith(tb testing.TB, cfg bot.Config, extra ...slacktest.Binder) *harness {
	tb.Helper()
	return newHarnessOn(tb, storagetest.Open(tb), cfg, extra...)
}

// newHarnessOn is newHarnessWith on a database the caller opened.
func newHarnessOn(tb testing.TB, db *storage.DB, cfg bot.Config, extra ...slacktest.Binder) *harness {
	tb.Helper()
	clock := bottest.NewClock(time.Now().UTC())
	fake := newFakeSlack(tb, clock.Now, extra...)
	reg, err := assessment.NewRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	engine := engine.New(db, reg, clock, log, cfg)
	api := slackgo.New("xoxb-test", slackgo.OptionAPIURL(fake.GetAPIURL()), slackgo.OptionHTTPClient(slackbot.NewHTTPClient()))
	disp := &outbox.Dispatcher{Store: db, Sender: slackbot.NewSender(api, log), Platform: slackbot.Platform, Clock: clock,
		Log: log, Interval: time.Second, Renderer: engine}
	a := slackbot.New(slackbot.Options{Client: api, Engine: engine, Dispatcher: disp, SigningSecret: secret, Log: log})
	mux := http.NewServeMux()
	a.Register(mux)
	tb.Cleanup(a.Wait)
	return &harness{tb: tb, db: db, clock: clock, fake: fake, engine: engine, disp: disp, adapter: a, mux: mux}
}

// sign adds Slack's v0 signature headers for body at time at.
func sign(r *http.Request, key string, at time.Time, body []byte) {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(key))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}

// request builds a POST signed with the right secret now.
func request(path string, body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(string(body)))
	if strings.HasPrefix(string(body), "{") {
		r.Header.Set("Content-Type", "application/json")
	} else {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	sign(r, secret, time.Now(), body)
	return r
}

func (h *harness) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.mux.ServeHTTP(w, r)
	return w
}

func (h *harness) next() int { h.seq++; return h.seq }

// commandBody is a /otassess form body.
func (h *harness) commandBody(user, ch, text string) []byte {
	v := url.Values{"command": {"/otassess"}, "text": {text}, "team_id": {team}, "channel_id": {ch},
		"user_id": {user}, "trigger_id": {fmt.Sprintf("trigger.%d", h.next())}}
	return []byte(v.Encode())
}

// command runs a signed slash command and expects 200.
func (h *harness) command(user, ch, text string) *httptest.ResponseRecorder {
	h.tb.Helper()
	w := h.serve(request("/slack/commands", h.commandBody(user, ch, text)))
	if w.Code != http.StatusOK {
		h.tb.Fatalf("command %q: status %d %s", text, w.Code, w.Body)
	}
	return w
}

// pressBody is a block_actions form body: user presses the button
// actionID of the question message q (posted in ch).
func (h *harness) pressBody(user, ch string, q apiCall, actionID string) []byte {
	h.tb.Helper()
	btn, ok := q.buttonBlocks(h.tb)[actionID]
	if !ok {
		h.tb.Fatalf("question has no button %s", actionID)
	}
	return h.rawPressBody(user, ch, q.TS, actionID, btn.blockID, btn.value)
}

// rawPressBody is a block_actions form body as Slack sends it for a press
// on the message ts in ch; each call has a new action_ts.
func (h *harness) rawPressBody(user, ch, ts, actionID, blockID, value string) []byte {
	payload := map[string]any{
		"type": "block_actions", "team": map[string]any{"id": team}, "user": map[string]any{"id": user},
		"channel":    map[string]any{"id": ch},
		"container":  map[string]any{"type": "message", "message_ts": ts, "channel_id": ch},
		"trigger_id": fmt.Sprintf("trigger.%d", h.next()), "message": map[string]any{"ts": ts},
		"actions": []map[string]any{{"type": "button", "action_id": actionID, "block_id": blockID, "value": value,
			"action_ts": fmt.Sprintf("1700000100.%06d", h.next())}},
	}
	js, _ := json.Marshal(payload)
	return []byte(url.Values{"payload": {string(js)}}.Encode())
}

// press sends a signed button press, expects 200 and waits for the
// response sent after the ack.
func (h *harness) press(user, ch string, q apiCall, actionID string) {
	h.tb.Helper()
	w := h.serve(request("/slack/interactions", h.pressBody(user, ch, q, actionID)))
	if w.Code != http.StatusOK {
		h.tb.Fatalf("press %s: status %d %s", actionID, w.Code, w.Body)
	}
	h.adapter.Wait()
}

// eventBody is an Events API callback wrapping inner.
func eventBody(eventID string, inner map[string]any) []byte {
	js, _ := json.Marshal(map[string]any{"token": "x", "team_id": team, "api_app_id": "A1", "type": "event_callback",
		"event_id": eventID, "event_time": 1700000000, "event": inner,
		"authorizations": []map[string]any{{"team_id": team, "user_id": botID, "is_bot": true}}})
	return js
}

// dmText is a message.im event: user typed text in their DM with the bot.
func dmText(user, text string) map[string]any {
	return map[string]any{"type": "message", "channel": "D" + user, "channel_type": "im", "user": user,
		"text": text, "ts": "1700000200.000100", "event_ts": "1700000200.000100"}
}

// deliver drains the outbox until nothing is left.
func (h *harness) deliver() { h.tb.Helper(); bottest.Deliver(h.tb, h.disp, h.clock) }

func (h *harness) pending() int { return bottest.Pending(h.tb, h.disp) }

// engagement creates Plant-A in C1 by the lead, starts it and delivers
// the greeting and first question; it returns the engagement id.
func (h *harness) engagement() string {
	h.tb.Helper()
	h.command(leadID, channel, newPlantA)
	h.deliver()
	h.command(leadID, channel, "start")
	h.deliver()
	h.accept(spocID, spocDM)
	return h.engagementIn(channel)
}

// accept presses Accept on the consent request last posted to ch, if
// one reached it.
func (h *harness) accept(user, ch string) {
	h.tb.Helper()
	if len(h.fake.questions(h.tb, ch)) == 0 {
		return // the SPOC cannot be reached
	}
	h.press(user, ch, h.fake.lastQuestion(h.tb, ch), "choice_0")
	h.deliver()
}

// engagementIn is the id of the open engagement bound to ch.
func (h *harness) engagementIn(ch string) string {
	h.tb.Helper()
	var id string
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		e, err := tx.OpenEngagementIn(slackbot.Platform, team, ch)
		if err == nil {
			id = e.ID
		}
		return err
	})
	if err != nil {
		h.tb.Fatalf("engagement in %s: %v", ch, err)
	}
	return id
}

func (h *harness) answers(id string) map[string]assessment.Answer {
	h.tb.Helper()
	return storagetest.Read(h.tb, h.db, func(tx bot.Tx) (map[string]assessment.Answer, error) {
		return tx.CurrentAnswers(id, bot.RoundSelf)
	})
}

func (h *harness) history(id string) []bot.AnswerRecord {
	h.tb.Helper()
	return storagetest.Read(h.tb, h.db, func(tx bot.Tx) ([]bot.AnswerRecord, error) { return tx.History(id) })
}

// itemOf is the item id a question message asks (from its button values).
func itemOf(tb testing.TB, q apiCall) string {
	tb.Helper()
	p, err := bot.DecodePress(q.buttons(tb)["level_0"])
	if err != nil {
		tb.Fatal(err)
	}
	return p.Item
}
