package config

import (
	"strings"
	"testing"
)

const (
	appID    = "11111111-2222-3333-4444-555555555555"
	tenantID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
)

func teamsEnv(extra map[string]string) map[string]string {
	m := map[string]string{"TEAMS_APP_ID": appID, "TEAMS_APP_PASSWORD": "s3cret~", "TEAMS_TENANT_ID": tenantID}
	for k, v := range extra {
		if v == "" {
			delete(m, k)
			continue
		}
		m[k] = v
	}
	return m
}

func TestLoad_TeamsSettingsComplete(t *testing.T) {
	c, err := Load("", env(teamsEnv(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if !c.TeamsConfigured() || c.TeamsLogin() != DefaultTeamsLoginURL || c.TeamsOpenID() != DefaultTeamsOpenIDURL {
		t.Errorf("configured=%v login=%s openid=%s", c.TeamsConfigured(), c.TeamsLogin(), c.TeamsOpenID())
	}
	c, err = Load("", env(teamsEnv(map[string]string{"OTASSESS_TEAMS_LOGIN_URL": "http://127.0.0.1:9/login",
		"OTASSESS_TEAMS_OPENID_URL": "http://127.0.0.1:9/openid"})))
	if err != nil || c.TeamsLogin() != "http://127.0.0.1:9/login" || c.TeamsOpenID() != "http://127.0.0.1:9/openid" {
		t.Errorf("overrides: %v login=%s openid=%s", err, c.TeamsLogin(), c.TeamsOpenID())
	}
	if c, _ := Load("", env(nil)); c.TeamsConfigured() {
		t.Error("Teams configured with nothing set")
	}
}

func TestLoad_TeamsGraphURLDefaultsToMicrosoftGraphAndCanBeOverridden(t *testing.T) {
	c, err := Load("", env(teamsEnv(nil)))
	if err != nil || c.TeamsGraph() != "https://graph.microsoft.com" {
		t.Errorf("default: %v graph=%s", err, c.TeamsGraph())
	}
	c, err = Load("", env(teamsEnv(map[string]string{"OTASSESS_TEAMS_GRAPH_URL": "http://127.0.0.1:9/graph"})))
	if err != nil || c.TeamsGraph() != "http://127.0.0.1:9/graph" {
		t.Errorf("override: %v graph=%s", err, c.TeamsGraph())
	}
}

func TestLoad_TeamsMissingOrContradictoryNamesTheSetting(t *testing.T) {
	tests := map[string]map[string]string{
		"TEAMS_APP_ID":                                      teamsEnv(map[string]string{"TEAMS_APP_ID": ""}),
		"TEAMS_APP_PASSWORD":                                teamsEnv(map[string]string{"TEAMS_APP_PASSWORD": ""}),
		"TEAMS_TENANT_ID":                                   teamsEnv(map[string]string{"TEAMS_TENANT_ID": ""}),
		"TEAMS_TENANT_ID must":                              teamsEnv(map[string]string{"TEAMS_TENANT_ID": "botframework.com"}),
		"TEAMS_TENANT_ID must be":                           teamsEnv(map[string]string{"TEAMS_TENANT_ID": "contoso"}),
		"TEAMS_APP_ID must":                                 teamsEnv(map[string]string{"TEAMS_APP_ID": "my-bot"}),
		"OTASSESS_TEAMS_LOGIN_URL":                          teamsEnv(map[string]string{"OTASSESS_TEAMS_LOGIN_URL": "login.example"}),
		"OTASSESS_TEAMS_OPENID_URL":                         teamsEnv(map[string]string{"OTASSESS_TEAMS_OPENID_URL": "ftp://x/y"}),
		"OTASSESS_TEAMS_OPENID_URL is set but TEAMS_APP_ID": {"OTASSESS_TEAMS_OPENID_URL": "http://127.0.0.1/o"},
		"OTASSESS_TEAMS_GRAPH_URL must":                     teamsEnv(map[string]string{"OTASSESS_TEAMS_GRAPH_URL": "graph.example"}),
		"OTASSESS_TEAMS_GRAPH_URL is set but TEAMS_APP_ID":  {"OTASSESS_TEAMS_GRAPH_URL": "http://127.0.0.1/g"},
	}
	for want, vars := range tests {
		_, err := Load("", env(vars))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: err = %v, want it to contain %q", vars, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret~") {
			t.Errorf("error prints the password: %v", err)
		}
	}
}

func TestString_MasksTeamsPassword(t *testing.T) {
	c, err := Load("", env(teamsEnv(nil)))
	if err != nil {
		t.Fatal(err)
	}
	s := c.String()
	if strings.Contains(s, "s3cret~") || !strings.Contains(s, "TEAMS_APP_PASSWORD=(set)") || !strings.Contains(s, "TEAMS_APP_ID="+appID) {
		t.Errorf("String() = %s", s)
	}
}
