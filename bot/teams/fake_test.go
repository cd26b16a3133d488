package teams_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeKey is a signing key the fake publishes in its JWKS.
type fakeKey struct {
	kid          string
	priv         *rsa.PrivateKey
	endorsements []string
}

// call is one request the fake Bot Connector received.
type call struct {
	Method, Path string // Path is unescaped: /v3/conversations/a:dm/activities
	Conv, ID     string // path values, when the route has them
	Body         map[string]any
	At           time.Time // the test clock when it arrived
	Result       string    // the id the fake answered with
}

// fakeBF is Microsoft's side in one httptest server: the OpenID metadata
// and JWKS (/openid, /keys), the token endpoint (/login/{tenant}/…) and a
// Bot Connector under /svc/ (the serviceUrl of every activity).
type fakeBF struct {
	tb    testing.TB
	srv   *httptest.Server
	now   func() time.Time
	mu    sync.Mutex
	keys  []fakeKey
	calls []call
	seq   int

	keyFetches, tokenRequests int
	tokens                    map[string]string                     // issued access token → its scope
	members                   map[string]string                     // Teams user id → aadObjectId
	fail                      func(c call) (int, http.Header, bool) // inject an answer

	meetings   map[string]fakeMeeting // by Teams meeting id
	graphCalls []graphCall
	graphFail  func(path string) (status int, inner string, inject bool)
	nextBase   string // scheme and host of the transcripts' next links; "" for the fake's own

	pictures    map[string][]byte // pasted pictures the Bot Connector serves, by attachment id
	pictureGets []string          // the bearer token of each picture request
}

func newFakeBF(tb testing.TB, now func() time.Time) *fakeBF {
	tb.Helper()
	f := &fakeBF{tb: tb, now: now, tokens: map[string]string{}, members: map[string]string{}, meetings: map[string]fakeMeeting{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openid", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"issuer": "https://api.botframework.com", "jwks_uri": f.srv.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /keys", f.serveKeys)
	mux.HandleFunc("POST /login/{tenant}/oauth2/v2.0/token", f.serveToken)
	mux.HandleFunc("POST /svc/v3/conversations", f.connector(func(c call) any { return map[string]string{"id": "a:dm-" + memberOf(c)} }))
	mux.HandleFunc("POST /svc/v3/conversations/{conv}/activities", f.connector(func(c call) any { return map[string]string{"id": f.nextID()} }))
	mux.HandleFunc("PUT /svc/v3/conversations/{conv}/activities/{id}", f.connector(func(c call) any { return map[string]string{"id": c.ID} }))
	mux.HandleFunc("DELETE /svc/v3/conversations/{conv}/activities/{id}", f.connector(func(c call) any { return map[string]string{} }))
	mux.HandleFunc("GET /svc/v3/conversations/{conv}/members/{id}", f.connector(func(c call) any {
		f.mu.Lock()
		defer f.mu.Unlock()
		return map[string]string{"id": c.ID, "name": "Member " + c.ID, "aadObjectId": f.members[c.ID]}
	}))
	mux.HandleFunc("GET /svc/v3/attachments/{id}/views/original", f.servePicture)
	f.graphRoutes(mux)
	f.srv = httptest.NewServer(mux)
	tb.Cleanup(f.srv.Close)
	return f
}

func (f *fakeBF) serviceURL() string { return f.srv.URL + "/svc/" }

func (f *fakeBF) nextID() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	return fmt.Sprintf("1700000%06d", f.seq)
}

// addKey generates a 2048-bit key and publishes it with endorsements.
func (f *fakeBF) addKey(kid string, endorsements ...string) fakeKey {
	f.tb.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		f.tb.Fatal(err)
	}
	k := fakeKey{kid: kid, priv: priv, endorsements: endorsements}
	f.mu.Lock()
	f.keys = append(f.keys, k)
	f.mu.Unlock()
	return k
}

func (f *fakeBF) serveKeys(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keyFetches++
	var keys []map[string]any
	for _, k := range f.keys {
		keys = append(keys, map[string]any{"kty": "RSA", "use": "sig", "kid": k.kid,
			"n": base64.RawURLEncoding.EncodeToString(k.priv.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.priv.E)).Bytes()), "endorsements": k.endorsements})
	}
	writeJSON(w, map[string]any{"keys": keys})
}

func (f *fakeBF) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PathValue("tenant") != tenantID || r.Form.Get("grant_type") != "client_credentials" ||
		r.Form.Get("client_id") != appID || r.Form.Get("client_secret") != appPassword ||
		(r.Form.Get("scope") != connectorScope && r.Form.Get("scope") != graphScope) {
		w.WriteHeader(http.StatusUnauthorized)
		writeJSON(w, map[string]string{"error": "invalid_client"})
		return
	}
	f.mu.Lock()
	f.tokenRequests++
	tok := fmt.Sprintf("access-%d", f.tokenRequests)
	f.tokens[tok] = r.Form.Get("scope")
	f.mu.Unlock()
	writeJSON(w, map[string]any{"token_type": "Bearer", "expires_in": 3600, "access_token": tok})
}

// servePicture serves a pasted picture to a request with a connector
// token, as the Bot Connector does, and records the token it was given.
func (f *fakeBF) servePicture(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	f.pictureGets = append(f.pictureGets, tok)
	ok := f.tokens[tok] == connectorScope
	data, found := f.pictures[r.PathValue("id")]
	f.mu.Unlock()
	switch {
	case !ok:
		http.Error(w, "no token", http.StatusUnauthorized)
	case !found:
		http.NotFound(w, r)
	default:
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(data)
	}
}

// connector wraps a Bot Connector route: it checks the bearer token,
// records the call and answers with answer(call) unless fail injects
// another answer.
func (f *fakeBF) connector(answer func(call) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		ok := f.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")] == connectorScope
		f.mu.Unlock()
		if !ok {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		c := call{Method: r.Method, Path: r.URL.Path, Conv: r.PathValue("conv"), ID: r.PathValue("id"), At: f.now()}
		data, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(data, &c.Body)
		f.mu.Lock()
		fail := f.fail
		f.mu.Unlock()
		if fail != nil {
			if status, h, inject := fail(c); inject {
				for k, v := range h {
					w.Header()[k] = v
				}
				w.WriteHeader(status)
				writeJSON(w, map[string]any{"error": map[string]string{"code": "Injected", "message": "injected"}})
				return
			}
		}
		res := answer(c)
		if m, ok := res.(map[string]string); ok {
			c.Result = m["id"]
		}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		f.mu.Unlock()
		writeJSON(w, res)
	}
}

// seen lists the recorded calls with that method whose path starts with prefix.
func (f *fakeBF) seen(method, prefix string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method && strings.HasPrefix(c.Path, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// posts are the activities sent to a conversation, oldest first.
func (f *fakeBF) posts(conv string) []call {
	return f.seen(http.MethodPost, "/svc/v3/conversations/"+conv+"/activities")
}

func (f *fakeBF) counts() (keyFetches, tokenRequests int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.keyFetches, f.tokenRequests
}

func memberOf(c call) string {
	ms, _ := c.Body["members"].([]any)
	if len(ms) == 0 {
		return ""
	}
	m, _ := ms[0].(map[string]any)
	id, _ := m["id"].(string)
	return id
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// cardButtons are the Action.Submit buttons of an activity's Adaptive
// Card, title → data.
func cardButtons(body map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, el := range cardBody(body) {
		el, _ := el.(map[string]any)
		if el["type"] != "ActionSet" {
			continue
		}
		acts, _ := el["actions"].([]any)
		for _, a := range acts {
			a, _ := a.(map[string]any)
			if a["type"] == "Action.Submit" {
				data, _ := a["data"].(map[string]any)
				out[a["title"].(string)] = data
			}
		}
	}
	return out
}

// cardBody is the body of the first Adaptive Card attached to an activity.
func cardBody(body map[string]any) []any {
	atts, _ := body["attachments"].([]any)
	for _, at := range atts {
		at, _ := at.(map[string]any)
		if at["contentType"] != "application/vnd.microsoft.card.adaptive" {
			continue
		}
		content, _ := at["content"].(map[string]any)
		b, _ := content["body"].([]any)
		return b
	}
	return nil
}

// cardText joins the TextBlocks of an activity's card.
func cardText(body map[string]any) string {
	var parts []string
	for _, el := range cardBody(body) {
		if el, _ := el.(map[string]any); el["type"] == "TextBlock" {
			parts = append(parts, el["text"].(string))
		}
	}
	return strings.Join(parts, "\n")
}
