// Package manifest builds the Microsoft Teams app package of otassess: the
// zip file a Teams admin uploads, holding manifest.json (schema 1.25), the
// Japanese localization file and the two icons. The manifest declares the
// bot in the personal, team and groupChat scopes with files supported, its
// command menus in English and Japanese, and the resource-specific consent
// permissions the bot uses: reading the messages of the team's channels
// (channel summaries), the basic details of meetings (to find a meeting's
// transcript) and the transcripts of the meetings of a chat.
package manifest

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// SchemaVersion is the manifest schema the package follows.
const SchemaVersion = "1.25"

const schemaBase = "https://developer.microsoft.com/json-schemas/teams/v" + SchemaVersion + "/"

// The icons are drawn in Go (draw_test.go writes them with -update) and
// committed, so the package is the same on every machine.
var (
	//go:embed icons/color.png
	colorIcon []byte
	//go:embed icons/outline.png
	outlineIcon []byte
)

// RSC permissions the bot asks for when it is added to a team or a chat.
var rscPermissions = []string{
	"ChannelMessage.Read.Group",         // every message of the team's channels, for summaries
	"ChannelMeeting.ReadBasic.Group",    // a channel meeting's ids, to find its transcript
	"OnlineMeeting.ReadBasic.Chat",      // a chat meeting's ids, to find its transcript
	"OnlineMeetingTranscript.Read.Chat", // the transcripts of the chat's meetings
}

// Options are what varies between tenants.
type Options struct {
	AppID string // the Azure Bot's Microsoft App ID: the app id and the bot id
	// Host is the public host name of the messaging endpoint (optional):
	// it is listed in validDomains and names the app's resource.
	Host string
	// Version is the app version, semver; re-uploading needs a higher one.
	Version string
	// Developer, Website, Privacy and Terms describe who publishes the app;
	// empty ones take the otassess project's.
	Developer, Website, Privacy, Terms string
}

const (
	projectURL     = "https://github.com/otassess/otassess"
	defaultPrivacy = projectURL + "/blob/main/docs/teams.md#what-the-bot-stores"
	defaultTerms   = projectURL + "/blob/main/NOTICE"
	accentColor    = "#1F5C99"
)

var (
	guid   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	semver = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	host   = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)
)

// check fills the defaults and refuses options Teams would refuse, with a
// sentence that names the option.
func (o *Options) check() error {
	o.AppID, o.Host = strings.TrimSpace(o.AppID), strings.TrimSpace(o.Host)
	if !guid.MatchString(o.AppID) {
		return fmt.Errorf("manifest: the app id must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000; got %q", o.AppID)
	}
	if o.Host != "" && !host.MatchString(o.Host) {
		return fmt.Errorf("manifest: the host must be a host name such as bot.example.com, without https:// or a path; got %q", o.Host)
	}
	o.Version = or(o.Version, "1.0.0")
	if !semver.MatchString(o.Version) {
		return fmt.Errorf("manifest: the version must be three numbers such as 1.2.0; got %q", o.Version)
	}
	o.Developer = or(o.Developer, "otassess")
	if len(o.Developer) > 32 {
		return fmt.Errorf("manifest: the developer name may have at most 32 characters; %q has %d", o.Developer, len(o.Developer))
	}
	o.Website, o.Privacy, o.Terms = or(o.Website, projectURL), or(o.Privacy, defaultPrivacy), or(o.Terms, defaultTerms)
	for name, v := range map[string]string{"website": o.Website, "privacy": o.Privacy, "terms": o.Terms} {
		if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("manifest: the %s URL must be an https URL; got %q", name, v)
		}
	}
	return nil
}

func or(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// Write writes the app package, a zip with its files at the root.
func Write(w io.Writer, o Options) error {
	files, err := Files(o)
	if err != nil {
		return err
	}
	z := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		fw, err := z.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("manifest: zip %s: %w", f.Name, err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			return fmt.Errorf("manifest: zip %s: %w", f.Name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("manifest: zip: %w", err)
	}
	return nil
}

// File is one file of the package.
type File struct {
	Name string
	Data []byte
}

// Files are the package's files: manifest.json, ja.json and the icons.
func Files(o Options) ([]File, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	m, err := encode(build(o))
	if err != nil {
		return nil, err
	}
	ja, err := encode(japanese())
	if err != nil {
		return nil, err
	}
	return []File{{"manifest.json", m}, {"ja.json", ja}, {"color.png", colorIcon}, {"outline.png", outlineIcon}}, nil
}

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return b.Bytes(), nil
}
