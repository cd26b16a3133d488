package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/otassess/otassess/bot/teams/manifest"
)

const teamsUsage = "teams package --app-id ID [--host HOST] [--version X.Y.Z] [-o otassess-teams.zip]"

// teams runs the Teams tools; package is the only one.
func (m *Main) teams(_ context.Context, args []string) error {
	if len(args) == 0 || args[0] != "package" {
		return usagef("teams: usage: otassess %s", teamsUsage)
	}
	return m.teamsPackage(args[1:])
}

// teamsPackage writes the Teams app package an admin uploads: the
// manifest for this bot's app id, its Japanese localization and the icons.
func (m *Main) teamsPackage(args []string) error {
	fs := flag.NewFlagSet("teams package", flag.ContinueOnError)
	var o manifest.Options
	fs.StringVar(&o.AppID, "app-id", "", "the Azure Bot's Microsoft App ID (default $TEAMS_APP_ID)")
	fs.StringVar(&o.Host, "host", "", "public host name of the messaging endpoint, e.g. bot.example.com")
	fs.StringVar(&o.Version, "version", appVersion(), "app version; raise it for each upload that replaces the app")
	fs.StringVar(&o.Developer, "developer", "", "publisher name shown in Teams (default otassess)")
	fs.StringVar(&o.Website, "website", "", "publisher's https website (default the otassess project)")
	fs.StringVar(&o.Privacy, "privacy", "", "https URL of the privacy statement")
	fs.StringVar(&o.Terms, "terms", "", "https URL of the terms of use")
	out := fs.String("o", "otassess-teams.zip", "zip file to write")
	pos, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("teams package: unexpected argument %q: usage: otassess %s", pos[0], teamsUsage)
	}
	if o.AppID == "" {
		o.AppID = m.Getenv("TEAMS_APP_ID")
	}
	if strings.TrimSpace(o.AppID) == "" {
		return usagef("teams package: --app-id is required: the Microsoft App ID of the Azure Bot (or set TEAMS_APP_ID)")
	}
	var zip bytes.Buffer
	if err := manifest.Write(&zip, o); err != nil {
		return usagef("teams package: %s", strings.TrimPrefix(err.Error(), "manifest: "))
	}
	if err := writeFile(*out, zip.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Teams app package written to %s (manifest %s); upload it in Teams: Apps → Manage your apps → Upload an app\n",
		*out, manifest.SchemaVersion)
	return nil
}

// appVersion is the build's version as the manifest takes it (1.2.3), or
// 1.0.0 for a development build.
func appVersion() string {
	v := strings.TrimPrefix(version, "v")
	if n := strings.Count(v, "."); n != 2 || strings.ContainsAny(v, "-+") {
		return "1.0.0"
	}
	return v
}

// writeFile writes data to path through a temporary file in the same
// directory, so a failed write never leaves half a zip behind.
func writeFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("teams package: -o: there is no directory %s to write %s in", dir, path)
	}
	tmp, err := os.CreateTemp(dir, ".otassess-teams-*.zip")
	if err != nil {
		return fmt.Errorf("teams package: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // a package is handed to others: not private like CreateTemp's 0600
	}
	if err != nil {
		tmp.Close()
		return fmt.Errorf("teams package: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("teams package: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("teams package: %w", err)
	}
	return nil
}
