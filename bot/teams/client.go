package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// httpError is a refused call, described safely for logs: the operation,
// the HTTP status and the error code, never the request or response body.
type httpError struct {
	op         string
	status     int
	code       string
	retryAfter time.Duration // from Retry-After, 0 when absent
}

func (e *httpError) Error() string {
	s := fmt.Sprintf("teams: %s: HTTP %d", e.op, e.status)
	if e.code != "" {
		s += " (" + e.code + ")"
	}
	return s
}

// statusOf is the HTTP status of a refused call, 0 for other errors.
func statusOf(err error) int {
	if he, ok := errors.AsType[*httpError](err); ok {
		return he.status
	}
	return 0
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// connector calls the Bot Connector REST API of a serviceUrl with the
// bot's token.
type connector struct {
	tokens *tokens
	client *http.Client
}

// conversationsURL is {serviceUrl}/v3/conversations[/{id}/activities[/{activity}]].
func conversationsURL(serviceURL string, parts ...string) string {
	u := strings.TrimRight(serviceURL, "/") + "/v3/conversations"
	for _, p := range parts {
		u += "/" + url.PathEscape(p)
	}
	return u
}

// resourceResponse is the Bot Connector's answer to a send or create.
type resourceResponse struct {
	ID string `json:"id"`
}

// call sends body as JSON and decodes a 2xx answer into out (when not
// nil). A 401 drops the cached token so the next call gets a fresh one.
func (c *connector) call(ctx context.Context, op, method, url string, body, out any) error {
	tok, err := c.tokens.get(ctx)
	if err != nil {
		return err
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("teams: %s: %w", op, err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return fmt.Errorf("teams: %s: %w", op, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return fmt.Errorf("teams: %s: %w", op, hostOnly(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		if resp.StatusCode == http.StatusUnauthorized {
			c.tokens.forget(tok)
		}
		var e struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&e)
		return &httpError{op: op, status: resp.StatusCode, code: e.Error.Code, retryAfter: retryAfter(resp.Header)}
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(out); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("teams: %s: answer: %w", op, err)
	}
	return nil
}

// hostOnly keeps a transport error's operation and host, not its full URL.
func hostOnly(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	host := ""
	if u, perr := url.Parse(ue.URL); perr == nil {
		host = u.Host
	}
	return fmt.Errorf("%s %s: %w", ue.Op, host, ue.Err)
}

// send posts an activity to a conversation and returns its id.
func (c *connector) send(ctx context.Context, serviceURL, conversation string, a *activity) (string, error) {
	var r resourceResponse
	err := c.call(ctx, "send to conversation", http.MethodPost, conversationsURL(serviceURL, conversation, "activities"), a, &r)
	return r.ID, err
}

// update replaces an activity the bot sent (a pressed question card).
func (c *connector) update(ctx context.Context, serviceURL, conversation, id string, a *activity) error {
	a.ID = id
	return c.call(ctx, "update activity", http.MethodPut, conversationsURL(serviceURL, conversation, "activities", id), a, nil)
}

// remove deletes an activity the bot sent (an answered consent card).
func (c *connector) remove(ctx context.Context, serviceURL, conversation, id string) error {
	return c.call(ctx, "delete activity", http.MethodDelete, conversationsURL(serviceURL, conversation, "activities", id), nil, nil)
}

// createConversation opens (or finds) the 1:1 conversation of the bot
// with a user of the tenant, and returns its id.
func (c *connector) createConversation(ctx context.Context, serviceURL, botID, user, tenant string) (string, error) {
	body := map[string]any{
		"bot": account{ID: botID}, "members": []account{{ID: user}}, "isGroup": false, "tenantId": tenant,
		"channelData": map[string]any{"tenant": map[string]string{"id": tenant}},
	}
	var r resourceResponse
	if err := c.call(ctx, "create conversation", http.MethodPost, conversationsURL(serviceURL), body, &r); err != nil {
		return "", err
	}
	if r.ID == "" {
		return "", errors.New("teams: create conversation: no conversation id in the answer")
	}
	return r.ID, nil
}

// member looks up one member of a conversation (for a mentioned user's
// Entra object id).
func (c *connector) member(ctx context.Context, serviceURL, conversation, user string) (account, error) {
	var a account
	u := conversationsURL(serviceURL, conversation, "members", user)
	err := c.call(ctx, "get member", http.MethodGet, u, nil, &a)
	return a, err
}
