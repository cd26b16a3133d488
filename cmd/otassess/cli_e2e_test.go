package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestE2E_BackupRefusesBadInputWithExit2AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, stderr, code := run(t, "2\n", "chat", "--db", db); code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	taken := filepath.Join(dir, "taken.db")
	if err := os.WriteFile(taken, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "typo.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--db", missing, "--to", filepath.Join(dir, "b1.db")}, missing},
		{[]string{"backup", "--db", db, "--to", taken}, taken},
		{[]string{"backup", "--db", db, "--to", filepath.Join(dir, "no-such-dir", "b.db")}, "no-such-dir"},
		{[]string{"backup", "--db", db}, "--to"},
	}
	for _, tc := range tests {
		out, stderr, code := run(t, "", tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 naming %s", strings.Join(tc.args, " "), code, out, stderr, tc.want)
		}
	}
	for _, f := range []string{missing, filepath.Join(dir, "b1.db")} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was created by a refused backup", f)
		}
	}
	if b, _ := os.ReadFile(taken); string(b) != "keep me" {
		t.Errorf("the existing file was overwritten: %q", b)
	}
	to := filepath.Join(dir, "good.db")
	if out, stderr, code := run(t, "", "backup", "--db", db, "--to", to); code != 0 || !strings.Contains(out, to) {
		t.Errorf("backup exited %d: %q %q", code, out, stderr)
	}
	if out, _, code := run(t, "", "engagement", "list", "--db", to); code != 0 || !strings.Contains(out, "console") {
		t.Errorf("the backup does not list the console engagement: exit %d, %q", code, out)
	}
}

func TestE2E_ServeTakesDBFromFlagOverEnvironmentOverFile(t *testing.T) {
	dir := t.TempDir()
	fromFile, fromEnv, fromFlag := filepath.Join(dir, "file.db"), filepath.Join(dir, "env.db"), filepath.Join(dir, "flag.db")
	cfg := filepath.Join(dir, "otassess.yaml")
	if err := os.WriteFile(cfg, []byte("db: "+fromFile+"\nhttp_addr: 127.0.0.1:0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	serve := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"serve", "--config", cfg}, args...)...)
		cmd.Env = append([]string{"HOME=" + dir}, env...)
		out, err := cmd.CombinedOutput()
		// No platform is configured: serve stops with exit 2 after opening the database.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "no chat platform") {
			t.Fatalf("serve %v: %v %s", args, err, out)
		}
	}
	created := func(want string) {
		t.Helper()
		for _, f := range []string{fromFile, fromEnv, fromFlag} {
			_, err := os.Stat(f)
			if got := err == nil; got != (f == want) {
				t.Errorf("%s exists = %v; want only %s", filepath.Base(f), got, filepath.Base(want))
			}
		}
		os.Remove(want)
	}
	serve(nil)
	created(fromFile)
	serve([]string{"OTASSESS_DB=" + fromEnv})
	created(fromEnv)
	serve([]string{"OTASSESS_DB=" + fromEnv}, "--db", fromFlag)
	created(fromFlag)
}

// runEnv runs the binary with extra environment variables.
func runEnv(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir()}, env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), 0
}

func TestE2E_APackChangedUnderAPinnedVersionFailsValidation(t *testing.T) {
	dir := t.TempDir()
	packs := filepath.Join(dir, "packs")
	if err := os.Mkdir(packs, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../assessment/packs/meti-factory.yaml")
	if err != nil {
		t.Fatal(err)
	}
	oldQ := "Do the people who decide (plant manager, division head, or top management) understand why factory system security matters"
	newQ := "Does management back factory system security"
	v1 := strings.Replace(string(src), "id: meti-factory", "id: plant", 1)
	edited := strings.Replace(v1, oldQ, newQ, 1)
	version := regexp.MustCompile(`(?m)^version: "([^"]+)"`).FindStringSubmatch(string(src))[1]
	bumped := strings.Replace(edited, `version: "`+version+`"`, `version: "`+version+`-next"`, 1)
	if v1 == string(src) || edited == v1 || bumped == edited {
		t.Fatal("test edits did not apply")
	}
	file := filepath.Join(packs, "plant.yaml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "a.db")
	env := []string{"OTASSESS_PACKS=" + packs, "OTASSESS_DB=" + db}
	write(v1)
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A", "--pack", "plant", "--lang", "en"); code != 0 {
		t.Fatalf("create exited %d: %s %s", code, out, stderr)
	}

	write(edited) // the same id and version with other bytes
	for _, args := range [][]string{
		{"engagement", "create", "Plant-B", "--pack", "plant"},
		{"chat", "--engagement", "Plant-C"},
		{"pack", "validate", file},
	} {
		out, stderr, code := runEnv(t, env, args...)
		if code != 2 || !strings.Contains(stderr, "plant") || !strings.Contains(stderr, version) || !strings.Contains(stderr, "version") {
			t.Errorf("%s: exit %d, %q %q; want exit 2 naming the pack and its version", strings.Join(args, " "), code, out, stderr)
		}
	}
	// An edited copy of the built-in pack under its version is refused too.
	copyFile := filepath.Join(dir, "meti-copy.yaml")
	if err := os.WriteFile(copyFile, []byte(strings.Replace(string(src), oldQ, newQ, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, stderr, code := runEnv(t, nil, "pack", "validate", copyFile); code != 2 || !strings.Contains(stderr, "meti-factory version "+version+" is already defined") {
		t.Errorf("validate an edited built-in pack: exit %d, %q %q", code, out, stderr)
	}
	if list, _, _ := runEnv(t, env, "engagement", "list"); strings.Contains(list, "Plant-B") || strings.Contains(list, "Plant-C") {
		t.Errorf("an engagement was created on the changed pack:\n%s", list)
	}

	write(bumped) // a new version is fine, and Plant-A keeps the bytes it was created with
	if out, stderr, code := runEnv(t, env, "pack", "validate", file); code != 0 {
		t.Errorf("validate the new version: exit %d, %q %q", code, out, stderr)
	}
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-B", "--pack", "plant"); code != 0 || !strings.Contains(out, "plant@"+version+"-next") {
		t.Errorf("create on the new version: exit %d, %q %q", code, out, stderr)
	}
	md, stderr, code := runEnv(t, env, "report", "--engagement", "Plant-A", "--format", "md", "--lang", "en")
	if code != 0 || !strings.Contains(md, oldQ) || strings.Contains(md, newQ) {
		t.Errorf("Plant-A's report (exit %d, %s) does not use the pack it was created with", code, stderr)
	}
}

func TestE2E_ABadDatabasePathExits2NamingDB(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not an otassess database at all\n", 40)), 0o600); err != nil {
		t.Fatal(err)
	}
	noDir := filepath.Join(dir, "no-such-dir", "a.db")
	for _, path := range []string{noDir, notDB} {
		for _, args := range [][]string{
			{"chat", "--db", path},
			{"engagement", "create", "Plant", "--db", path},
			{"engagement", "list", "--db", path},
			{"serve", "--db", path},
		} {
			out, stderr, code := run(t, "", args...)
			if code != 2 || !strings.Contains(stderr, "--db") || !strings.Contains(stderr, path) {
				t.Errorf("%s: exit %d, %q %q; want exit 2 naming --db and the path", strings.Join(args, " "), code, out, stderr)
			}
		}
	}
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "not an otassess database") {
		t.Error("the file that is not a database was changed")
	}
}

func TestE2E_AnExportedPackValidatesUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	env := []string{"OTASSESS_DB=" + db}
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A", "--lang", "en"); code != 0 {
		t.Fatalf("create exited %d: %s %s", code, out, stderr)
	}
	for _, format := range []string{"json", "yaml"} {
		out, stderr, code := runEnv(t, env, "pack", "show", "meti-factory", "--format", format)
		if code != 0 {
			t.Fatalf("pack show --format %s: exit %d, %s", format, code, stderr)
		}
		file := filepath.Join(dir, "exported."+format)
		if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		// Checked against the built-in pack and against the engagement's pin.
		if out, stderr, code := runEnv(t, env, "pack", "validate", file); code != 0 || !strings.Contains(out, "ok") {
			t.Errorf("validate the %s export: exit %d, %q %q", format, code, out, stderr)
		}
		edited := strings.Replace(out, "Partly in place", "Partly in use", 1)
		if edited == out {
			t.Fatalf("%s: edit did not apply", format)
		}
		if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, stderr, code := runEnv(t, env, "pack", "validate", file); code != 2 || !strings.Contains(stderr, "already defined with other content") {
			t.Errorf("validate an edited %s export: exit %d, %q; want exit 2", format, code, stderr)
		}
	}
}

func TestE2E_APinnedPackRewrittenAsJSONIsStillTheSamePack(t *testing.T) {
	dir := t.TempDir()
	packs := filepath.Join(dir, "packs")
	if err := os.Mkdir(packs, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../assessment/packs/meti-factory.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(packs, "plant.yaml")
	if err := os.WriteFile(file, []byte(strings.Replace(string(src), "id: meti-factory", "id: plant", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"OTASSESS_PACKS=" + packs, "OTASSESS_DB=" + filepath.Join(dir, "a.db")}
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-A", "--pack", "plant"); code != 0 {
		t.Fatalf("create exited %d: %s %s", code, out, stderr)
	}
	exported, stderr, code := runEnv(t, env, "pack", "show", "plant", "--format", "json")
	if code != 0 {
		t.Fatalf("pack show: exit %d, %s", code, stderr)
	}
	// JSON is YAML: the registry reads the export under the same name.
	if err := os.WriteFile(file, []byte(exported), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, stderr, code := runEnv(t, env, "engagement", "create", "Plant-B", "--pack", "plant"); code != 0 {
		t.Errorf("create on the re-encoded pack: exit %d, %q %q; want it accepted as the pinned pack", code, out, stderr)
	}
}
