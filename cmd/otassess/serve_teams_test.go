package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	e2eTeamsApp    = "11111111-2222-3333-4444-555555555555"
	e2eTeamsTenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	e2eTeamsSecret = "teams-e2e-secretvalue"
)

// teamsStub is Microsoft's side for the built binary: OpenID metadata and
// keys, the token endpoint and a Bot Connector that records posts.
type teamsStub struct {
	srv   *httptest.Server
	key   *rsa.PrivateKey
	mu    sync.Mutex
	posts []string // conversation id + " " + text
}

func newTeamsStub(t *testing.T) *teamsStub {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	s := &teamsStub{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openid", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"jwks_uri": s.srv.URL + "/keys"})
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, _ *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]any{{"kty": "RSA", "kid": "k1", "use": "sig",
			"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()), "e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()),
			"endorsements": []string{"msteams"}}}})
	})
	mux.HandleFunc("POST /login/{tenant}/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("tenant") != e2eTeamsTenant || r.FormValue("client_secret") != e2eTeamsSecret {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": "tok", "expires_in": 3600})
	})
	mux.HandleFunc("POST /svc/v3/conversations/{conv}/activities", func(w http.ResponseWriter, r *http.Request) {
		var a struct{ Text string }
		data, _ := io.ReadAll(r.Body)
		json.Unmarshal(data, &a)
		s.mu.Lock()
		s.posts = append(s.posts, r.PathValue("conv")+" "+a.Text)
		s.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]string{"id": "out-1"})
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *teamsStub) posted(conv, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.posts {
		if strings.HasPrefix(p, conv+" ") && strings.Contains(p, text) {
			return true
		}
	}
	return false
}

func TestE2E_ServeTakesSignedTeamsActivitiesAndPostsThroughTheConnector(t *testing.T) {
	stub := newTeamsStub(t)
	cmd, stderr, addr := startServe(t,
		"TEAMS_APP_ID="+e2eTeamsApp, "TEAMS_APP_PASSWORD="+e2eTeamsSecret, "TEAMS_TENANT_ID="+e2eTeamsTenant,
		"OTASSESS_TEAMS_LOGIN_URL="+stub.srv.URL+"/login", "OTASSESS_TEAMS_OPENID_URL="+stub.srv.URL+"/openid")

	serviceURL := stub.srv.URL + "/svc/"
	act, _ := json.Marshal(map[string]any{"type": "message", "id": "e2e-1", "channelId": "msteams", "serviceUrl": serviceURL,
		"from":         map[string]string{"id": "29:lead", "name": "Lead", "aadObjectId": "lead-oid"},
		"recipient":    map[string]string{"id": "28:" + e2eTeamsApp, "name": "otassess"},
		"conversation": map[string]string{"id": "19:c@thread.tacv2;messageid=e2e-1", "conversationType": "channel", "tenantId": e2eTeamsTenant},
		"text":         "<at>otassess</at> new Plant-E2E spoc:<at>Spoc</at> lead:<at>Lead</at>",
		"entities": []map[string]any{
			{"type": "mention", "text": "<at>otassess</at>", "mentioned": map[string]string{"id": "28:" + e2eTeamsApp}},
			{"type": "mention", "text": "<at>Spoc</at>", "mentioned": map[string]string{"id": "29:spoc", "aadObjectId": "spoc-oid"}},
			{"type": "mention", "text": "<at>Lead</at>", "mentioned": map[string]string{"id": "29:lead", "aadObjectId": "lead-oid"}},
		}})
	post := func(key *rsa.PrivateKey) int {
		now := time.Now()
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"iss": "https://api.botframework.com", "aud": e2eTeamsApp,
			"serviceurl": serviceURL, "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix()})
		tok.Header["kid"] = "k1"
		signed, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/teams/messages", bytes.NewReader(act))
		req.Header.Set("Authorization", "Bearer "+signed)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	forger, _ := rsa.GenerateKey(rand.Reader, 2048)
	if code := post(forger); code != http.StatusUnauthorized {
		t.Errorf("forged activity: status %d, want 401", code)
	}
	if code := post(stub.key); code != http.StatusOK {
		t.Fatalf("signed activity: status %d\nstderr:\n%s", code, stderr.String())
	}
	waitUntil(t, "the created post in the channel", func() bool {
		return stub.posted("19:c@thread.tacv2", "Created engagement &#34;Plant-E2E&#34;")
	}, cmd)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve exited with %v\nstderr:\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), e2eTeamsSecret) {
		t.Error("the Teams app password appears in the logs")
	}
}
