// Package config reads otassess's settings from the environment and an
// optional YAML file, validates them at start and names the setting in every
// error. Precedence is flag > environment > file; flags are applied by cmd.
// A Config never prints a secret: String masks them.
package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
	"go.yaml.in/yaml/v3"
)

// Config is every setting, by the environment variable that sets it.
type Config struct {
	DB       string `env:"OTASSESS_DB" yaml:"db"`
	HTTPAddr string `env:"OTASSESS_HTTP_ADDR" yaml:"http_addr"`
	PacksDir string `env:"OTASSESS_PACKS" yaml:"packs_dir"`
	LogLevel string `env:"OTASSESS_LOG_LEVEL" yaml:"log_level"`
	// LogFormat is text (the default) or json, one object a line.
	LogFormat string `env:"OTASSESS_LOG_FORMAT" yaml:"log_format"`
	Creators  string `env:"OTASSESS_CREATORS" yaml:"creators"`
	Retention string `env:"OTASSESS_MESSAGE_RETENTION" yaml:"message_retention"`

	SlackBotToken      string `env:"SLACK_BOT_TOKEN" yaml:"slack_bot_token" secret:"true"`
	SlackAppToken      string `env:"SLACK_APP_TOKEN" yaml:"slack_app_token" secret:"true"`
	SlackSigningSecret string `env:"SLACK_SIGNING_SECRET" yaml:"slack_signing_secret" secret:"true"`
	SlackAPIURL        string `env:"OTASSESS_SLACK_API_URL" yaml:"slack_api_url"`

	DiscordBotToken  string `env:"DISCORD_BOT_TOKEN" yaml:"discord_bot_token" secret:"true"`
	DiscordAppID     string `env:"DISCORD_APP_ID" yaml:"discord_app_id"`
	DiscordGuildID   string `env:"DISCORD_GUILD_ID" yaml:"discord_guild_id"`
	DiscordPublicKey string `env:"DISCORD_PUBLIC_KEY" yaml:"discord_public_key"`
	DiscordAPIURL    string `env:"OTASSESS_DISCORD_API_URL" yaml:"discord_api_url"`
	// DiscordContent opts in to Discord's privileged MESSAGE_CONTENT
	// intent (on or off, default off): guild channel messages are then
	// stored for summaries. See DiscordMessageContent.
	DiscordContent string `env:"OTASSESS_DISCORD_MESSAGE_CONTENT" yaml:"discord_message_content"`

	// Microsoft Teams (a single-tenant Azure Bot); see TeamsConfigured.
	TeamsAppID       string `env:"TEAMS_APP_ID" yaml:"teams_app_id"`
	TeamsAppPassword string `env:"TEAMS_APP_PASSWORD" yaml:"teams_app_password" secret:"true"`
	TeamsTenantID    string `env:"TEAMS_TENANT_ID" yaml:"teams_tenant_id"`
	TeamsLoginURL    string `env:"OTASSESS_TEAMS_LOGIN_URL" yaml:"teams_login_url"`
	TeamsOpenIDURL   string `env:"OTASSESS_TEAMS_OPENID_URL" yaml:"teams_openid_url"`
	TeamsGraphURL    string `env:"OTASSESS_TEAMS_GRAPH_URL" yaml:"teams_graph_url"`

	OpenAIKey     string `env:"OPENAI_API_KEY" yaml:"openai_api_key" secret:"true"`
	OpenAIBaseURL string `env:"OPENAI_BASE_URL" yaml:"openai_base_url"`
	Model         string `env:"OTASSESS_MODEL" yaml:"model"`
	LLM           string `env:"OTASSESS_LLM" yaml:"llm"`
	// OpenAIAPIType is openai (any OpenAI-compatible server, the default)
	// or azure (Azure OpenAI: OPENAI_BASE_URL is the resource endpoint and
	// OTASSESS_MODEL the deployment).
	OpenAIAPIType    string `env:"OPENAI_API_TYPE" yaml:"openai_api_type"`
	OpenAIAPIVersion string `env:"OPENAI_API_VERSION" yaml:"openai_api_version"`
	// Concurrency, ModelTimeout and InteractiveTimeout bound the model
	// calls; see ModelLimits.
	Concurrency        string `env:"OTASSESS_MODEL_CONCURRENCY" yaml:"model_concurrency"`
	ModelTimeout       string `env:"OTASSESS_MODEL_TIMEOUT" yaml:"model_timeout"`
	InteractiveTimeout string `env:"OTASSESS_MODEL_INTERACTIVE_TIMEOUT" yaml:"model_interactive_timeout"`
	// Glossary is a YAML file of OT terms added to the shipped glossary.
	Glossary string `env:"OTASSESS_GLOSSARY" yaml:"glossary"`
	// RedactWords are comma-separated words masked before any text is sent
	// to the model (besides addresses, host names and serial numbers).
	RedactWords string `env:"OTASSESS_REDACT_WORDS" yaml:"redact_words"`
	// Window is how long a comment's translation may wait for the comments
	// written after it, so they go to the model in one call; see
	// TranslateWindow.
	Window string `env:"OTASSESS_TRANSLATE_WINDOW" yaml:"translate_window"`
	// EvidenceMiB is the largest evidence file kept, in MiB; see
	// MaxEvidence.
	EvidenceMiB string `env:"OTASSESS_MAX_EVIDENCE" yaml:"max_evidence"`
}

// Defaults are the settings used when nothing sets them.
func Defaults() Config {
	return Config{DB: "./otassess.db", HTTPAddr: ":8080", LogLevel: "info", Retention: "720h", Window: "2m"}
}

// Load returns the defaults, overridden by the YAML file (if path is not
// empty), overridden by the environment (getenv, usually os.Getenv).
func Load(path string, getenv func(string) string) (Config, error) {
	c := Defaults()
	var file Config // what the file set, to name it in errors
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		if line := assessment.InvalidUTF8Line(data); line > 0 {
			return c, fmt.Errorf("config: %s: line %d is not valid UTF-8; save the file as UTF-8", path, line)
		}
		for _, into := range []*Config{&c, &file} {
			dec := yaml.NewDecoder(strings.NewReader(string(data)))
			dec.KnownFields(true)
			if err := dec.Decode(into); err != nil && !errors.Is(err, io.EOF) {
				return c, fmt.Errorf("config: %s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
			}
		}
	}
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		env := v.Type().Field(i).Tag.Get("env")
		val := getenv(env)
		if !utf8.ValidString(val) {
			return c, fmt.Errorf("config: %s is not valid UTF-8; set it to UTF-8 text", env)
		}
		if val != "" {
			v.Field(i).SetString(val)
		}
	}
	if err := c.validate(); err != nil {
		return c, fromFile(err, file, path, getenv)
	}
	return c, nil
}

// fromFile adds to a validation error, which names the setting by its
// environment variable, the file's key when the value came from the file.
func fromFile(err error, file Config, path string, getenv func(string) string) error {
	v, t := reflect.ValueOf(file), reflect.TypeOf(file)
	for i := range t.NumField() {
		env := t.Field(i).Tag.Get("env")
		if v.Field(i).String() != "" && getenv(env) == "" && strings.Contains(err.Error(), env+" ") {
			return fmt.Errorf("%w (set by %s in %s)", err, t.Field(i).Tag.Get("yaml"), path)
		}
	}
	return err
}

func (c Config) validate() error {
	if c.DB == "" {
		return fmt.Errorf("config: OTASSESS_DB is empty")
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	if _, err := c.jsonLogs(); err != nil {
		return err
	}
	if c.LLM != "" && c.LLM != "off" && c.LLM != "on" {
		return fmt.Errorf("config: OTASSESS_LLM must be on or off, got %q", c.LLM)
	}
	if _, err := c.MessageRetention(); err != nil {
		return err
	}
	if _, err := c.DiscordMessageContent(); err != nil {
		return err
	}
	if _, err := c.TranslateWindow(); err != nil {
		return err
	}
	if _, err := c.MaxEvidence(); err != nil {
		return err
	}
	if _, err := c.ModelLimits(); err != nil {
		return err
	}
	if err := c.validateTeams(); err != nil {
		return err
	}
	return c.validateModel()
}

func (c Config) validateModel() error {
	switch c.OpenAIAPIType {
	case "", "openai", "azure":
	default:
		return fmt.Errorf("config: OPENAI_API_TYPE must be openai or azure, got %q", c.OpenAIAPIType)
	}
	if c.Azure() && c.ModelConfigured() && c.OpenAIBaseURL == "" {
		return fmt.Errorf("config: OPENAI_BASE_URL must be the Azure OpenAI resource endpoint when OPENAI_API_TYPE is azure")
	}
	return httpURL("OPENAI_BASE_URL", c.OpenAIBaseURL)
}

// Azure is true when OPENAI_API_TYPE is azure.
func (c Config) Azure() bool { return c.OpenAIAPIType == "azure" }

// MessageRetention is OTASSESS_MESSAGE_RETENTION: a Go duration (720h) or
// a number of days (30d).
func (c Config) MessageRetention() (time.Duration, error) {
	s := strings.TrimSpace(c.Retention)
	if s == "" {
		return 30 * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("config: OTASSESS_MESSAGE_RETENTION must be a positive duration such as 720h or 30d, got %q", c.Retention)
	}
	return d, nil
}

// DefaultTranslateWindow is the translation batching window when
// OTASSESS_TRANSLATE_WINDOW is not set.
const DefaultTranslateWindow = 2 * time.Minute

// TranslateWindow is OTASSESS_TRANSLATE_WINDOW: a Go duration (90s, 2m),
// 0 to translate each comment as soon as the worker sees it; unset means
// DefaultTranslateWindow. It is at most an hour: a longer wait would hide
// comments from the assessors for no saving worth it.
func (c Config) TranslateWindow() (time.Duration, error) {
	s := strings.TrimSpace(c.Window)
	if s == "" {
		return DefaultTranslateWindow, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > time.Hour {
		return 0, fmt.Errorf("config: OTASSESS_TRANSLATE_WINDOW must be a duration from 0 to 1h such as 2m or 30s, got %q", c.Window)
	}
	return d, nil
}

// DiscordMessageContent is OTASSESS_DISCORD_MESSAGE_CONTENT: true for on,
// false for off or unset. The intent must also be enabled for the
// application in Discord's developer portal, or the gateway refuses it.
func (c Config) DiscordMessageContent() (bool, error) {
	switch strings.ToLower(strings.TrimSpace(c.DiscordContent)) {
	case "", "off":
		return false, nil
	case "on":
		return true, nil
	}
	return false, fmt.Errorf("config: OTASSESS_DISCORD_MESSAGE_CONTENT must be on or off, got %q", c.DiscordContent)
}

// RedactWordList lists OTASSESS_REDACT_WORDS (comma-separated).
func (c Config) RedactWordList() []string { return splitList(c.RedactWords) }

// Level is the log level from OTASSESS_LOG_LEVEL.
func (c Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("config: OTASSESS_LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	return l, nil
}

// JSONLogs is true when OTASSESS_LOG_FORMAT is json (any case).
func (c Config) JSONLogs() bool {
	j, _ := c.jsonLogs()
	return j
}

func (c Config) jsonLogs() (bool, error) {
	switch strings.ToLower(strings.TrimSpace(c.LogFormat)) {
	case "", "text":
		return false, nil
	case "json":
		return true, nil
	}
	return false, fmt.Errorf("config: OTASSESS_LOG_FORMAT must be text or json, got %q", c.LogFormat)
}

// CreatorIDs lists OTASSESS_CREATORS (comma-separated user ids).
func (c Config) CreatorIDs() []string { return splitList(c.Creators) }

func splitList(s string) []string {
	var out []string
	for _, w := range strings.Split(s, ",") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// ModelConfigured is true when OTASSESS_MODEL is set and OTASSESS_LLM is not off.
func (c Config) ModelConfigured() bool { return c.Model != "" && c.LLM != "off" }

// String lists the settings with secrets masked, for logs.
func (c Config) String() string {
	var b strings.Builder
	v := reflect.ValueOf(c)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		val := v.Field(i).String()
		if f.Tag.Get("secret") == "true" && val != "" {
			val = "(set)"
		}
		fmt.Fprintf(&b, "%s=%s\n", f.Tag.Get("env"), val)
	}
	return b.String()
}
