package render

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

// chartReport builds a report whose self answers are level v in the given
// categories, and "not sure" in every other one (which then has no score).
func chartReport(t *testing.T, v assessment.Value, cats ...string) *assessment.Report {
	t.Helper()
	p := assessmenttest.DefaultPack(t)
	self := map[string]assessment.Answer{}
	for _, it := range p.Items {
		self[it.ID] = assessment.Answer{Unsure: true}
		for _, c := range cats {
			if it.Category == c {
				self[it.ID] = assessment.Answer{Value: v}
			}
		}
	}
	return assessment.BuildReport(assessment.ReportInput{Pack: p, Self: self, AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Engagement: assessment.ReportEngagement{ID: "e1", Name: "第二工場"}})
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// near reports whether the pixel at (x, y) or one beside it is close to c.
func near(img image.Image, x, y int, c color.RGBA) bool {
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			r, g, b, _ := img.At(x+dx, y+dy).RGBA()
			if abs(int(r>>8)-int(c.R)) < 40 && abs(int(g>>8)-int(c.G)) < 40 && abs(int(b>>8)-int(c.B)) < 40 {
				return true
			}
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var (
	selfBlue    = color.RGBA{43, 108, 176, 255}
	afterOrange = color.RGBA{221, 107, 32, 255}
)

// With no review the after series equals the self series; both stay
// visible: the self dot inside the after diamond's outline.
func TestRadarPNG_EqualSeriesBothVisible(t *testing.T) {
	r := chartReport(t, "2", "org", "ops", "tech", "supply")
	img := decode(t, must(RadarPNG(r, assessment.JA)))
	c := &chart{n: 4, cy: chartCY, radius: chartRadius}
	v, _, _, _ := r.Summary[0].Self.Shown()
	p := c.point(0, float64(v))
	if !near(img, p.X, p.Y, selfBlue) {
		t.Errorf("no self-assessment blue at the People point %v", p)
	}
	if !near(img, p.X, p.Y-7, afterOrange) && !near(img, p.X, p.Y+7, afterOrange) {
		t.Errorf("no after-assessment orange around the People point %v", p)
	}
}

// A category without a score is a gap: no line runs from its neighbours
// toward the centre as a 0 would.
func TestRadarPNG_NoScoreIsAGapNotZero(t *testing.T) {
	r := chartReport(t, "2", "org", "tech")
	if _, _, _, ok := r.Summary[1].Self.Shown(); ok {
		t.Fatal("the fixture's Process category has a score")
	}
	img := decode(t, must(RadarPNG(r, assessment.JA)))
	c := &chart{n: 4, cy: chartCY, radius: chartRadius}
	v, _, _, _ := r.Summary[0].Self.Shown()
	top := c.point(0, float64(v))
	// A 0 for Process would draw People→centre along the People spoke.
	mid := c.point(0, float64(v)/2)
	if near(img, mid.X, mid.Y, selfBlue) {
		t.Errorf("a line runs from People %v toward the centre: the missing Process score is drawn as 0", top)
	}
	if !near(img, top.X, top.Y, selfBlue) {
		t.Errorf("the People point %v is not drawn", top)
	}
}

func TestRadarPNG_LanguagesDiffer(t *testing.T) {
	r := chartReport(t, "3", "org", "ops", "tech", "supply")
	ja, en := must(RadarPNG(r, assessment.JA)), must(RadarPNG(r, assessment.EN))
	if bytes.Equal(ja, en) {
		t.Error("the Japanese and English charts are the same picture")
	}
}

// The embedded subset draws the labels of the bundled pack and common
// Japanese; a rune outside it is reported, so the chart falls back to
// English rather than draw empty boxes.
func TestChartFont_CoversJapaneseLabelsAndReportsGaps(t *testing.T) {
	f, err := loadFont()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"人・組織", "プロセス", "技術", "サプライチェーン", "自己診断（暫定値を含む）", "評価後", "参考平均", "スコアなし", "第二工場 Plant A-1"} {
		if !f.covers(s) {
			t.Errorf("the chart font cannot draw %q", s)
		}
	}
	if f.covers("𠮷野家") {
		t.Error("the font claims a rune outside its subset")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// The report says in words which categories the chart leaves out, in the
// report's language.
func TestChartCaption_NamesTheGaps(t *testing.T) {
	r := chartReport(t, "2", "org", "tech")
	if got, want := chartCaption(r, assessment.EN), "drawn as a gap, not as 0: Process (Self-assessment), Process (After assessment), Supply chain (Self-assessment), Supply chain (After assessment)."; !strings.HasSuffix(got, want) {
		t.Errorf("caption = %q, want it to end %q", got, want)
	}
	if got := chartCaption(r, assessment.JA); !strings.Contains(got, "0ではなく欠落として描いている：プロセス（自己診断）") {
		t.Errorf("caption = %q", got)
	}
	if got := chartCaption(chartReport(t, "2", "org", "ops", "tech", "supply"), assessment.EN); strings.Contains(got, "gap") {
		t.Errorf("caption of a chart without gaps = %q", got)
	}
}
