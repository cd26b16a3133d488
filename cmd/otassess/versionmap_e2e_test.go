package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestE2E_FollowUpOntoANewerPackVersion: engagement create --from onto a
// newer version of a pack needs that version's maps_from for the old one;
// without it the command names the pack file and changes nothing, with it
// the follow-up is created on the new version.
func TestE2E_FollowUpOntoANewerPackVersion(t *testing.T) {
	dir := t.TempDir()
	packs := filepath.Join(dir, "packs")
	if err := os.Mkdir(packs, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../assessment/packs/meti-factory.yaml")
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^version: "([^"]+)"`).FindStringSubmatch(string(src))[1]
	v1 := strings.Replace(string(src), "id: meti-factory", "id: plant", 1)
	v2 := strings.ReplaceAll(strings.Replace(v1, `version: "`+version+`"`, `version: "`+version+`-next"`, 1), `"1-2"`, `"1-9"`)
	file := filepath.Join(packs, "plant.yaml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"OTASSESS_PACKS=" + packs, "OTASSESS_DB=" + filepath.Join(dir, "a.db")}
	write(v1)
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A", "--pack", "plant"); code != 0 {
		t.Fatalf("create exited %d: %s %s", code, out, stderr)
	}
	write(v2)
	_, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A-2", "--pack", "plant", "--from", "Plant-A")
	if code != 2 || !strings.Contains(stderr, "--from cannot follow plant@"+version+" on plant@"+version+"-next: plant.yaml: maps_from: ") ||
		!strings.Contains(stderr, "declares no mapping from version "+version) {
		t.Errorf("without a map: exit %d, %q", code, stderr)
	}
	write(strings.Replace(v2, "maps_from:\n  - version: \"2026.1\"\n",
		"maps_from:\n  - version: \""+version+"\"\n    items: {\"1-2\": \"1-9\"}\n", 1))
	out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A-2", "--pack", "plant", "--from", "Plant-A")
	if code != 0 || !strings.Contains(out, "on plant@"+version+"-next") {
		t.Errorf("with a map: exit %d, %q %q", code, out, stderr)
	}
}
