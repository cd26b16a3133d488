package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkReport runs `otassess report --format html` end to end (open
// the database, read the engagement, its findings and the reference
// average of the other closed engagements, render, write the file) on a
// database of 10 and of 10,000 seeded engagements (storagetest.Seed), one
// in ten of them closed. B/op is what one report allocates. The closed
// engagements' scores are stored by a first report before the timing, as
// the first Open after migration 0018 stores them once.
func BenchmarkReport(b *testing.B) {
	for _, n := range []int{10, 10000} {
		b.Run(fmt.Sprintf("engagements=%d", n), func(b *testing.B) {
			path := storagetest.Seed(b, n, time.Now().UTC()).Path() // left open, as a serving otassess would
			out := filepath.Join(b.TempDir(), "report.html")
			args := []string{"report", "--db", path, "--engagement", storagetest.SeedID(9), "--format", "html", "-o", out}
			var errb strings.Builder
			m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errb, Getenv: func(string) string { return "" }}
			// The first Open after seeding stores the closed engagements'
			// scores (as the first after migration 0018 would), once.
			if code := m.Run(context.Background(), args); code != 0 {
				b.Fatalf("report exited %d: %s", code, errb.String())
			}
			b.ReportAllocs()
			for b.Loop() {
				if code := m.Run(context.Background(), args); code != 0 {
					b.Fatalf("report exited %d: %s", code, errb.String())
				}
			}
		})
	}
}
