package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-analyze/charts"

	"github.com/otassess/otassess/assessment"
)

// Chart size in pixels: wide enough for the legend and the four labels,
// small enough to post in chat and print on half a page.
const (
	ChartWidth  = 720
	ChartHeight = 480
)

// Geometry of the radar: its centre and the radius of the 100 ring with
// a legend of up to two rows; each further row lifts and shrinks it.
const (
	chartCX     = ChartWidth / 2
	chartCY     = 234
	chartRadius = 140
	legendRowH  = 20
)

// series is one polygon of the radar.
type series struct {
	name   string // the legend's entry
	short  string // the name alone, for the no-score notes
	ref    bool
	values []*int // nil is no score: a gap, never 0
	color  charts.Color
	width  float64
	dash   []float64 // nil draws a solid line
	marker func(p *charts.Painter, x, y int, c charts.Color)
}

// RadarPNG draws the radar chart of the categories in lang: the self
// assessment, the result after assessment and, when there is one, the
// reference average, on a 0–100 axis with its values. Labels and legend are
// in the report's language (both: Japanese and English). A category without
// a score leaves a gap in its series and is named under its label; equal
// series stay visible through different line styles and markers. Text that
// the embedded font cannot draw falls back to English.
func RadarPNG(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	f, err := loadFont()
	if err != nil {
		return nil, err
	}
	var rows []assessment.SummaryRow
	for _, row := range r.Summary {
		if row.Category != "" {
			rows = append(rows, row)
		}
	}
	if len(rows) < 3 {
		return nil, fmt.Errorf("render: a radar chart needs at least 3 categories, the pack has %d", len(rows))
	}
	c := &chart{p: charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: ChartWidth, Height: ChartHeight, Font: f.ttf}),
		font: f, lang: lang, n: len(rows), cy: chartCY, radius: chartRadius}
	c.p.FilledRect(0, 0, ChartWidth, ChartHeight, charts.ColorWhite, charts.ColorWhite, 0)
	ss := chartSeries(rows, lang)
	legend := c.legendRows(ss)
	if extra := len(legend) - 2; extra > 0 {
		c.cy, c.radius = chartCY-extra*legendRowH/2, chartRadius-extra*legendRowH/2
	}
	c.title(r)
	c.grid()
	c.labels(rows, ss)
	for _, s := range ss {
		c.series(s)
	}
	c.legend(legend)
	b, err := c.p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("render: radar chart: %w", err)
	}
	return b, nil
}

// chartSeries is the self, after and (when any category has one)
// reference series, in drawing order: the after series over the self one.
func chartSeries(rows []assessment.SummaryRow, lang assessment.Lang) []series {
	self := series{name: label(lang, "legend_self"), short: label(lang, "legend_self"), color: charts.Color{R: 43, G: 108, B: 176, A: 255}, width: 4, marker: dot}
	after := series{name: label(lang, "legend_after"), short: label(lang, "legend_after"), color: charts.Color{R: 221, G: 107, B: 32, A: 255}, width: 2, dash: []float64{8, 5}, marker: diamond}
	ref := series{name: label(lang, "legend_ref"), ref: true, color: charts.Color{R: 113, G: 128, B: 150, A: 255}, width: 1.5, dash: []float64{2, 4}, marker: square}
	hasRef, selfProv, afterProv := false, false, false
	for _, row := range rows {
		self.values = append(self.values, shown(row.Self))
		after.values = append(after.values, shown(row.After))
		ref.values = append(ref.values, row.Reference)
		hasRef = hasRef || row.Reference != nil
		selfProv, afterProv = selfProv || row.Self.Estimate != nil, afterProv || row.After.Estimate != nil
	}
	self.name, after.name = legendName("legend_self", selfProv, lang), legendName("legend_after", afterProv, lang)
	if hasRef {
		return []series{ref, self, after}
	}
	return []series{self, after}
}

// legendName is a series' legend entry, saying in each language when it
// includes provisional scores.
func legendName(key string, provisional bool, lang assessment.Lang) string {
	t := labels[key]
	if provisional {
		mark := labels["incl_provisional"]
		t = assessment.Text{JA: t.JA + mark.JA, EN: t.EN + mark.EN}
	}
	return t.Inline(lang)
}

// shown is the score a figure shows (exact or provisional), nil for none.
func shown(f assessment.Figure) *int {
	v, _, _, ok := f.Shown()
	if !ok {
		return nil
	}
	return &v
}

// chart draws on a painter with the report's font.
type chart struct {
	p    *charts.Painter
	font *fontFace
	lang assessment.Lang
	n    int
	// cy and radius place the radar: chartCY and chartRadius unless the
	// legend needs more rows.
	cy, radius int
}

var (
	gridColor  = charts.Color{R: 203, G: 213, B: 224, A: 255}
	textColor  = charts.Color{R: 26, G: 32, B: 44, A: 255}
	mutedColor = charts.Color{R: 113, G: 128, B: 150, A: 255}
	gapColor   = charts.Color{R: 197, G: 48, B: 48, A: 255}
)

func (c *chart) style(size float64, col charts.Color) charts.FontStyle {
	return charts.FontStyle{FontSize: size, FontColor: col, Font: c.font.ttf}
}

// text draws s with its left end at x and baseline at y.
func (c *chart) text(s string, x, y int, st charts.FontStyle) { c.p.Text(s, x, y, 0, st) }

// width measures s in a style.
func (c *chart) width(s string, st charts.FontStyle) int { return c.p.MeasureText(s, 0, st).Width() }

func (c *chart) title(r *assessment.Report) {
	st := c.style(15, textColor)
	t := r.Engagement.Name
	if !c.font.covers(t) {
		t = "Engagement " + r.Engagement.ID
	}
	c.text(t, (ChartWidth-c.width(t, st))/2, 28, st)
}

// point is where value v (0–100) lies on spoke i.
func (c *chart) point(i int, v float64) charts.Point { return c.at(float64(i), v) }

// at is where value v lies on the direction of spoke s (which may fall
// between two spokes).
func (c *chart) at(s, v float64) charts.Point {
	a := -math.Pi/2 + 2*math.Pi*s/float64(c.n)
	r := v / 100 * float64(c.radius)
	return charts.Point{X: chartCX + int(math.Round(r*math.Cos(a))), Y: c.cy + int(math.Round(r*math.Sin(a)))}
}

// grid draws the rings at 20, 40, …, 100 with their values halfway
// between the first two spokes, where no series point lies, and the spokes.
func (c *chart) grid() {
	st := c.style(9, mutedColor)
	for v := 20; v <= 100; v += 20 {
		ring := make([]charts.Point, 0, c.n+1)
		for i := 0; i <= c.n; i++ {
			ring = append(ring, c.point(i%c.n, float64(v)))
		}
		c.p.LineStroke(ring, gridColor, 1)
		mid := c.at(0.5, float64(v)*math.Cos(math.Pi/float64(c.n)))
		c.text(strconv.Itoa(v), mid.X+3, mid.Y+3, st)
	}
	for i := 0; i < c.n; i++ {
		end := c.point(i, 100)
		c.p.LineStroke([]charts.Point{{X: chartCX, Y: c.cy}, end}, gridColor, 1)
	}
}

// labels draws each category's name beyond its spoke and, in red under
// it, which series have no score there.
func (c *chart) labels(rows []assessment.SummaryRow, ss []series) {
	st, gap := c.style(12, textColor), c.style(10, gapColor)
	for i, row := range rows {
		var lines []string
		var styles []charts.FontStyle
		for _, l := range langsOf(c.lang) {
			name := row.Label.In(l)
			if !c.font.covers(name) {
				name = row.Label.EN
			}
			if len(lines) == 0 || lines[0] != name {
				lines, styles = append(lines, name), append(styles, st)
			}
		}
		for _, s := range ss {
			if s.values[i] == nil && !s.ref {
				lines = append(lines, s.short+": "+label(c.lang, "no_score_mark"))
				styles = append(styles, gap)
			}
		}
		c.block(c.point(i, 112), lines, styles)
	}
}

// block draws lines of text around an anchor point outside the radar:
// centred above or below it on the vertical axis, else to its side.
func (c *chart) block(at charts.Point, lines []string, styles []charts.FontStyle) {
	const lineH = 16
	h := lineH * len(lines)
	y := at.Y - h/2 + 12
	switch {
	case at.Y < c.cy-c.radius:
		y = at.Y - h + 12
	case at.Y > c.cy+c.radius:
		y = at.Y + 8
	}
	for k, l := range lines {
		w := c.width(l, styles[k])
		x := at.X - w/2
		switch {
		case at.X > chartCX+10:
			x = at.X
		case at.X < chartCX-10:
			x = at.X - w
		}
		x = min(max(x, 4), ChartWidth-4-w)
		c.text(l, x, y+k*lineH, styles[k])
	}
}

// series draws one polygon: segments only between neighbouring spokes
// that both have a score, so a missing score is a gap and not a dip to 0,
// then a marker on every score.
func (c *chart) series(s series) {
	pts := make([]*charts.Point, c.n)
	for i, v := range s.values {
		if v != nil {
			p := c.point(i, float64(*v))
			pts[i] = &p
		}
	}
	for i := range c.n {
		a, b := pts[i], pts[(i+1)%c.n]
		if a == nil || b == nil {
			continue
		}
		seg := []charts.Point{*a, *b}
		if s.dash == nil {
			c.p.LineStroke(seg, s.color, s.width)
		} else {
			c.p.DashedLineStroke(seg, s.color, s.width, s.dash)
		}
	}
	for _, p := range pts {
		if p != nil {
			s.marker(c.p, p.X, p.Y, s.color)
		}
	}
}

// legendRow is one row of the legend: its entries and its width.
type legendRow struct {
	entries []series
	width   int
}

const legendSample, legendGap = 34, 22

// legendRows lays the legend's entries out in as many rows as their names
// need, each row narrower than the chart.
func (c *chart) legendRows(ss []series) []legendRow {
	st := c.style(11, textColor)
	var rows []legendRow
	for _, s := range ss {
		w := legendSample + 6 + c.width(s.name, st)
		if n := len(rows); n > 0 && rows[n-1].width+legendGap+w <= ChartWidth-20 {
			rows[n-1].entries, rows[n-1].width = append(rows[n-1].entries, s), rows[n-1].width+legendGap+w
			continue
		}
		rows = append(rows, legendRow{entries: []series{s}, width: w})
	}
	return rows
}

// legend draws a sample of each series' line and marker with its name,
// centred under the radar.
func (c *chart) legend(rows []legendRow) {
	st := c.style(11, textColor)
	for k, r := range rows {
		x, y := (ChartWidth-r.width)/2, ChartHeight-14-legendRowH*(len(rows)-1-k)
		for _, s := range r.entries {
			seg := []charts.Point{{X: x, Y: y}, {X: x + legendSample, Y: y}}
			if s.dash == nil {
				c.p.LineStroke(seg, s.color, s.width)
			} else {
				c.p.DashedLineStroke(seg, s.color, s.width, s.dash)
			}
			s.marker(c.p, x+legendSample/2, y, s.color)
			c.text(s.name, x+legendSample+6, y+4, st)
			x += legendSample + 6 + c.width(s.name, st) + legendGap
		}
	}
}

func dot(p *charts.Painter, x, y int, col charts.Color) { p.Circle(4, x, y, col, col, 1) }

func diamond(p *charts.Painter, x, y int, col charts.Color) {
	p.FilledDiamond(x, y, 14, 14, charts.Color{}, col, 2)
}

func square(p *charts.Painter, x, y int, col charts.Color) {
	p.FilledRect(x-3, y-3, x+3, y+3, col, col, 1)
}
