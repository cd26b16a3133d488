package config

import (
	"net/netip"
	"net/url"
	"strings"
)

// defaultModelHost is where an OpenAI client goes without OPENAI_BASE_URL.
const defaultModelHost = "api.openai.com"

// PublicModelWithoutKey is the host of the model's endpoint when a model is
// configured without OPENAI_API_KEY against an endpoint that looks public
// (not a loopback or private address, nor a single-label or .local,
// .internal, .lan, .home.arpa name); otherwise "". Comments would then go
// to a service that answers anyone, or the calls would fail: serve warns.
func (c Config) PublicModelWithoutKey() string {
	if !c.ModelConfigured() || strings.TrimSpace(c.OpenAIKey) != "" {
		return ""
	}
	host := defaultModelHost
	if c.OpenAIBaseURL != "" {
		u, err := url.Parse(c.OpenAIBaseURL)
		if err != nil {
			return ""
		}
		host = u.Hostname()
	}
	if privateHost(host) {
		return ""
	}
	return host
}

// privateHost is true for addresses and names that stay inside a site.
func privateHost(host string) bool {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast()
	}
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || !strings.Contains(h, ".") {
		return true
	}
	for _, s := range []string{".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"} {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}
