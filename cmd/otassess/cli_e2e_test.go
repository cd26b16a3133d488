package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
