package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/otassess/otassess/bot"
	slackbot "github.com/otassess/otassess/bot/slack"
	"github.com/otassess/otassess/config"
)

// slackPlatform starts the Slack adapter when any SLACK_* setting is
// present: Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP
// Events API on the shared listener (which needs SLACK_SIGNING_SECRET).
func slackPlatform(_ context.Context, w wiring) (runner, error) {
	s, ok, err := slackSettings(w.cfg)
	if err != nil || !ok {
		return nil, err
	}
	log := w.log.With("platform", slackbot.Platform)
	a, err := slackbot.Open(s, slackbot.Deps{Engine: w.en, Store: w.db, Clock: bot.SystemClock{}, Log: log})
	if err != nil {
		return nil, err
	}
	w.fetchers[slackbot.Platform] = a.Files()
	a.SetRoles(w.db)
	if s.AppToken == "" {
		a.Register(w.mux)
	} else if s.SigningSecret != "" {
		log.Info("Slack HTTP routes not registered: SLACK_APP_TOKEN selects Socket Mode, SLACK_SIGNING_SECRET is unused")
	}
	return a, nil
}

// slackSettings reads and checks the Slack settings. ok is false when none
// is set (Slack is not configured). Errors name the setting, never its value.
func slackSettings(c config.Config) (slackbot.Settings, bool, error) {
	s := slackbot.Settings{BotToken: strings.TrimSpace(c.SlackBotToken), AppToken: strings.TrimSpace(c.SlackAppToken),
		SigningSecret: strings.TrimSpace(c.SlackSigningSecret), APIURL: strings.TrimSpace(c.SlackAPIURL)}
	if s.BotToken == "" && s.AppToken == "" && s.SigningSecret == "" {
		return s, false, nil
	}
	switch {
	case s.BotToken == "":
		return s, false, fmt.Errorf("SLACK_BOT_TOKEN is not set, but other SLACK_* settings are: set it to the app's Bot User OAuth Token (xoxb-…)")
	case !strings.HasPrefix(s.BotToken, "xoxb-"):
		return s, false, fmt.Errorf("SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)")
	case s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-"):
		return s, false, fmt.Errorf("SLACK_APP_TOKEN must be an app-level token starting with xapp- with the connections:write scope (Basic Information → App-Level Tokens)")
	case s.AppToken == "" && s.SigningSecret == "":
		return s, false, fmt.Errorf("SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)")
	}
	if s.APIURL != "" {
		u, err := url.Parse(s.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return s, false, fmt.Errorf("OTASSESS_SLACK_API_URL must be an http(s) URL such as https://slack.com/api, got %q", s.APIURL)
		}
	}
	return s, true, nil
}
