package render

import (
	"fmt"

	"github.com/go-analyze/charts"

	"github.com/otassess/otassess/assessment"
)

// Chart size in pixels: wide enough for the legend and the four labels,
// small enough to post in chat and print on half a page.
const (
	ChartWidth  = 720
	ChartHeight = 480
)

// RadarPNG draws the radar chart of the four categories: the self
// assessment, the result after assessment and, when there is one, the
// reference average, each on a 0–100 axis; a category without a score
// leaves a gap. Labels are always English: the chart library's bundled
// fonts have no Japanese glyphs, and no CJK font small enough to embed
// ships with otassess.
func RadarPNG(r *assessment.Report) ([]byte, error) {
	var names []string
	var maxes []float64
	self, after, ref := []float64{}, []float64{}, []float64{}
	hasRef := false
	for _, row := range r.Summary {
		if row.Category == "" {
			continue
		}
		names = append(names, row.Label.EN)
		maxes = append(maxes, 100)
		self = append(self, value(row.Self.Score))
		after = append(after, value(row.After.Score))
		ref = append(ref, value(row.Reference))
		hasRef = hasRef || row.Reference != nil
	}
	if len(names) < 3 {
		return nil, fmt.Errorf("render: a radar chart needs at least 3 categories, the pack has %d", len(names))
	}
	data := [][]float64{self, after}
	series := []string{"Self assessment", "After assessment"}
	if hasRef {
		data = append(data, ref)
		series = append(series, "Reference average")
	}
	opt := charts.NewRadarChartOptionWithData(data, names, maxes)
	opt.Title = charts.TitleOption{Text: r.Engagement.Name, FontStyle: charts.NewFontStyleWithSize(16)}
	if !isASCII(r.Engagement.Name) {
		opt.Title.Text = "Engagement " + r.Engagement.ID
	}
	opt.Legend = charts.LegendOption{SeriesNames: series, Offset: charts.OffsetRight}
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: ChartWidth, Height: ChartHeight})
	if err := p.RadarChart(opt); err != nil {
		return nil, fmt.Errorf("render: radar chart: %w", err)
	}
	b, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("render: radar chart: %w", err)
	}
	return b, nil
}

func value(v *int) float64 {
	if v == nil {
		return charts.GetNullValue()
	}
	return float64(*v)
}

// isASCII reports whether s can be drawn with the chart's Latin font.
func isASCII(s string) bool {
	for _, r := range s {
		if r > 126 {
			return false
		}
	}
	return true
}
