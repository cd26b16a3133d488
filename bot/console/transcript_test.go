package console_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func TestChat_SummarizeFileReadsTheFileAndChecksIt(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "notes.vtt")
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(small, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nZones first.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), 600<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	c := newChat(t, &out, assessment.EN)
	in := "summarize file " + big + "\nsummarize file " + small + " en\nsummarize file " + filepath.Join(dir, "missing.md") + "\n"
	if err := c.Run(context.Background(), strings.NewReader(in), ""); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"big.txt is too large (600 KiB; the limit is 512 KiB)",
		"No language model is configured, so I cannot write summaries",
		"I could not read missing.md",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
