package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/otassess/otassess/config"
)

// buildVersion is the -X main.version of the build, else the module's
// version, with the commit: -X main.commit when the build was stamped (the
// Dockerfile does, since a build context usually has no .git), else the
// commit, its time and whether the tree had changes, from the build info
// that go build records.
func buildVersion() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return or(v, "(unknown)")
	}
	v = or(v, info.Main.Version)
	rev, at, dirty := commit, "", ""
	if rev == "" {
		rev, at, dirty = vcsStamp(info.Settings)
	}
	if rev == "" {
		return fmt.Sprintf("%s (%s)", v, info.GoVersion)
	}
	return fmt.Sprintf("%s (commit %s%s%s, %s)", v, rev, at, dirty, info.GoVersion)
}

// vcsStamp is the commit go build recorded, with ", <time>" and
// ", modified" when it recorded those.
func vcsStamp(settings []debug.BuildSetting) (rev, at, dirty string) {
	for _, s := range settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.time" && s.Value != "":
			at = ", " + s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = ", modified"
		}
	}
	return rev, at, dirty
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// healthcheck asks the local serve's /readyz and exits 0 only on 200: the
// container's HEALTHCHECK, since the image has no shell or curl.
func (m *Main) healthcheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	target := fs.String("url", "", "readiness URL (default http://127.0.0.1:<port of OTASSESS_HTTP_ADDR>/readyz)")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	c, err := m.settings("")
	if err != nil {
		return err
	}
	if *target == "" {
		*target = readyURL(c.HTTPAddr)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *target, nil)
	if err != nil {
		return usagef("healthcheck: --url: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", *target, resp.Status)
	}
	fmt.Fprintln(m.Stdout, "ready")
	return nil
}

// readyURL is /readyz on this machine at addr's port: a listener on all
// interfaces (":8080") answers on the loopback address too.
func readyURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = "", strings.TrimPrefix(addr, ":")
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz"
}

// warnModel warns when a model is configured against a public endpoint
// without a key.
func warnModel(log *slog.Logger, c config.Config) {
	if host := c.PublicModelWithoutKey(); host != "" {
		log.Warn("A language model is configured against a public endpoint without a key: set OPENAI_API_KEY, or OPENAI_BASE_URL to a server of your own",
			slog.String("host", host))
	}
}
