package teams_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/otassess/otassess/bot"
)

// TestTeams_BadTokensAre401AndChangeNothing presses a real button of the
// current question with tokens that are wrong in one way each: nothing is
// answered, queued, updated or remembered.
func TestTeams_BadTokensAre401AndChangeNothing(t *testing.T) {
	h := newHarness(t)
	// Published before the first fetch, so the key set holds them all.
	forger := h.fake.addKey("key-forged", "msteams")
	forged := fakeKey{kid: h.key.kid, priv: forger.priv} // right kid, wrong private key
	skypeOnly := h.fake.addKey("key-skype", "skype")
	id := h.engagement()
	cardID, buttons := h.lastCard(spocDM)
	before := len(h.history(id))
	calls := len(h.fake.calls)

	tests := map[string]func(act map[string]any) string{
		"no token": func(map[string]any) string { return "" },
		"forged signature": func(act map[string]any) string {
			return sign(t, forged, jwt.SigningMethodRS256, h.claims(act["serviceUrl"].(string)))
		},
		"wrong audience": func(act map[string]any) string {
			c := h.claims(act["serviceUrl"].(string))
			c["aud"] = "99999999-2222-3333-4444-555555555555"
			return sign(t, h.key, jwt.SigningMethodRS256, c)
		},
		"wrong issuer": func(act map[string]any) string {
			c := h.claims(act["serviceUrl"].(string))
			c["iss"] = "https://sts.windows.net/" + tenantID + "/"
			return sign(t, h.key, jwt.SigningMethodRS256, c)
		},
		"expired beyond the skew": func(act map[string]any) string {
			c := h.claims(act["serviceUrl"].(string))
			c["exp"] = h.clock.Now().Add(-6 * time.Minute).Unix()
			return sign(t, h.key, jwt.SigningMethodRS256, c)
		},
		"not yet valid beyond the skew": func(act map[string]any) string {
			c := h.claims(act["serviceUrl"].(string))
			c["nbf"] = h.clock.Now().Add(6 * time.Minute).Unix()
			return sign(t, h.key, jwt.SigningMethodRS256, c)
		},
		"no expiry": func(act map[string]any) string {
			c := h.claims(act["serviceUrl"].(string))
			delete(c, "exp")
			return sign(t, h.key, jwt.SigningMethodRS256, c)
		},
		"serviceurl claim of another service": func(map[string]any) string {
			return sign(t, h.key, jwt.SigningMethodRS256, h.claims("https://smba.trafficmanager.net/evil/"))
		},
		"key not endorsed for msteams": func(act map[string]any) string {
			return sign(t, skypeOnly, jwt.SigningMethodRS256, h.claims(act["serviceUrl"].(string)))
		},
		"unknown key": func(act map[string]any) string {
			return sign(t, fakeKey{kid: "nobody", priv: forger.priv}, jwt.SigningMethodRS256, h.claims(act["serviceUrl"].(string)))
		},
		"HMAC with the public key": func(act map[string]any) string {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, h.claims(act["serviceUrl"].(string)))
			tok.Header["kid"] = h.key.kid
			s, _ := tok.SignedString(h.key.priv.N.Bytes())
			return s
		},
	}
	for name, token := range tests {
		t.Run(name, func(t *testing.T) {
			act := h.submit(spocAccount, spocDM, cardID, buttons["2"])
			act["conversation"] = personal("a:dm-new-" + name) // a conversation not seen before
			if w := h.post(act, token(act)); w.Code != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", w.Code)
			}
			if _, err := h.db.TeamsServiceURL(context.Background(), tenantID, "a:dm-new-"+name); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("service URL of the refused activity was saved (err %v)", err)
			}
		})
	}
	h.adapter.Wait()
	if n := len(h.history(id)); n != before {
		t.Errorf("answer rows %d → %d after refused requests", before, n)
	}
	if n := h.pending(); n != 0 {
		t.Errorf("%d messages queued by refused requests", n)
	}
	if n := len(h.fake.calls); n != calls {
		t.Errorf("refused requests made %d Bot Connector calls", n-calls)
	}
	// The same press, correctly signed, is taken: the refusals were not
	// refusing everything.
	h.send(h.submit(spocAccount, spocDM, cardID, buttons["2"]))
	if n := len(h.history(id)); n != before+1 {
		t.Errorf("a valid press stored %d rows, want 1", n-before)
	}
}

func TestTeams_ActivityMustMatchItsToken(t *testing.T) {
	h := newHarness(t)
	tests := map[string]struct {
		edit func(act map[string]any)
		want int
	}{
		"serviceUrl differs from the claim": {func(act map[string]any) { act["serviceUrl"] = "https://smba.example/other/" }, http.StatusUnauthorized},
		"another channel":                   {func(act map[string]any) { act["channelId"] = "webchat" }, http.StatusUnauthorized},
		"another tenant": {func(act map[string]any) {
			act["conversation"] = map[string]any{"id": "a:x", "conversationType": "personal", "tenantId": "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee"}
			act["channelData"] = nil
		}, http.StatusForbidden},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			act := h.activity(spocAccount, personal("a:dm-"+name), "status")
			token := sign(t, h.key, jwt.SigningMethodRS256, h.claims(h.fake.serviceURL()))
			tc.edit(act)
			if w := h.post(act, token); w.Code != tc.want {
				t.Fatalf("status %d, want %d", w.Code, tc.want)
			}
			if _, err := h.db.TeamsServiceURL(context.Background(), tenantID, "a:dm-"+name); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("service URL saved (err %v)", err)
			}
			if n := h.pending(); n != 0 {
				t.Errorf("%d messages queued", n)
			}
		})
	}
}

func TestTeams_TokenWithinTheSkewAndRS512AreAccepted(t *testing.T) {
	h := newHarness(t)
	c := h.claims(h.fake.serviceURL())
	c["exp"] = h.clock.Now().Add(-4 * time.Minute).Unix() // expired, but within 5 minutes of skew
	act := h.activity(spocAccount, personal("a:dm-skew"), "help")
	if w := h.post(act, sign(t, h.key, jwt.SigningMethodRS512, c)); w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", w.Code)
	}
	if n := h.pending(); n == 0 {
		t.Error("help was not answered")
	}
}

func TestTeams_UnknownKidFetchesTheKeysAgain(t *testing.T) {
	h := newHarness(t)
	h.send(h.activity(spocAccount, personal("a:dm-1"), "help"))
	fetches, _ := h.fake.counts()
	h.send(h.activity(spocAccount, personal("a:dm-1"), "help"))
	if again, _ := h.fake.counts(); again != fetches {
		t.Fatalf("keys fetched again for a known kid (%d → %d)", fetches, again)
	}
	rotated := h.fake.addKey("key-2", "msteams")
	act := h.activity(spocAccount, personal("a:dm-1"), "help")
	// Right after a fetch an unknown kid is refused without fetching again
	// (a stream of forged kids cannot hammer the key endpoint)…
	if w := h.post(act, sign(t, rotated, jwt.SigningMethodRS256, h.claims(h.fake.serviceURL()))); w.Code != http.StatusUnauthorized {
		t.Fatalf("new kid within the refresh interval: status %d, want 401", w.Code)
	}
	if again, _ := h.fake.counts(); again != fetches {
		t.Fatalf("keys fetched within the refresh interval (%d → %d)", fetches, again)
	}
	// …and a minute later the key set is fetched for it.
	h.clock.Advance(time.Minute)
	if w := h.post(act, sign(t, rotated, jwt.SigningMethodRS256, h.claims(h.fake.serviceURL()))); w.Code != http.StatusOK {
		t.Fatalf("token of a rotated-in key: status %d, want 200", w.Code)
	}
	if again, _ := h.fake.counts(); again != fetches+1 {
		t.Errorf("key fetches %d → %d, want one more for the new kid", fetches, again)
	}
}
