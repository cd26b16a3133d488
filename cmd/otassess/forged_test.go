package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// forgery is one hostile request and what it tampers with.
type forgery struct {
	name string
	req  func() *http.Request
}

// slackForgeries are Slack requests that are not Slack's: no signature,
// another secret, a stale or future timestamp, a body changed after
// signing, a signature of another scheme.
func slackForgeries(addr, secret string) []forgery {
	form := url.Values{"command": {"/otassess"}, "text": {"new Forged spoc:<@U1> lead:<@U2>"}, "team_id": {"T1"},
		"channel_id": {"C9"}, "user_id": {"U2"}, "trigger_id": {"forged"}}.Encode()
	sign := func(key, ts, body string) string {
		mac := hmac.New(sha256.New, []byte(key))
		fmt.Fprintf(mac, "v0:%s:%s", ts, body)
		return "v0=" + hex.EncodeToString(mac.Sum(nil))
	}
	now := strconv.FormatInt(time.Now().Unix(), 10)
	old := strconv.FormatInt(time.Now().Add(-10*time.Minute).Unix(), 10)
	future := strconv.FormatInt(time.Now().Add(10*time.Minute).Unix(), 10)
	mk := func(path, ts, sig, body string) func() *http.Request {
		return func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if ts != "" {
				r.Header.Set("X-Slack-Request-Timestamp", ts)
			}
			if sig != "" {
				r.Header.Set("X-Slack-Signature", sig)
			}
			return r
		}
	}
	var out []forgery
	for _, path := range []string{"/slack/commands", "/slack/interactions", "/slack/events"} {
		out = append(out,
			forgery{path + " unsigned", mk(path, "", "", form)},
			forgery{path + " other secret", mk(path, now, sign("not-the-secret", now, form), form)},
			forgery{path + " stale", mk(path, old, sign(secret, old, form), form)},
			forgery{path + " future", mk(path, future, sign(secret, future, form), form)},
			forgery{path + " tampered body", mk(path, now, sign(secret, now, form), form+"&x=1")},
			forgery{path + " v1 scheme", mk(path, now, strings.Replace(sign(secret, now, form), "v0=", "v1=", 1), form)},
			forgery{path + " timestamp swapped", mk(path, old, sign(secret, now, form), form)},
		)
	}
	return out
}

// teamsForgeries are activities without a valid Bot Framework token: none,
// signed by another key, for another app, expired, alg none, HS256 with
// the public key's bytes, a different serviceUrl than the activity's.
func teamsForgeries(addr, serviceURL string, key *rsa.PrivateKey) []forgery {
	act, _ := json.Marshal(map[string]any{"type": "message", "id": "forged-1", "channelId": "msteams", "serviceUrl": serviceURL,
		"from": map[string]string{"id": "29:x", "aadObjectId": "x"}, "conversation": map[string]string{"id": "a:dm", "conversationType": "personal"},
		"text": "2 forged answer"})
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	claims := func(aud, svc string, exp time.Time) jwt.MapClaims {
		return jwt.MapClaims{"iss": "https://api.botframework.com", "aud": aud, "serviceurl": svc,
			"nbf": time.Now().Add(-time.Minute).Unix(), "exp": exp.Unix()}
	}
	rs := func(k *rsa.PrivateKey, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		tok.Header["kid"] = "k1"
		s, _ := tok.SignedString(k)
		return s
	}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims(e2eTeamsApp, serviceURL, time.Now().Add(time.Hour))).SignedString(jwt.UnsafeAllowNoneSignatureType)
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(e2eTeamsApp, serviceURL, time.Now().Add(time.Hour)))
	hs.Header["kid"] = "k1"
	hsSigned, _ := hs.SignedString(key.N.Bytes())
	mk := func(token string) func() *http.Request {
		return func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/teams/messages", bytes.NewReader(act))
			r.Header.Set("Content-Type", "application/json")
			if token != "" {
				r.Header.Set("Authorization", "Bearer "+token)
			}
			return r
		}
	}
	return []forgery{
		{"teams no token", mk("")},
		{"teams other key", mk(rs(other, claims(e2eTeamsApp, serviceURL, time.Now().Add(time.Hour))))},
		{"teams other app", mk(rs(key, claims("99999999-2222-3333-4444-555555555555", serviceURL, time.Now().Add(time.Hour))))},
		{"teams expired", mk(rs(key, claims(e2eTeamsApp, serviceURL, time.Now().Add(-time.Hour))))},
		{"teams alg none", mk(none)},
		{"teams HS256 with the public key", mk(hsSigned)},
		{"teams other serviceUrl", mk(rs(key, claims(e2eTeamsApp, "https://evil.example/", time.Now().Add(time.Hour))))},
		{"teams garbage", mk("not.a.token")},
	}
}

// Every forged Slack and Teams request to a running serve is refused with
// 401 and changes nothing.
func TestE2E_ForgedRequestsAreRefusedAndChangeNothing(t *testing.T) {
	const secret = "forge-signing-secret"
	stub := newTeamsStub(t)
	db := filepath.Join(t.TempDir(), "f.db")
	addr := freeAddr(t)
	p := spawnServe(t, []string{"OTASSESS_DB=" + db, "OTASSESS_HTTP_ADDR=" + addr,
		"SLACK_BOT_TOKEN=xoxb-forge", "SLACK_SIGNING_SECRET=" + secret, "OTASSESS_SLACK_API_URL=" + stub.srv.URL + "/slack",
		"TEAMS_APP_ID=" + e2eTeamsApp, "TEAMS_APP_PASSWORD=" + e2eTeamsSecret, "TEAMS_TENANT_ID=" + e2eTeamsTenant,
		"OTASSESS_TEAMS_LOGIN_URL=" + stub.srv.URL + "/login", "OTASSESS_TEAMS_OPENID_URL=" + stub.srv.URL + "/openid"})
	p.ready(t, addr)
	all := append(slackForgeries(addr, secret), teamsForgeries(addr, stub.srv.URL+"/svc/", stub.key)...)
	refused := 0
	for _, f := range all {
		resp, err := http.DefaultClient.Do(f.req())
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			refused++
		} else {
			t.Errorf("%s: status %d, want 401", f.name, resp.StatusCode)
		}
	}
	t.Logf("forged requests refused: %d of %d", refused, len(all))
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.done
	out, _, code := run(t, "", "engagement", "list", "--db", db, "--format", "json")
	if code != 0 || strings.Contains(out, "Forged") {
		t.Errorf("after the forgeries: exit %d, engagements %s", code, out)
	}
}
