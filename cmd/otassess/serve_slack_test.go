package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/otassess/otassess/config"
)

func TestSlackSettings_NamesTheMissingOrWrongSettingNeverTheValue(t *testing.T) {
	const bot, app, sec = "xoxb-1-2-secretvalue", "xapp-1-A-secretvalue", "signing-secretvalue"
	tests := []struct {
		name      string
		cfg       config.Config
		ok        bool
		wantErr   string // a setting the error must name; "" for none
		socketish bool
	}{
		{name: "nothing set is not configured", cfg: config.Config{}},
		{name: "socket mode", cfg: config.Config{SlackBotToken: bot, SlackAppToken: app}, ok: true, socketish: true},
		{name: "http mode", cfg: config.Config{SlackBotToken: bot, SlackSigningSecret: sec}, ok: true},
		{name: "app token without bot token", cfg: config.Config{SlackAppToken: app}, wantErr: "SLACK_BOT_TOKEN"},
		{name: "secret without bot token", cfg: config.Config{SlackSigningSecret: sec}, wantErr: "SLACK_BOT_TOKEN"},
		{name: "bot token alone", cfg: config.Config{SlackBotToken: bot}, wantErr: "SLACK_SIGNING_SECRET"},
		{name: "user token as bot token", cfg: config.Config{SlackBotToken: "xoxp-secretvalue", SlackAppToken: app}, wantErr: "SLACK_BOT_TOKEN"},
		{name: "bot token as app token", cfg: config.Config{SlackBotToken: bot, SlackAppToken: bot}, wantErr: "SLACK_APP_TOKEN"},
		{name: "bad api url", cfg: config.Config{SlackBotToken: bot, SlackAppToken: app, SlackAPIURL: "slack.com/api"}, wantErr: "OTASSESS_SLACK_API_URL"},
		{name: "gov api url", cfg: config.Config{SlackBotToken: bot, SlackAppToken: app, SlackAPIURL: "https://slack-gov.com/api"}, ok: true, socketish: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok, err := slackSettings(tt.cfg)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("error %v", err)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "secretvalue") {
					t.Fatalf("error prints a secret: %v", err)
				}
			}
			if ok != tt.ok {
				t.Fatalf("configured = %v, want %v", ok, tt.ok)
			}
			if ok && (s.AppToken != "") != tt.socketish {
				t.Fatalf("socket mode = %v, want %v", s.AppToken != "", tt.socketish)
			}
		})
	}
}

// slackStub is just enough of the Slack Web API for the built binary in
// HTTP mode: users.info and chat.postMessage.
type slackStub struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []url.Values
}

func newSlackStub(t *testing.T) *slackStub {
	s := &slackStub{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/users.info":
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"locale":"en-US"}}`, r.PostForm.Get("user"))
		case "/api/chat.postMessage":
			s.mu.Lock()
			s.posts = append(s.posts, r.PostForm)
			s.mu.Unlock()
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000001"}`, r.PostForm.Get("channel"))
		default:
			fmt.Fprint(w, `{"ok":false,"error":"unknown_method"}`)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *slackStub) posted(channel, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.posts {
		if p.Get("channel") == channel && strings.Contains(p.Get("text"), text) {
			return true
		}
	}
	return false
}

func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestE2E_ServeTakesSignedSlackCommandsAndPostsThroughTheAPIURL(t *testing.T) {
	const botToken, secret = "xoxb-e2e-token", "e2e-signing-secret"
	stub := newSlackStub(t)
	cmd, stderr, addr := startServe(t,
		"SLACK_BOT_TOKEN="+botToken, "SLACK_SIGNING_SECRET="+secret, "OTASSESS_SLACK_API_URL="+stub.srv.URL+"/api")
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("serve exited with %v\nstderr:\n%s", err, stderr.String())
		}
	}

	form := url.Values{"command": {"/otassess"}, "text": {"new Plant-E2E spoc:<@USPOC|spoc> lead:<@ULEAD|lead>"},
		"team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"ULEAD"}, "trigger_id": {"trig.1"}}.Encode()
	post := func(key string) int {
		req := slackRequest("http://"+addr+"/slack/commands", key, form)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("forged"); code != http.StatusUnauthorized {
		t.Errorf("forged command: status %d, want 401", code)
	}
	if code := post(secret); code != http.StatusOK {
		t.Fatalf("signed command: status %d\nstderr:\n%s", code, stderr.String())
	}
	waitUntil(t, "the created post in C1", func() bool { return stub.posted("C1", `Created engagement "Plant-E2E"`) }, cmd)
	stop()
	if logs := stderr.String(); strings.Contains(logs, botToken) || strings.Contains(logs, secret) {
		t.Error("a Slack secret appears in the logs")
	}
}

// startServe runs the built binary's serve with a fresh home and database
// on a free address, plus the platform settings env, and waits until
// /healthz answers. stderr collects its logs.
func startServe(t *testing.T, env ...string) (cmd *exec.Cmd, stderr *strings.Builder, addr string) {
	t.Helper()
	addr = freeAddr(t)
	cmd = exec.Command(binary, "serve")
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "OTASSESS_DB=" + filepath.Join(t.TempDir(), "serve.db"), "OTASSESS_HTTP_ADDR=" + addr}, env...)
	stderr = &strings.Builder{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "serve to listen", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	}, cmd)
	return cmd, stderr, addr
}

func waitUntil(t *testing.T, what string, cond func() bool, cmd *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
