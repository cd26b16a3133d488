package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/storage/storagetest"
)

// copy moves a database to every engine the tests have and checks it; the
// copy then serves the same engagements; and it never writes over data.
func TestE2E_CopyMovesADatabaseAndRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "from.db")
	if _, errOut, code := run(t, "", "engagement", "create", "Plant-Copy", "--db", from); code != 0 {
		t.Fatalf("create: %d %s", code, errOut)
	}
	targets := []string{filepath.Join(dir, "to.db")}
	for _, e := range storagetest.Engines() {
		if e.Name == "postgres" {
			targets = append(targets, storagetest.PostgresURL(t))
		}
	}
	for _, to := range targets {
		out, errOut, code := run(t, "", "copy", "--from", from, "--to", to)
		if code != 0 || !strings.Contains(out, "1 engagements' digests equal") || !strings.Contains(out, "answers") {
			t.Fatalf("copy to %s: exit %d\n%s%s", to, code, out, errOut)
		}
		list, errOut, code := run(t, "", "engagement", "list", "--db", to)
		if code != 0 || !strings.Contains(list, "Plant-Copy") {
			t.Errorf("the copy lists %q (exit %d %s), want Plant-Copy", list, code, errOut)
		}
		_, errOut, code = run(t, "", "copy", "--from", from, "--to", to)
		if code == 0 || !(strings.Contains(errOut, "already exists") || strings.Contains(errOut, "not empty")) {
			t.Errorf("a second copy to %s: exit %d %q, want a refusal", to, code, errOut)
		}
	}
	if _, errOut, code := run(t, "", "copy", "--from", filepath.Join(dir, "missing.db"), "--to", filepath.Join(dir, "x.db")); code != 2 {
		t.Errorf("copy from a missing file: exit %d %q, want 2", code, errOut)
	}
}
