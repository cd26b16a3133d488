package discord

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// httpHarness is a harness whose adapter serves HTTP interactions.
func httpHarness(t testing.TB) (*harness, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return newHarness(t, withConfig(func(c *Config) { c.PublicKey = pub })), priv
}

// post sends a payload to the endpoint, signed with key (nil: unsigned) now.
func post(t *testing.T, h *harness, key ed25519.PrivateKey, payload any) *httptest.ResponseRecorder {
	t.Helper()
	return postAt(t, h, key, payload, h.clock.Now())
}

// postAt is post with the signature's timestamp at a given time.
func postAt(t *testing.T, h *harness, key ed25519.PrivateKey, payload any, at time.Time) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(payload)
	r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
	if key != nil {
		ts := strconv.FormatInt(at.Unix(), 10)
		r.Header.Set("X-Signature-Timestamp", ts)
		r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
	}
	w := httptest.NewRecorder()
	h.a.Handler().ServeHTTP(w, r)
	return w
}

func TestHTTPInteraction_ForgedSignatureIsRefusedBeforeParsing(t *testing.T) {
	h, _ := httpHarness(t)
	_, forger, _ := ed25519.GenerateKey(rand.Reader)
	for name, key := range map[string]ed25519.PrivateKey{"unsigned": nil, "signed with another key": forger} {
		w := post(t, h, key, newPlant(h.nextID()))
		if w.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, w.Code)
		}
	}
	if _, err := engine.FindEngagement(t.Context(), h.db, "Plant-A"); err == nil {
		t.Error("a forged interaction created an engagement")
	}
}

// A correctly signed request whose timestamp is old (a replay) or from the
// future is refused before it is read.
func TestHTTPInteraction_StaleSignatureIsRefused(t *testing.T) {
	h, key := httpHarness(t)
	for _, skew := range []time.Duration{-6 * time.Minute, 6 * time.Minute} {
		w := postAt(t, h, key, newPlant(h.nextID()), h.clock.Now().Add(skew))
		if w.Code != http.StatusUnauthorized {
			t.Errorf("timestamp %v from now: status %d, want 401", skew, w.Code)
		}
	}
	if _, err := engine.FindEngagement(t.Context(), h.db, "Plant-A"); err == nil {
		t.Error("a stale interaction created an engagement")
	}
	if w := post(t, h, key, newPlant(h.nextID())); w.Code != http.StatusOK {
		t.Errorf("a fresh signed interaction got %d", w.Code)
	}
}

func TestHTTPInteraction_PingIsPonged(t *testing.T) {
	h, key := httpHarness(t)
	w := post(t, h, key, map[string]any{"id": h.nextID(), "type": 1, "application_id": appID, "token": "t"})
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"type":1}` {
		t.Errorf("PING → %d %s", w.Code, w.Body)
	}
}

func TestHTTPInteraction_IsAnsweredInTheResponseBody(t *testing.T) {
	h, key := httpHarness(t)
	w := post(t, h, key, newPlant(h.nextID()))
	got := decodeSent(t, w.Body.Bytes())
	if w.Code != http.StatusOK || got.Type != 4 || got.Data == nil || got.Data.Flags&64 == 0 {
		t.Fatalf("new → %d %s, want an ephemeral type 4 body", w.Code, w.Body)
	}
	if _, err := engine.FindEngagement(t.Context(), h.db, "Plant-A"); err != nil {
		t.Fatalf("engagement not created: %v", err)
	}
	if n := len(h.fake.requests("POST", "/interactions/")); n != 0 {
		t.Errorf("%d callbacks over REST, want the answer in the body only", n)
	}
	post(t, h, key, slashPayload(h.nextID(), lead, "start"))
	flushReal(t, h)
	post(t, h, key, pressPayload(h.nextID(), spoc, h.consentRequest(dmOf(spoc))))
	flushReal(t, h)
	q := h.questions(dmOf(spoc))[0]
	w = post(t, h, key, pressPayload(h.nextID(), spoc, buttonID(t, q, "2")))
	if got := decodeSent(t, w.Body.Bytes()); got.Type != 6 {
		t.Errorf("press → %s, want a deferred update (type 6): the edit goes through the outbox", w.Body)
	}
	flushReal(t, h)
	edits := h.fake.requests("PATCH", "/channels/"+dmOf(spoc)+"/messages/q-msg")[1:] // after the consent request's
	if len(edits) != 1 || !strings.Contains(decodeSent(t, edits[0].Body).Content, "Answer: In place") {
		t.Errorf("edits of the pressed message = %d, want 1 with the answer", len(edits))
	}
}

// flushReal drains the outbox on the wall clock, waiting out pacing.
func flushReal(t *testing.T, h *harness) {
	t.Helper()
	h.waitFor("the outbox to empty", func() bool { drain(t, h); return h.queued() == 0 })
}

func TestSlowInteraction_IsDeferredThenTheMessageIsEdited(t *testing.T) {
	h := newHarness(t, withConfig(func(c *Config) { c.DeferAfter = 30 * time.Millisecond }))
	h.interact(newPlant(h.nextID()))
	h.interact(slashPayload(h.nextID(), lead, "start"))
	flushReal(t, h)
	h.interact(pressPayload(h.nextID(), spoc, h.consentRequest(dmOf(spoc))))
	flushReal(t, h)
	q := h.questions(dmOf(spoc))[0]
	press, _ := bot.DecodePress(buttonID(t, q, "3"))

	h.store.delay.Store(int64(300 * time.Millisecond))
	id := h.nextID()
	resp := h.interact(pressPayload(id, spoc, buttonID(t, q, "3")))
	if resp == nil || resp.Type != 6 {
		t.Fatalf("first response = %+v, want a deferred update (type 6)", resp)
	}
	flushReal(t, h)
	edits := h.fake.requests("PATCH", "/channels/"+dmOf(spoc)+"/messages/q-msg")[1:] // after the consent request's
	if len(edits) != 1 {
		t.Fatalf("%d edits of the pressed message, want 1", len(edits))
	}
	if e := decodeSent(t, edits[0].Body); !strings.Contains(e.Content, "Answer:") || !strings.Contains(e.raw, `"components":[]`) {
		t.Errorf("edit = %s, want the answer without buttons", e.raw)
	}
	if got := h.answers(press.Engagement); got[press.Item].Value != "3" {
		t.Errorf("answer = %+v, want 3", got[press.Item])
	}

	id = h.nextID()
	resp = h.interact(slashPayload(id, lead, "status"))
	if resp == nil || resp.Type != 5 || resp.Data == nil || resp.Data.Flags&64 == 0 {
		t.Fatalf("first response to a slow command = %+v, want an ephemeral deferral (type 5)", resp)
	}
	if n := len(h.fake.requests("PATCH", "/webhooks/"+appID+"/tok-"+id+"/messages/@original")); n != 1 {
		t.Errorf("%d edits of the deferred answer, want 1", n)
	}
}
