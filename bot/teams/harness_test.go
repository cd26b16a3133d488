package teams_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/teams"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

const (
	appID       = "11111111-2222-3333-4444-555555555555"
	appPassword = "s3cret~pass"
	tenantID    = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	botTeamsID  = "28:" + appID
	channelConv = "19:chan@thread.tacv2"
	spocOID     = "0000aaaa-0000-0000-0000-00000000spoc"
	leadOID     = "0000bbbb-0000-0000-0000-00000000lead"
	spocDM      = "a:dm-" + spocOID // what the fake's create conversation gives the SPOC
	leadDM      = "a:dm-lead"
)

var (
	botAccount  = map[string]any{"id": botTeamsID, "name": "otassess"}
	spocAccount = map[string]any{"id": "29:spoc", "name": "Spoc San", "aadObjectId": spocOID}
	leadAccount = map[string]any{"id": "29:lead", "name": "Lead", "aadObjectId": leadOID}
)

// harness is the Teams adapter over a real SQLite store and a real
// engine, talking to a fake Bot Framework.
type harness struct {
	tb      testing.TB
	db      *storage.DB
	clock   *bottest.Clock
	fake    *fakeBF
	key     fakeKey
	adapter *teams.Adapter
	engine  *engine.Engine
	mux     *http.ServeMux
	client  *http.Client // the adapter's, when set before start
	seq     int
}

func newHarness(tb testing.TB) *harness { tb.Helper(); return newHarnessWith(tb, bot.Config{}) }

// newHarnessWith builds the harness with an engine configured by cfg.
func newHarnessWith(tb testing.TB, cfg bot.Config) *harness {
	tb.Helper()
	clock := bottest.NewClock(time.Now().UTC().Truncate(time.Second))
	fake := newFakeBF(tb, clock.Now)
	h := &harness{tb: tb, db: storagetest.Open(tb), clock: clock, fake: fake, key: fake.addKey("key-1", "msteams", "skype")}
	h.start(cfg, 0)
	return h
}

// start builds a new engine and adapter over the harness's database and
// fake, as a restarted process would (upload parts of chunk bytes, 0 for
// the default).
func (h *harness) start(cfg bot.Config, chunk int) {
	h.tb.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		h.tb.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	h.engine = engine.New(h.db, reg, h.clock, log, cfg)
	h.adapter, err = teams.New(teams.Config{AppID: appID, Password: appPassword, TenantID: tenantID,
		LoginURL: h.fake.srv.URL + "/login", OpenIDURL: h.fake.srv.URL + "/openid", GraphURL: h.fake.srv.URL + "/graph",
		KeyRefresh: time.Minute, UploadChunk: chunk, HTTPClient: h.client},
		teams.Deps{Engine: h.engine, Store: h.db, URLs: h.db, Files: h.db, Clock: h.clock, Log: log})
	if err != nil {
		h.tb.Fatal(err)
	}
	h.mux = http.NewServeMux()
	h.adapter.Register(h.mux)
	h.tb.Cleanup(h.adapter.Wait)
}

// claims are the token claims the Bot Framework sends for an activity.
func (h *harness) claims(serviceURL string) jwt.MapClaims {
	now := h.clock.Now()
	return jwt.MapClaims{"iss": "https://api.botframework.com", "aud": appID, "serviceurl": serviceURL,
		"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(), "iat": now.Unix()}
}

// sign makes a bearer token signed by k.
func sign(tb testing.TB, k fakeKey, method jwt.SigningMethod, c jwt.MapClaims) string {
	tb.Helper()
	tok := jwt.NewWithClaims(method, c)
	tok.Header["kid"] = k.kid
	s, err := tok.SignedString(k.priv)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// post sends an activity with a bearer token and returns the response.
func (h *harness) post(act map[string]any, token string) *httptest.ResponseRecorder {
	body, _ := json.Marshal(act)
	r := httptest.NewRequest(http.MethodPost, "/teams/messages", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	h.mux.ServeHTTP(w, r)
	return w
}

// send posts a correctly signed activity, expects 200 and waits for card
// updates started by it.
func (h *harness) send(act map[string]any) {
	h.tb.Helper()
	w := h.post(act, sign(h.tb, h.key, jwt.SigningMethodRS256, h.claims(act["serviceUrl"].(string))))
	if w.Code != http.StatusOK {
		h.tb.Fatalf("activity %v: status %d %s", act["id"], w.Code, w.Body)
	}
	h.adapter.Wait()
}

// activity is a message activity from user in conversation conv.
func (h *harness) activity(from map[string]any, conv map[string]any, text string) map[string]any {
	h.seq++
	return map[string]any{"type": "message", "id": fmt.Sprintf("in-%d", h.seq), "channelId": "msteams",
		"serviceUrl": h.fake.serviceURL(), "from": from, "recipient": botAccount, "conversation": conv,
		"text": text, "locale": "en-US", "channelData": map[string]any{"tenant": map[string]string{"id": tenantID}}}
}

func personal(id string) map[string]any {
	return map[string]any{"id": id, "conversationType": "personal", "tenantId": tenantID}
}

func inChannel(thread string) map[string]any {
	return map[string]any{"id": channelConv + ";messageid=" + thread, "conversationType": "channel", "tenantId": tenantID}
}

func mention(acc map[string]any) map[string]any {
	return map[string]any{"type": "mention", "text": "<at>" + acc["name"].(string) + "</at>",
		"mentioned": map[string]any{"id": acc["id"], "name": acc["name"]}}
}

// command is a channel message by from that mentions the bot, then text.
func (h *harness) command(from map[string]any, text string, mentioned ...map[string]any) map[string]any {
	act := h.activity(from, inChannel("900"), "<at>otassess</at> "+text)
	ents := []any{mention(botAccount)}
	for _, m := range mentioned {
		ents = append(ents, mention(m))
	}
	act["entities"] = ents
	return act
}

// submit is the activity Teams sends when user presses the button with
// data on the card activity cardID in conv.
func (h *harness) submit(from map[string]any, conv, cardID string, data map[string]any) map[string]any {
	act := h.activity(from, personal(conv), "")
	delete(act, "text")
	act["replyToId"] = cardID
	act["value"] = data
	return act
}

// engagement creates Plant-A in the channel (the SPOC mentioned without an
// object id, so the adapter looks it up), starts it and delivers the
// greeting and first question; it returns the engagement id.
func (h *harness) engagement() string {
	h.tb.Helper()
	h.fake.members["29:spoc"] = spocOID
	spocMention := map[string]any{"id": "29:spoc", "name": "Spoc San"}
	h.send(h.command(leadAccount, "new Plant-A spoc:<at>Spoc San</at> lead:<at>Lead</at>", spocMention, leadAccount))
	h.deliver()
	h.send(h.command(leadAccount, "start"))
	h.deliver()
	h.accept(spocAccount, spocDM)
	var id string
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		e, err := tx.OpenEngagementIn(teams.Platform, tenantID, channelConv)
		if err == nil {
			id = e.ID
		}
		return err
	})
	if err != nil {
		h.tb.Fatalf("no engagement in the channel: %v", err)
	}
	return id
}

// accept presses Accept on the consent request last posted to conv, if
// one reached it.
func (h *harness) accept(from map[string]any, conv string) {
	h.tb.Helper()
	if len(h.fake.posts(conv)) == 0 {
		return // the SPOC cannot be reached
	}
	cardID, buttons := h.lastCard(conv)
	for _, data := range buttons {
		if v, _ := data["otassess"].(string); strings.HasSuffix(v, ":consent:0:accept") {
			h.send(h.submit(from, conv, cardID, data))
			h.deliver()
			return
		}
	}
	h.tb.Fatalf("no consent request in %s", conv)
}

// deliver drains the outbox until nothing is left.
func (h *harness) deliver() { h.tb.Helper(); bottest.Deliver(h.tb, h.adapter.Dispatcher(), h.clock) }

func (h *harness) pending() int { return bottest.Pending(h.tb, h.adapter.Dispatcher()) }

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

// lastCard is the last question card posted to conv: its activity id and the
// press data of its buttons by title.
func (h *harness) lastCard(conv string) (string, map[string]map[string]any) {
	h.tb.Helper()
	posts := h.fake.posts(conv)
	for i := len(posts) - 1; i >= 0; i-- {
		if buttons := cardButtons(posts[i].Body); len(buttons) > 0 {
			return posts[i].Result, buttons
		}
	}
	h.tb.Fatalf("no question card in %s among %d posts", conv, len(posts))
	return "", nil
}
