package discord

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCommandText_ReadsOptionsIntoTheEngineCommand(t *testing.T) {
	tests := []struct {
		name    string
		sub     string
		opts    []map[string]any
		want    string
		wantErr *text
	}{
		{"new with everything", "new", []map[string]any{
			opt("name", 3, "Plant A"), opt("spoc", 6, "123"), opt("lead", 6, "456"),
			opt("assessors", 3, "<@789>, <@!790> 791"), opt("lang", 3, "en"), opt("tz", 3, "Asia/Bangkok")},
			"new Plant A spoc:<@123> lead:<@456> assessor:<@789> assessor:<@790> assessor:<@791> lang:en tz:Asia/Bangkok", nil},
		{"new minimal", "new", []map[string]any{opt("name", 3, "  Plant-A "), opt("spoc", 6, "123"), opt("lead", 6, "456")},
			"new Plant-A spoc:<@123> lead:<@456>", nil},
		{"a name cannot smuggle an option", "new", []map[string]any{opt("name", 3, "X spoc:<@666>"), opt("spoc", 6, "1"), opt("lead", 6, "2")}, "", &textNameColon},
		{"a tz cannot smuggle an option", "new", []map[string]any{opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"), opt("tz", 3, "UTC lead:<@666>")}, "", &textBadTZ},
		{"assessors are mentions", "new", []map[string]any{opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"), opt("assessors", 3, "@bob")}, "", &textBadAssessors},
		{"lang", "lang", []map[string]any{opt("lang", 3, "both")}, "lang both", nil},
		{"start", "start", nil, "start", nil},
		{"status", "status", nil, "status", nil},
		{"scores", "scores", nil, "scores", nil},
		{"review", "review", nil, "review", nil},
		{"help", "help", nil, "help", nil},
		{"unknown subcommand", "purge", nil, "", &textBadCommand},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := toInteraction(t, slashPayload("1", lead, tt.sub, tt.opts...))
			got, err := commandText(i.ApplicationCommandData())
			if tt.wantErr != nil {
				oe, ok := err.(*optionError)
				if !ok || oe.msg != *tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr.en)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestLang_MapsDiscordLocales(t *testing.T) {
	for locale, want := range map[string]string{"ja": "ja", "en-US": "en", "en-GB": "en", "fr": "", "": "", "zh-TW": ""} {
		if got := lang(locale); got != want {
			t.Errorf("lang(%q) = %q, want %q", locale, got, want)
		}
	}
}

func TestSplit_CutsAtLineBreaksWithinTheLimit(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		{"aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"日本語の文章です", 4, []string{"日本語の", "文章です"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}}, // each emoji is two UTF-16 units
	}
	for _, tt := range tests {
		got := split(tt.in, tt.max)
		if len(got) != len(tt.want) {
			t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		}
	}
}

func TestRewrite_SendsDiscordRequestsToTheBaseURL(t *testing.T) {
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
		json.NewEncoder(w).Encode(map[string]string{"url": "ws://example.invalid/ws"})
	}))
	defer srv.Close()
	s, err := newSession("t", srv.URL+"/emulator/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Gateway(); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/emulator/api/v9/gateway" {
		t.Errorf("path = %q, want /emulator/api/v9/gateway", gotPath)
	}
	if discordgo.EndpointAPI != "https://discord.com/api/v9/" {
		t.Errorf("the global endpoint was changed to %q", discordgo.EndpointAPI)
	}
	if s.ShouldRetryOnRateLimit {
		t.Error("the session retries 429s itself; the dispatcher must")
	}
	if _, err := newSession("t", "discord.example"); err == nil {
		t.Error("a URL without scheme was accepted")
	}
}
