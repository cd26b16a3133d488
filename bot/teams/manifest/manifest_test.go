package manifest

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

const appID = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"

func files(t *testing.T, o Options) map[string][]byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, o); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		_, _ = data.ReadFrom(r)
		r.Close()
		out[f.Name] = data.Bytes()
	}
	return out
}

// TestPackage_GoldenManifestAndJapanese keeps the text people read in the
// Teams app store and command menus under review (-update rewrites).
func TestPackage_GoldenManifestAndJapanese(t *testing.T) {
	got := files(t, Options{AppID: appID, Host: "otassess.example.com"})
	for _, name := range []string{"manifest.json", "ja.json"} {
		golden := "testdata/" + name + ".golden"
		if *update {
			if err := os.WriteFile(golden, got[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[name], want) {
			t.Errorf("%s differs from %s (run with -update after checking):\n%s", name, golden, got[name])
		}
	}
}

// TestPackage_FieldsTeamsChecks checks, field by field, what the 1.25
// schema and the Teams upload check require of this app.
func TestPackage_FieldsTeamsChecks(t *testing.T) {
	got := files(t, Options{AppID: strings.ToUpper(appID) + " ", Host: "bot.example.com", Version: "2.3.4"})
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range got {
			if !yield(n) {
				return
			}
		}
	})
	if !slices.Equal(names, []string{"color.png", "ja.json", "manifest.json", "outline.png"}) {
		t.Fatalf("package holds %v, want the manifest, ja.json and two icons at its root", names)
	}
	var m appManifest
	if err := json.Unmarshal(got["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	bot := m.Bots[0]
	switch {
	case m.ManifestVersion != "1.25" || !strings.Contains(m.Schema, "/v1.25/"):
		t.Errorf("manifest version %q with schema %q", m.ManifestVersion, m.Schema)
	case m.ID != strings.ToUpper(appID) || bot.BotID != m.ID || m.WebApplication.ID != m.ID:
		t.Errorf("ids %q %q %q, want the trimmed app id everywhere", m.ID, bot.BotID, m.WebApplication.ID)
	case m.Version != "2.3.4":
		t.Errorf("version %q", m.Version)
	case !bot.SupportsFiles || !slices.Equal(bot.Scopes, []string{"personal", "team", "groupChat"}):
		t.Errorf("bot supportsFiles=%v scopes=%v", bot.SupportsFiles, bot.Scopes)
	case !slices.Equal(m.ValidDomains, []string{"bot.example.com"}) || m.WebApplication.Resource != "api://bot.example.com/"+m.ID:
		t.Errorf("host not used: %v %q", m.ValidDomains, m.WebApplication.Resource)
	case len(m.Name.Short) > 30 || len(m.Name.Full) > 100 || len(m.Description.Short) > 80 || len(m.Description.Full) > 4000:
		t.Error("a name or description is over the schema's length")
	}
	var perms []string
	for _, p := range m.Authorization.Permissions.ResourceSpecific {
		if p.Type != "Application" {
			t.Errorf("RSC %s is %s, want Application", p.Name, p.Type)
		}
		perms = append(perms, p.Name)
	}
	for _, want := range []string{"ChannelMessage.Read.Group", "OnlineMeetingTranscript.Read.Chat", "OnlineMeeting.ReadBasic.Chat"} {
		if !slices.Contains(perms, want) {
			t.Errorf("RSC permissions %v lack %s", perms, want)
		}
	}
	checkCommands(t, m, got["ja.json"])
}

// checkCommands checks each menu against the localization schema's limits
// and that ja.json translates every command description, and nothing else.
func checkCommands(t *testing.T, m appManifest, jaFile []byte) {
	t.Helper()
	var ja map[string]string
	if err := json.Unmarshal(jaFile, &ja); err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$`)
	want := 0
	for i, l := range m.Bots[0].CommandLists {
		if len(l.Commands) > 10 {
			t.Errorf("command list %d has %d commands; localization covers 10", i, len(l.Commands))
		}
		for j, c := range l.Commands {
			k := "bots[0].commandLists[" + string(rune('0'+i)) + "].commands[" + string(rune('0'+j)) + "].description"
			tr, ok := ja[k]
			if !ok || !key.MatchString(k) {
				t.Errorf("ja.json lacks %s (%s)", k, c.Title)
			}
			if utf8.RuneCountInString(tr) > 128 || len(c.Title) > 32 || !utf8.ValidString(tr) || !hasKana(tr) {
				t.Errorf("command %s: title or Japanese description %q is not within the limits or not Japanese", c.Title, tr)
			}
			want++
		}
	}
	if n := len(ja) - 5; n != want { // $schema, two names, two descriptions
		t.Errorf("ja.json has %d command descriptions, want %d", n, want)
	}
}

func hasKana(s string) bool {
	for _, r := range s {
		if (r >= 0x3040 && r <= 0x30FF) || (r >= 0x4E00 && r <= 0x9FFF) {
			return true
		}
	}
	return false
}

func TestPackage_BadOptionsAreRefusedWithTheirName(t *testing.T) {
	for opt, o := range map[string]Options{
		"app id":    {AppID: "otassess"},
		"host":      {AppID: appID, Host: "https://bot.example.com/teams"},
		"version":   {AppID: appID, Version: "1.0"},
		"developer": {AppID: appID, Developer: strings.Repeat("x", 33)},
		"privacy":   {AppID: appID, Privacy: "http://example.com/privacy"},
	} {
		var b bytes.Buffer
		err := Write(&b, o)
		if err == nil || !strings.Contains(err.Error(), opt) {
			t.Errorf("%s: error %v, want one naming the %s", opt, err, opt)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written for refused options", opt, b.Len())
		}
	}
}
