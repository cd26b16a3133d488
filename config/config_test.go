package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad_DefaultsWithNothingSet(t *testing.T) {
	c, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "./otassess.db" || c.HTTPAddr != ":8080" || c.ModelConfigured() {
		t.Errorf("defaults = %+v", c)
	}
}

func TestLoad_EnvironmentOverridesFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "otassess.yaml")
	if err := os.WriteFile(file, []byte("db: /from/file.db\nhttp_addr: :9000\nmodel: m1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(file, env(map[string]string{"OTASSESS_DB": "/from/env.db"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "/from/env.db" || c.HTTPAddr != ":9000" || c.Model != "m1" {
		t.Errorf("got DB=%s HTTPAddr=%s Model=%s", c.DB, c.HTTPAddr, c.Model)
	}
}

func TestLoad_ErrorsNameTheSetting(t *testing.T) {
	tests := map[string]map[string]string{
		"OTASSESS_LOG_LEVEL": {"OTASSESS_LOG_LEVEL": "loud"},
		"OTASSESS_LLM":       {"OTASSESS_LLM": "maybe"},
	}
	for name, vars := range tests {
		if _, err := Load("", env(vars)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: err = %v, want it to name %s", vars, err, name)
		}
	}
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("dbb: x\n"), 0o600)
	if _, err := Load(file, env(nil)); err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "dbb") {
		t.Errorf("unknown key: err = %v, want the file and the key named", err)
	}
}

func TestModelConfigured_OffWins(t *testing.T) {
	c, _ := Load("", env(map[string]string{"OTASSESS_MODEL": "gpt-x", "OTASSESS_LLM": "off"}))
	if c.ModelConfigured() {
		t.Error("OTASSESS_LLM=off must disable the model")
	}
}

func TestString_MasksSecrets(t *testing.T) {
	c, _ := Load("", env(map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-value", "OPENAI_API_KEY": "sk-secret"}))
	s := c.String()
	if strings.Contains(s, "secret") || !strings.Contains(s, "SLACK_BOT_TOKEN=(set)") {
		t.Errorf("String() = %s", s)
	}
}

func TestLoad_ModelSettingsAreChecked(t *testing.T) {
	tests := map[string]map[string]string{
		"OPENAI_API_TYPE":            {"OPENAI_API_TYPE": "bedrock"},
		"OPENAI_BASE_URL":            {"OTASSESS_MODEL": "dep", "OPENAI_API_TYPE": "azure"},
		"OTASSESS_MESSAGE_RETENTION": {"OTASSESS_MESSAGE_RETENTION": "a month"},
	}
	for name, vars := range tests {
		if _, err := Load("", env(vars)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: err = %v, want it to name %s", vars, err, name)
		}
	}
	if _, err := Load("", env(map[string]string{"OPENAI_BASE_URL": "localhost:11434"})); err == nil || !strings.Contains(err.Error(), "OPENAI_BASE_URL") {
		t.Errorf("a base URL without a scheme: err = %v", err)
	}
	c, err := Load("", env(map[string]string{"OTASSESS_MODEL": "dep", "OPENAI_API_TYPE": "azure",
		"OPENAI_BASE_URL": "https://res.openai.azure.com/", "OTASSESS_REDACT_WORDS": "Acme, Plant 7 ,"}))
	if err != nil || !c.Azure() || len(c.RedactWordList()) != 2 || c.RedactWordList()[1] != "Plant 7" {
		t.Errorf("azure settings: %+v, %v", c, err)
	}
}

func TestMessageRetention_DaysOrDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "36h": 36 * time.Hour, "": 30 * 24 * time.Hour} {
		c, err := Load("", env(map[string]string{"OTASSESS_MESSAGE_RETENTION": in}))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := c.MessageRetention(); got != want {
			t.Errorf("%q: retention = %v, want %v", in, got, want)
		}
	}
}

func TestDiscordMessageContent_OnOffDefaultOff(t *testing.T) {
	for val, want := range map[string]bool{"": false, "off": false, "on": true, " ON ": true, "Off": false} {
		c, err := Load("", env(map[string]string{"OTASSESS_DISCORD_MESSAGE_CONTENT": val}))
		if err != nil {
			t.Errorf("%q: %v", val, err)
			continue
		}
		if got, err := c.DiscordMessageContent(); err != nil || got != want {
			t.Errorf("%q: DiscordMessageContent() = %v, %v; want %v", val, got, err, want)
		}
	}
}

func TestDiscordMessageContent_AnythingElseIsAStartupError(t *testing.T) {
	for _, val := range []string{"yes", "true", "1", "enabled"} {
		_, err := Load("", env(map[string]string{"OTASSESS_DISCORD_MESSAGE_CONTENT": val}))
		if err == nil || !strings.Contains(err.Error(), "OTASSESS_DISCORD_MESSAGE_CONTENT") || !strings.Contains(err.Error(), val) {
			t.Errorf("%q: err = %v, want it to name the setting and the value", val, err)
		}
	}
	file := filepath.Join(t.TempDir(), "otassess.yaml")
	if err := os.WriteFile(file, []byte("discord_message_content: on\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(file, env(nil))
	if on, _ := c.DiscordMessageContent(); err != nil || !on {
		t.Errorf("from the file: on = %v, err = %v", on, err)
	}
}

func TestLoad_AnErrorInTheFileNamesItsKeyAndTheFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "otassess.yaml")
	if err := os.WriteFile(file, []byte("log_level: loud\nmessage_retention: 30d\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(file, env(nil))
	if err == nil || !strings.Contains(err.Error(), "OTASSESS_LOG_LEVEL") || !strings.Contains(err.Error(), "log_level in "+file) {
		t.Errorf("err = %v, want the setting, its key and the file named", err)
	}
	_, err = Load(file, env(map[string]string{"OTASSESS_LOG_LEVEL": "shout"}))
	if err == nil || !strings.Contains(err.Error(), `"shout"`) || strings.Contains(err.Error(), file) {
		t.Errorf("a bad value from the environment: err = %v, want the variable named, not the file", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(empty, env(nil)); err != nil {
		t.Errorf("an empty file: %v", err)
	}
}

func TestTranslateWindow_DefaultZeroOrDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 2 * time.Minute, "0": 0, "90s": 90 * time.Second, " 5m ": 5 * time.Minute} {
		c, err := Load("", env(map[string]string{"OTASSESS_TRANSLATE_WINDOW": in}))
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got, err := c.TranslateWindow(); err != nil || got != want {
			t.Errorf("%q: TranslateWindow() = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestTranslateWindow_BadValueNamesTheSetting(t *testing.T) {
	for _, val := range []string{"two minutes", "-1m", "2", "3h"} {
		_, err := Load("", env(map[string]string{"OTASSESS_TRANSLATE_WINDOW": val}))
		if err == nil || !strings.Contains(err.Error(), "OTASSESS_TRANSLATE_WINDOW") || !strings.Contains(err.Error(), val) {
			t.Errorf("%q: err = %v, want it to name the setting and the value", val, err)
		}
	}
	file := filepath.Join(t.TempDir(), "otassess.yaml")
	if err := os.WriteFile(file, []byte("translate_window: soon\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(file, env(nil)); err == nil || !strings.Contains(err.Error(), "translate_window") {
		t.Errorf("from the file: err = %v, want the file's key named", err)
	}
}

func TestMaxEvidence_DefaultMiBOrRefused(t *testing.T) {
	for in, want := range map[string]int{"": 10 << 20, "25": 25 << 20, " 1 ": 1 << 20} {
		if got, err := (Config{EvidenceMiB: in}).MaxEvidence(); err != nil || got != want {
			t.Errorf("%q: MaxEvidence() = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "101", "10MB", "-3"} {
		if _, err := (Config{EvidenceMiB: in}).MaxEvidence(); err == nil || !strings.Contains(err.Error(), "OTASSESS_MAX_EVIDENCE") {
			t.Errorf("%q: err = %v, want a refusal naming the setting", in, err)
		}
	}
}

func TestLoad_RefusesInvalidUTF8NamingTheSetting(t *testing.T) {
	_, err := Load("", env(map[string]string{"OTASSESS_REDACT_WORDS": "Acme,\xbc"}))
	if err == nil || !strings.Contains(err.Error(), "OTASSESS_REDACT_WORDS") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("environment: err = %v, want OTASSESS_REDACT_WORDS named as not UTF-8", err)
	}
	file := filepath.Join(t.TempDir(), "otassess.yaml")
	os.WriteFile(file, []byte("db: ok.db\nredact_words: \"Pl\xbcant\"\n"), 0o600)
	_, err = Load(file, env(nil))
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("file: err = %v, want the file, line 2 and UTF-8 named", err)
	}
}

func TestLogFormat_TextOrJSONNamedWhenWrong(t *testing.T) {
	c, err := Load("", env(map[string]string{"OTASSESS_LOG_FORMAT": "JSON"}))
	if err != nil || !c.JSONLogs() {
		t.Errorf("OTASSESS_LOG_FORMAT=JSON: %v, json %v", err, c.JSONLogs())
	}
	if c, _ := Load("", env(nil)); c.JSONLogs() {
		t.Error("logs are JSON by default; want text")
	}
	if _, err := Load("", env(map[string]string{"OTASSESS_LOG_FORMAT": "xml"})); err == nil || !strings.Contains(err.Error(), "OTASSESS_LOG_FORMAT") {
		t.Errorf("xml: err = %v, want OTASSESS_LOG_FORMAT named", err)
	}
}

func TestPublicModelWithoutKey(t *testing.T) {
	tests := []struct {
		vars map[string]string
		host string
	}{
		{map[string]string{"OTASSESS_MODEL": "m"}, "api.openai.com"},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "https://llm.example.com/v1"}, "llm.example.com"},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_API_KEY": "sk-x"}, ""},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"}, ""},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "http://10.1.2.3:8000/v1"}, ""},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "http://ollama:11434/v1"}, ""},
		{map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "http://llm.plant.local/v1"}, ""},
		{map[string]string{"OTASSESS_MODEL": "m", "OTASSESS_LLM": "off"}, ""},
		{map[string]string{}, ""},
	}
	for _, tc := range tests {
		c, err := Load("", env(tc.vars))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.PublicModelWithoutKey(); got != tc.host {
			t.Errorf("%v: PublicModelWithoutKey = %q, want %q", tc.vars, got, tc.host)
		}
	}
}

func TestModelLimits_DefaultsAndNamedErrors(t *testing.T) {
	c, err := Load("", env(map[string]string{"OTASSESS_MODEL_CONCURRENCY": "4", "OTASSESS_MODEL_INTERACTIVE_TIMEOUT": "20s"}))
	if err != nil {
		t.Fatal(err)
	}
	if l, err := c.ModelLimits(); err != nil || l.Concurrency != 4 || l.Interactive != 20*time.Second || l.Batch != 0 {
		t.Errorf("limits = %+v, %v", l, err)
	}
	for name, val := range map[string]string{"OTASSESS_MODEL_CONCURRENCY": "0", "OTASSESS_MODEL_TIMEOUT": "forever",
		"OTASSESS_MODEL_INTERACTIVE_TIMEOUT": "-1s"} {
		if _, err := Load("", env(map[string]string{name: val})); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: err = %v, want it named", name, val, err)
		}
	}
}
