package console_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

// evidence ITEM PATH keeps the file at PATH with ITEM; evidence ITEM lists
// it; a missing file is refused and kept nowhere.
func TestChat_EvidenceReadsTheFileAtPath(t *testing.T) {
	dir := t.TempDir()
	photo := filepath.Join(dir, "panel.png")
	if err := os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\n...."), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	c := newChat(t, &out, assessment.EN)
	in := "evidence 3-5 " + photo + "\nevidence 3-5 " + filepath.Join(dir, "missing.jpg") + "\nevidence 3-5\n"
	if err := c.Run(context.Background(), strings.NewReader(in), ""); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"panel.png is kept as evidence of 3-5 (1 KiB",
		"otassess could not read the contents of missing.jpg",
		"#1 · 3-5 · panel.png (image/png, 1 KiB",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "#2") {
		t.Errorf("the missing file was kept:\n%s", got)
	}
}
