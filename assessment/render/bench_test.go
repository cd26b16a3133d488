package render_test

import (
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
)

// BenchmarkReport measures each export of a full report (32 items, both
// rounds, comments and history), the model built once: how long a report
// command keeps its reader.
func BenchmarkReport(b *testing.B) {
	r := fixture(b)
	for _, f := range []render.Format{render.Markdown, render.HTML, render.XLSX, render.JSON} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := render.Report(r, f, assessment.Both); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("chart", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := render.RadarPNG(r, assessment.JA); err != nil {
				b.Fatal(err)
			}
		}
	})
}
