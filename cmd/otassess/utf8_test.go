package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestE2E_ArgumentsThatAreNotUTF8AreRefusedWithExit2(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	out, stderr, code := run(t, "", "engagement", "create", "Plant\xbc", "--db", db)
	if code != 2 || !strings.Contains(stderr, "argument 3") || !strings.Contains(stderr, "UTF-8") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming argument 3 as not UTF-8", code, stderr)
	}
	if strings.Contains(stderr, "\xbc") || out != "" {
		t.Errorf("the bad bytes are echoed or something was done: stdout %q stderr %q", out, stderr)
	}
	if _, _, code := run(t, "", "engagement", "list", "--db", db); code != 2 {
		t.Errorf("the refused create left a database at %s", db)
	}
}
