package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// request is one REST call the fake saw.
type request struct {
	Method, Path string
	ContentType  string
	Body         []byte
	At           time.Time // on the test's clock
	Failed       bool      // answered with an error by an override
}

// reply overrides the fake's answer to a request.
type reply struct {
	Status int
	Header map[string]string
	Body   string
}

// fakeDiscord speaks the parts of Discord's REST API and gateway the
// adapter uses. Requests reach it through the session's rewriting
// transport, exactly as with OTASSESS_DISCORD_API_URL.
type fakeDiscord struct {
	t   testing.TB
	srv *httptest.Server
	now func() time.Time

	mu       sync.Mutex
	reqs     []request
	override func(request) *reply // nil result: the normal answer
	msgID    int

	frames   chan []byte         // dispatches for the gateway to send
	identify chan map[string]any // the Identify payload's d
	seq      int
}

func newFakeDiscord(t testing.TB, now func() time.Time) *fakeDiscord {
	f := &fakeDiscord{t: t, now: now, frames: make(chan []byte, 16), identify: make(chan map[string]any, 1)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws/" || r.URL.Path == "/ws" {
		f.gateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	req := request{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body, At: f.now()}
	f.mu.Lock()
	idx := len(f.reqs)
	f.reqs = append(f.reqs, req)
	override := f.override
	f.mu.Unlock()
	if override != nil {
		if rep := override(req); rep != nil {
			if rep.Status >= 300 {
				f.mu.Lock()
				f.reqs[idx].Failed = true
				f.mu.Unlock()
			}
			for k, v := range rep.Header {
				w.Header().Set(k, v)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rep.Status)
			io.WriteString(w, rep.Body)
			return
		}
	}
	f.answer(w, req)
}

// answer is the fake's normal behaviour for each endpoint.
func (f *fakeDiscord) answer(w http.ResponseWriter, req request) {
	w.Header().Set("Content-Type", "application/json")
	p := strings.TrimPrefix(req.Path, "/api/v9")
	switch {
	case p == "/gateway":
		fmt.Fprintf(w, `{"url":"ws://%s/ws"}`, f.srv.Listener.Addr())
	case strings.HasSuffix(p, "/commands"):
		w.Write(req.Body)
	case p == "/users/@me/channels":
		var in struct {
			RecipientID string `json:"recipient_id"`
		}
		json.Unmarshal(req.Body, &in)
		fmt.Fprintf(w, `{"id":"dm-%s","type":1}`, in.RecipientID)
	case req.Method == http.MethodPatch && strings.HasPrefix(p, "/channels/"):
		w.Write(req.Body)
	case strings.HasPrefix(p, "/channels/") && strings.HasSuffix(p, "/messages"):
		f.mu.Lock()
		f.msgID++
		id := f.msgID
		f.mu.Unlock()
		fmt.Fprintf(w, `{"id":"%d","channel_id":"%s"}`, 500+id, strings.Split(p, "/")[2])
	case strings.HasPrefix(p, "/interactions/"):
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/webhooks/"):
		io.WriteString(w, `{"id":"1"}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"404: Not Found","code":0}`)
	}
}

// gateway plays Discord's side of a gateway session: Hello, then it reads
// Identify, sends READY and then whatever the test dispatches.
func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("fake gateway: upgrade: %v", err)
		return
	}
	defer c.Close()
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var id struct {
		Op int            `json:"op"`
		D  map[string]any `json:"d"`
	}
	if err := c.ReadJSON(&id); err != nil || id.Op != 2 {
		f.t.Errorf("fake gateway: want Identify (op 2), got op %d, err %v", id.Op, err)
		return
	}
	f.identify <- id.D
	ready := map[string]any{"v": 9, "session_id": "session-1", "guilds": []any{},
		"user": map[string]any{"id": botUser, "username": "otassess", "bot": true}, "application": map[string]any{"id": appID}}
	f.writeDispatch(c, "READY", ready)
	closed := make(chan struct{})
	go func() { // heartbeats and the close frame
		defer close(closed)
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	}()
	for {
		select {
		case fr := <-f.frames:
			if err := c.WriteMessage(websocket.TextMessage, fr); err != nil {
				return
			}
		case <-closed:
			return
		}
	}
}

func (f *fakeDiscord) writeDispatch(c *websocket.Conn, event string, d any) {
	c.WriteMessage(websocket.TextMessage, f.frame(event, d))
}

func (f *fakeDiscord) frame(event string, d any) []byte {
	f.mu.Lock()
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	b, err := json.Marshal(map[string]any{"op": 0, "t": event, "s": seq, "d": d})
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// dispatch sends a gateway event (INTERACTION_CREATE, MESSAGE_CREATE).
func (f *fakeDiscord) dispatch(event string, d any) { f.frames <- f.frame(event, d) }

func (f *fakeDiscord) setOverride(fn func(request) *reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.override = fn
}

// requests returns the calls whose method and path match (path: a prefix
// after /api/v9, or "" for all).
func (f *fakeDiscord) requests(method, path string) []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []request
	for _, r := range f.reqs {
		if (method == "" || r.Method == method) && strings.HasPrefix(strings.TrimPrefix(r.Path, "/api/v9"), path) {
			out = append(out, r)
		}
	}
	return out
}

// sent is a message or interaction response body as the fake received it.
type sent struct {
	Type       int    `json:"type"` // interaction responses only
	Content    string `json:"content"`
	Flags      int    `json:"flags"`
	Components []struct {
		Components []struct {
			Label    string `json:"label"`
			CustomID string `json:"custom_id"`
		} `json:"components"`
	} `json:"components"`
	Embeds []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"embeds"`
	Data  *sent `json:"data"`
	raw   string
	Files []sentFile // the files of a multipart message, in order
}

// sentFile is one file part of a multipart message.
type sentFile struct {
	Field, Name, ContentType string
	Data                     []byte
}

func decodeSent(t testing.TB, b []byte) sent {
	t.Helper()
	var s sent
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	s.raw = string(b)
	return s
}

// messagesTo returns the messages posted to a channel, in order.
// messagesTo are the messages made in channel: as Discord does, a post
// with enforce_nonce whose nonce was already used makes no new message.
func (f *fakeDiscord) messagesTo(channel string) []sent {
	var out []sent
	seen := map[string]bool{}
	for _, r := range f.requests("POST", "/channels/"+channel+"/messages") {
		var n struct {
			Nonce   string `json:"nonce"`
			Enforce bool   `json:"enforce_nonce"`
		}
		json.Unmarshal(r.Body, &n)
		if n.Enforce && seen[n.Nonce] {
			continue
		}
		seen[n.Nonce] = seen[n.Nonce] || !r.Failed
		out = append(out, decodeMessage(f.t, r))
	}
	return out
}

// callbacks returns the first responses sent for an interaction.
func (f *fakeDiscord) callbacks(id string) []sent {
	var out []sent
	for _, r := range f.requests("POST", "/interactions/"+id+"/") {
		out = append(out, decodeSent(f.t, r.Body))
	}
	return out
}
