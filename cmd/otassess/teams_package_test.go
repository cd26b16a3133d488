package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runMain(env map[string]string, args ...string) (stdout, stderr string, code int) {
	var out, errb strings.Builder
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code = m.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

func TestTeamsPackage_WritesTheZipForTheAppID(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pkg.zip")
	id := "0f1e2d3c-4b5a-4697-8879-6a5b4c3d2e1f"
	stdout, stderr, code := runMain(map[string]string{"TEAMS_APP_ID": id}, "teams", "package", "--host", "bot.example.com", "-o", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if fi, err := os.Stat(out); err != nil {
		t.Fatal(err)
	} else if fi.Mode().Perm() != 0o644 {
		t.Errorf("package mode %v, want 0644: it is handed to an admin", fi.Mode())
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	var m struct {
		ID           string   `json:"id"`
		ValidDomains []string `json:"validDomains"`
	}
	for _, f := range z.File {
		names = append(names, f.Name)
		if f.Name == "manifest.json" {
			r, _ := f.Open()
			if err := json.NewDecoder(r).Decode(&m); err != nil {
				t.Fatal(err)
			}
			r.Close()
		}
	}
	if strings.Join(names, " ") != "manifest.json ja.json color.png outline.png" {
		t.Errorf("zip holds %v", names)
	}
	if m.ID != id || len(m.ValidDomains) != 1 || m.ValidDomains[0] != "bot.example.com" {
		t.Errorf("manifest id %q, validDomains %v: the app id from TEAMS_APP_ID and the host were not used", m.ID, m.ValidDomains)
	}
}

func TestTeamsPackage_BadInputIsExit2AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pkg.zip")
	id := "0f1e2d3c-4b5a-4697-8879-6a5b4c3d2e1f"
	for want, args := range map[string][]string{
		"--app-id is required": {"teams", "package", "-o", out},
		"GUID":                 {"teams", "package", "--app-id", "my-bot", "-o", out},
		"host":                 {"teams", "package", "--app-id", id, "--host", "https://bot.example.com/", "-o", out},
		"no directory":         {"teams", "package", "--app-id", id, "-o", filepath.Join(dir, "missing", "pkg.zip")},
		"usage":                {"teams", "pack"},
	} {
		stdout, stderr, code := runMain(nil, args...)
		if code != 2 || !strings.Contains(stderr, want) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 saying %q", args, code, stdout, stderr, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs left %d files behind", len(entries))
	}
}
