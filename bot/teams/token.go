package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Scopes of the bot's tokens: calls to the Bot Connector, and to
// Microsoft Graph (meeting transcripts).
const (
	connectorScope = "https://api.botframework.com/.default"
	graphScope     = "https://graph.microsoft.com/.default"
)

// tokenEarly is how long before its expiry a token is replaced.
const tokenEarly = 5 * time.Minute

// tokens gets and caches the bot's client-credentials token for one scope
// from the single tenant's token endpoint (loginURL/{tenant}/oauth2/v2.0/token).
// It is safe for concurrent use; one request is made at a time.
type tokens struct {
	endpoint string
	appID    string
	secret   string
	scope    string
	client   *http.Client
	now      func() time.Time

	mu    sync.Mutex
	token string
	until time.Time
}

func newTokens(loginURL, tenant, appID, secret, scope string, c *http.Client, now func() time.Time) *tokens {
	ep := strings.TrimRight(loginURL, "/") + "/" + url.PathEscape(tenant) + "/oauth2/v2.0/token"
	return &tokens{endpoint: ep, appID: appID, secret: secret, scope: scope, client: c, now: now}
}

// get returns a token valid for at least tokenEarly more.
func (t *tokens) get(ctx context.Context) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token != "" && t.now().Before(t.until) {
		return t.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {t.appID},
		"client_secret": {t.secret}, "scope": {t.scope}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("teams: token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := t.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("teams: token: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"` // an OAuth error code, safe to log (no description: it may echo input)
	}
	_ = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body)
	if resp.StatusCode != http.StatusOK || body.AccessToken == "" {
		return "", &httpError{op: "token", status: resp.StatusCode, code: body.Error, retryAfter: retryAfter(resp.Header)}
	}
	life := time.Duration(body.ExpiresIn) * time.Second
	t.token, t.until = body.AccessToken, t.now().Add(max(life-tokenEarly, life/2))
	return t.token, nil
}

// forget drops a token the Bot Connector refused, so the next call gets a new one.
func (t *tokens) forget(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token == token {
		t.token = ""
	}
}
