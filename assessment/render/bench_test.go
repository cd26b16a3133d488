package render_test

import (
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
)

// BenchmarkReport measures each export of a full report (32 items, both
// rounds, findings, comments and history), the model built once: how long
// a report command keeps its reader. "html+xlsx+docx" is the three files a
// consultant takes away, which must stay under 100 ms together; each of
// them draws the radar chart.
func BenchmarkReport(b *testing.B) {
	r := fixture(b)
	for _, f := range []render.Format{render.Markdown, render.HTML, render.XLSX, render.DOCX, render.JSON} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := render.Report(r, f, assessment.Both); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("html+xlsx+docx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range []render.Format{render.HTML, render.XLSX, render.DOCX} {
				if _, err := render.Report(r, f, assessment.JA); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("chart", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := render.RadarPNG(r, assessment.JA); err != nil {
				b.Fatal(err)
			}
		}
	})
}
