package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/otassess/otassess/config"
)

func TestDiscordPlatform_ValidatesSettingsByName(t *testing.T) {
	tests := []struct {
		name string
		cfg  config.Config
		want string // "" : not configured, no error
	}{
		{"no token: not configured", config.Config{DiscordAppID: "1"}, ""},
		{"token without app id", config.Config{DiscordBotToken: "x"}, "DISCORD_APP_ID is required"},
		{"app id not numeric", config.Config{DiscordBotToken: "x", DiscordAppID: "my-app"}, "DISCORD_APP_ID must be"},
		{"guild id not numeric", config.Config{DiscordBotToken: "x", DiscordAppID: "1", DiscordGuildID: "g"}, "DISCORD_GUILD_ID must be"},
		{"public key too short", config.Config{DiscordBotToken: "x", DiscordAppID: "1", DiscordPublicKey: "abcd"}, "DISCORD_PUBLIC_KEY must be 64 hexadecimal"},
		{"public key not hex", config.Config{DiscordBotToken: "x", DiscordAppID: "1", DiscordPublicKey: strings.Repeat("zz", 32)}, "DISCORD_PUBLIC_KEY must be 64 hexadecimal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := discordPlatform(context.Background(), wiring{cfg: tt.cfg, mux: http.NewServeMux()})
			if tt.want == "" {
				if r != nil || err != nil {
					t.Errorf("got %v, %v; want not configured", r, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// discordStub is just enough of Discord for the built binary: command
// registration, gateway discovery, a gateway that sends one /otassess new,
// interaction callbacks and channel messages.
type discordStub struct {
	srv      *httptest.Server
	mu       sync.Mutex
	paths    []string
	messages []string
	intents  int // of the gateway Identify; -1 until it arrived
}

func newDiscordStub(t *testing.T) *discordStub {
	s := &discordStub{intents: -1}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/ws") {
			s.gateway(t, w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.paths = append(s.paths, r.Method+" "+r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/messages") {
			s.messages = append(s.messages, string(body))
		}
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/api/v9/gateway":
			fmt.Fprintf(w, `{"url":"ws://%s/ws"}`, s.srv.Listener.Addr())
		case strings.HasSuffix(r.URL.Path, "/commands"):
			w.Write(body)
		case strings.HasSuffix(r.URL.Path, "/callback"):
			w.WriteHeader(http.StatusNoContent)
		default:
			io.WriteString(w, `{"id":"1","channel_id":"2"}`)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *discordStub) gateway(t *testing.T, w http.ResponseWriter, r *http.Request) {
	c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var identify struct {
		D struct{ Intents int } `json:"d"`
	}
	if err := c.ReadJSON(&identify); err != nil {
		return
	}
	s.mu.Lock()
	s.intents = identify.D.Intents
	s.mu.Unlock()
	c.WriteJSON(map[string]any{"op": 0, "t": "READY", "s": 1, "d": map[string]any{
		"v": 9, "session_id": "s", "user": map[string]any{"id": "42", "username": "otassess", "bot": true}}})
	sub := map[string]any{"name": "new", "type": 1, "options": []any{
		map[string]any{"name": "name", "type": 3, "value": "Plant-E2E"},
		map[string]any{"name": "spoc", "type": 6, "value": "202"},
		map[string]any{"name": "lead", "type": 6, "value": "201"},
		map[string]any{"name": "lang", "type": 3, "value": "en"}}}
	c.WriteJSON(map[string]any{"op": 0, "t": "INTERACTION_CREATE", "s": 2, "d": map[string]any{
		"id": "3001", "application_id": "11", "type": 2, "token": "tok", "version": 1, "guild_id": "12",
		"channel_id": "13", "locale": "en-US", "member": map[string]any{"user": map[string]any{"id": "201"}},
		"data": map[string]any{"id": "c", "name": "otassess", "type": 1, "options": []any{sub}}}})
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

func (s *discordStub) saw(prefix string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.paths {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// messageContent is the gateway intent bit of MESSAGE_CONTENT.
const messageContent = 1 << 15

func TestE2E_ServeRunsTheDiscordAdapterThroughTheAPIURL(t *testing.T) {
	stub := newDiscordStub(t)
	cmd := exec.Command(binary, "serve")
	cmd.Env = []string{"HOME=" + t.TempDir(), "OTASSESS_DB=" + filepath.Join(t.TempDir(), "d.db"), "OTASSESS_HTTP_ADDR=127.0.0.1:0",
		"DISCORD_BOT_TOKEN=test-token", "DISCORD_APP_ID=11", "DISCORD_GUILD_ID=12", "OTASSESS_DISCORD_API_URL=" + stub.srv.URL}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !stub.saw("POST /api/v9/interactions/3001/tok/callback") || !stub.saw("POST /api/v9/channels/13/messages") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the adapter did not answer /otassess new; requests %v\nstderr:\n%s", stub.paths, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !stub.saw("PUT /api/v9/applications/11/guilds/12/commands") {
		t.Errorf("/otassess was not registered in the guild: %v", stub.paths)
	}
	stub.mu.Lock()
	var m struct{ Content string }
	json.Unmarshal([]byte(stub.messages[0]), &m)
	stub.mu.Unlock()
	if !strings.Contains(m.Content, `Created engagement "Plant-E2E"`) {
		t.Errorf("channel post = %q", m.Content)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve exited with %v\nstderr:\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "test-token") {
		t.Error("the bot token appears in the logs")
	}
	stub.mu.Lock()
	defer stub.mu.Unlock()
	if stub.intents&messageContent != 0 {
		t.Errorf("Identify intents %b ask for MESSAGE_CONTENT, which is off by default", stub.intents)
	}
}

func TestE2E_DiscordMessageContentSetting(t *testing.T) {
	t.Run("on", func(t *testing.T) {
		stub := newDiscordStub(t)
		cmd := exec.Command(binary, "serve")
		cmd.Env = []string{"HOME=" + t.TempDir(), "OTASSESS_DB=" + filepath.Join(t.TempDir(), "d.db"), "OTASSESS_HTTP_ADDR=127.0.0.1:0",
			"DISCORD_BOT_TOKEN=test-token", "DISCORD_APP_ID=11", "OTASSESS_DISCORD_API_URL=" + stub.srv.URL,
			"OTASSESS_DISCORD_MESSAGE_CONTENT=on"}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Wait()
		defer cmd.Process.Signal(syscall.SIGTERM)
		deadline := time.Now().Add(20 * time.Second)
		for {
			stub.mu.Lock()
			intents := stub.intents
			stub.mu.Unlock()
			if intents >= 0 {
				if intents&messageContent == 0 {
					t.Errorf("Identify intents %b lack MESSAGE_CONTENT although the setting is on", intents)
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("no gateway Identify")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	t.Run("bad value", func(t *testing.T) {
		cmd := exec.Command(binary, "serve")
		cmd.Env = []string{"HOME=" + t.TempDir(), "OTASSESS_DB=" + filepath.Join(t.TempDir(), "d.db"),
			"DISCORD_BOT_TOKEN=test-token", "DISCORD_APP_ID=11", "OTASSESS_DISCORD_MESSAGE_CONTENT=yes"}
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "OTASSESS_DISCORD_MESSAGE_CONTENT must be on or off") {
			t.Errorf("serve with a bad setting: %v\n%s\nwant exit 2 naming the setting", err, out)
		}
	})
}
