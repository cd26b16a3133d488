package main

import (
	"context"
	"strings"

	"github.com/otassess/otassess/bot/teams"
)

// teamsPlatform starts the Teams adapter when TEAMS_APP_ID is set (config
// has checked that the password and the single tenant are set too) and
// registers its messaging endpoint, POST /teams/messages, on the shared
// listener. The database keeps each conversation's serviceUrl. Its file
// fetcher reads meeting transcripts through Microsoft Graph.
func teamsPlatform(_ context.Context, w wiring) (runner, error) {
	c := w.cfg
	if !c.TeamsConfigured() {
		return nil, nil
	}
	a, err := teams.New(teams.Config{
		AppID: strings.TrimSpace(c.TeamsAppID), Password: c.TeamsAppPassword, TenantID: strings.TrimSpace(c.TeamsTenantID),
		LoginURL: c.TeamsLogin(), OpenIDURL: c.TeamsOpenID(), GraphURL: c.TeamsGraph(),
	}, teams.Deps{Engine: w.en, Store: w.db, URLs: w.db, Files: w.db, Log: w.log.With("platform", teams.Platform)})
	if err != nil {
		return nil, err
	}
	a.Register(w.mux)
	w.fetchers[teams.Platform] = a.Files()
	return a, nil
}
