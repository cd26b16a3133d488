package main

import (
	"os"
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
