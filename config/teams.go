package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Teams defaults: Microsoft's public cloud.
const (
	DefaultTeamsLoginURL  = "https://login.microsoftonline.com"
	DefaultTeamsOpenIDURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
	DefaultTeamsGraphURL  = "https://graph.microsoft.com"
)

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// TeamsConfigured is true when TEAMS_APP_ID is set: serve then runs the
// Teams adapter (Load has checked the other Teams settings).
func (c Config) TeamsConfigured() bool { return strings.TrimSpace(c.TeamsAppID) != "" }

// TeamsLogin is OTASSESS_TEAMS_LOGIN_URL, or Microsoft's login host.
func (c Config) TeamsLogin() string { return orDefault(c.TeamsLoginURL, DefaultTeamsLoginURL) }

// TeamsOpenID is OTASSESS_TEAMS_OPENID_URL, or the Bot Framework's
// OpenID metadata document.
func (c Config) TeamsOpenID() string { return orDefault(c.TeamsOpenIDURL, DefaultTeamsOpenIDURL) }

// TeamsGraph is OTASSESS_TEAMS_GRAPH_URL, or Microsoft Graph, where
// meeting transcripts are read.
func (c Config) TeamsGraph() string { return orDefault(c.TeamsGraphURL, DefaultTeamsGraphURL) }

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// validateTeams checks the Teams settings together: none set is fine (no
// Teams); otherwise the app id, its password and the tenant id are all
// required, the ids are GUIDs, and the tenant is one tenant, not the
// multi-tenant botframework.com that Azure no longer creates bots for.
func (c Config) validateTeams() error {
	id, pass, tenant := strings.TrimSpace(c.TeamsAppID), c.TeamsAppPassword, strings.TrimSpace(c.TeamsTenantID)
	if id == "" && pass == "" && tenant == "" {
		for env, v := range map[string]string{"OTASSESS_TEAMS_LOGIN_URL": c.TeamsLoginURL, "OTASSESS_TEAMS_OPENID_URL": c.TeamsOpenIDURL,
			"OTASSESS_TEAMS_GRAPH_URL": c.TeamsGraphURL} {
			if v != "" {
				return fmt.Errorf("config: %s is set but TEAMS_APP_ID is not: set the Teams app's settings or unset it", env)
			}
		}
		return nil
	}
	switch {
	case id == "":
		return fmt.Errorf("config: TEAMS_APP_ID is not set, but other TEAMS_* settings are: set it to the Azure Bot's Microsoft App ID")
	case !guid.MatchString(id):
		return fmt.Errorf("config: TEAMS_APP_ID must be the Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000")
	case pass == "":
		return fmt.Errorf("config: TEAMS_APP_PASSWORD is not set: it is the client secret of the app registration (Certificates & secrets)")
	case tenant == "":
		return fmt.Errorf("config: TEAMS_TENANT_ID is not set: the bot must be single-tenant; set the Directory (tenant) ID of its app registration")
	case strings.EqualFold(tenant, "botframework.com") || strings.EqualFold(tenant, "common"):
		return fmt.Errorf("config: TEAMS_TENANT_ID must be your own Directory (tenant) ID: multi-tenant bots (%s) can no longer be created", tenant)
	case !guid.MatchString(tenant):
		return fmt.Errorf("config: TEAMS_TENANT_ID must be the Directory (tenant) ID, a GUID")
	}
	for _, u := range [][2]string{{"OTASSESS_TEAMS_LOGIN_URL", c.TeamsLoginURL}, {"OTASSESS_TEAMS_OPENID_URL", c.TeamsOpenIDURL},
		{"OTASSESS_TEAMS_GRAPH_URL", c.TeamsGraphURL}} {
		if err := httpURL(u[0], u[1]); err != nil {
			return err
		}
	}
	return nil
}

// httpURL checks an optional http(s) URL setting.
func httpURL(name, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: %s must be an http(s) URL, got %q", name, s)
	}
	return nil
}
