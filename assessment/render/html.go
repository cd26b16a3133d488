package render

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"

	"github.com/otassess/otassess/assessment"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlKinds names block kinds for the template.
var htmlKinds = map[blockKind]string{kTitle: "title", kFacts: "facts", kSection: "section", kSub: "sub", kPara: "para",
	kNote: "note", kTable: "table", kList: "list", kChart: "chart", kThumbs: "thumbs"}

// newHTMLTemplate parses the page template; it is parsed per call, not
// kept in a package variable, and costs well under a millisecond.
func newHTMLTemplate() (*template.Template, error) {
	return template.New("report").Funcs(template.FuncMap{
		"kind":     func(b block) string { return htmlKinds[b.Kind] },
		"class":    func(r row, i int) string { return r.class(i) },
		"percents": percents,
		"jpegURL": func(th thumb) template.URL {
			return template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(th.JPEG))
		},
		"pngURL": pngURL,
	}).Parse(htmlSource)
}

// HTMLReport renders the report as one self-contained HTML page: inline CSS
// laid out for A4 printing and the radar chart embedded as a data: PNG.
// Every value is escaped by html/template.
func HTMLReport(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	png, err := RadarPNG(r, lang)
	if err != nil {
		return nil, err
	}
	return htmlPage(htmlView{
		Lang: string(lang.Primary()), Title: label(lang, "title"), Name: r.Engagement.Name, Blocks: document(r, lang),
		Chart: pngURL(png), ChartWidth: ChartWidth, ChartHeight: ChartHeight,
	})
}

// htmlPage executes the page template over a view.
func htmlPage(v htmlView) ([]byte, error) {
	t, err := newHTMLTemplate()
	if err != nil {
		return nil, fmt.Errorf("render: html: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("render: html: %w", err)
	}
	return b.Bytes(), nil
}

// percents are a table's relative column widths as whole percentages.
func percents(b block) []int {
	sum := 0
	for _, w := range b.Widths {
		sum += w
	}
	out := make([]int, len(b.Widths))
	for i, w := range b.Widths {
		out[i] = w * 100 / sum
	}
	return out
}

type htmlView struct {
	Lang, Title, Name string
	Blocks            []block
	Chart             template.URL
	ChartWidth        int
	ChartHeight       int
}

// pngURL is a PNG picture as a data: URL.
func pngURL(png []byte) template.URL {
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}
