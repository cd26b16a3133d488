package teams

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Bot Framework token rules (Bot Connector authentication, channel to bot).
const (
	tokenIssuer   = "https://api.botframework.com"
	clockSkew     = 5 * time.Minute
	keysTTL       = 24 * time.Hour
	channelTeams  = "msteams"
	maxKeysBody   = 1 << 20
	keysFetchWait = 10 * time.Second
)

// errUnauthorized marks every reason a request is refused with 401.
var errUnauthorized = errors.New("teams: unauthorized")

// claims are the token's claims: the registered ones and serviceurl, the
// Bot Connector base the activity must name.
type claims struct {
	jwt.RegisteredClaims
	ServiceURL string `json:"serviceurl"`
}

// key is one JWKS key with the channels that endorse it.
type key struct {
	pub          *rsa.PublicKey
	endorsements []string
}

// verifier checks Bot Framework bearer tokens against the keys published
// through the OpenID metadata document. Keys are cached for a day and
// fetched again when a token names a kid the cache lacks (at most once
// per minRefresh, so forged kids cannot make us hammer the key endpoint).
type verifier struct {
	appID      string
	openIDURL  string
	client     *http.Client
	now        func() time.Time
	minRefresh time.Duration

	mu      sync.Mutex
	keys    map[string]key
	fetched time.Time
}

// verify checks a bearer token and returns its serviceurl claim; any
// failure wraps errUnauthorized.
func (v *verifier) verify(ctx context.Context, header string) (string, error) {
	raw, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || raw == "" {
		return "", fmt.Errorf("%w: no bearer token", errUnauthorized)
	}
	var c claims
	p := jwt.NewParser(jwt.WithValidMethods([]string{"RS256", "RS384", "RS512"}), jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(v.appID), jwt.WithLeeway(clockSkew), jwt.WithExpirationRequired(), jwt.WithTimeFunc(v.now))
	_, err := p.ParseWithClaims(raw, &c, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		k, err := v.key(ctx, kid)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(k.endorsements, channelTeams) {
			return nil, fmt.Errorf("key %q is not endorsed for %s", kid, channelTeams)
		}
		return k.pub, nil
	})
	if err != nil {
		return "", fmt.Errorf("%w: %w", errUnauthorized, err)
	}
	if c.ServiceURL == "" {
		return "", fmt.Errorf("%w: token has no serviceurl claim", errUnauthorized)
	}
	return c.ServiceURL, nil
}

// key returns the key with that kid, fetching the key set when it is
// stale or lacks the kid.
func (v *verifier) key(ctx context.Context, kid string) (key, error) {
	if kid == "" {
		return key{}, errors.New("token has no kid")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	k, ok := v.keys[kid]
	age := v.now().Sub(v.fetched)
	if ok && age < keysTTL {
		return k, nil
	}
	if v.keys != nil && !ok && age < v.minRefresh {
		return key{}, fmt.Errorf("unknown key %q", kid)
	}
	keys, err := v.fetch(ctx)
	if err != nil {
		if ok { // keep using a known key while the endpoint is down
			return k, nil
		}
		return key{}, err
	}
	v.keys, v.fetched = keys, v.now()
	if k, ok = keys[kid]; !ok {
		return key{}, fmt.Errorf("unknown key %q", kid)
	}
	return k, nil
}

// fetch reads the OpenID metadata, then its jwks_uri.
func (v *verifier) fetch(ctx context.Context) (map[string]key, error) {
	ctx, cancel := context.WithTimeout(ctx, keysFetchWait)
	defer cancel()
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := getJSON(ctx, v.client, v.openIDURL, &meta); err != nil {
		return nil, fmt.Errorf("teams: OpenID metadata: %w", err)
	}
	if meta.JWKSURI == "" {
		return nil, errors.New("teams: OpenID metadata has no jwks_uri")
	}
	var set jwks
	if err := getJSON(ctx, v.client, meta.JWKSURI, &set); err != nil {
		return nil, fmt.Errorf("teams: signing keys: %w", err)
	}
	return set.rsaKeys(), nil
}

// jwks is a JSON Web Key Set as the Bot Framework publishes it, with each
// key's endorsements (the channels that may use it).
type jwks struct {
	Keys []struct {
		Kty          string   `json:"kty"`
		Kid          string   `json:"kid"`
		Use          string   `json:"use"`
		N            string   `json:"n"`
		E            string   `json:"e"`
		Endorsements []string `json:"endorsements"`
	} `json:"keys"`
}

// rsaKeys converts the RSA signing keys; others and malformed ones are skipped.
func (s jwks) rsaKeys() map[string]key {
	out := map[string]key{}
	for _, k := range s.Keys {
		if k.Kty != "RSA" || k.Kid == "" || (k.Use != "" && k.Use != "sig") {
			continue
		}
		n, errN := base64.RawURLEncoding.DecodeString(k.N)
		e, errE := base64.RawURLEncoding.DecodeString(k.E)
		if errN != nil || errE != nil || len(n) < 256 || len(e) == 0 || len(e) > 4 {
			continue
		}
		exp := int(new(big.Int).SetBytes(e).Int64())
		if exp < 3 {
			continue
		}
		out[k.Kid] = key{pub: &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}, endorsements: k.Endorsements}
	}
	return out
}

// getJSON GETs url and decodes a 200 answer of at most maxKeysBody bytes.
func getJSON(ctx context.Context, c *http.Client, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, maxKeysBody)).Decode(v)
}
