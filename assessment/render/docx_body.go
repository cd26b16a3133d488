package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// The chart's size in the document: 16 cm wide, in EMU, keeping the
// PNG's aspect ratio.
const (
	docxChartCX = 5760000
	docxChartCY = docxChartCX * ChartHeight / ChartWidth
)

// docxWriter turns report blocks into WordprocessingML body XML.
type docxWriter struct {
	b     strings.Builder
	media []docxMedia // pictures after the report's own chart, in order
	// pics counts the pictures placed so far; the report's own chart is
	// picture 1, so the others are numbered from 2.
	pics, charts, thumbs int
}

// docxMedia is a picture part of the document and its relationship id.
type docxMedia struct {
	name, rid string
	data      []byte
}

func (d *docxWriter) body(blocks []block) string {
	for _, bl := range blocks {
		d.block(bl)
	}
	return d.b.String()
}

func (d *docxWriter) block(bl block) {
	switch bl.Kind {
	case kTitle:
		d.para("Title", run(bl.Text, ""))
	case kFacts:
		t := block{Kind: kTable, Widths: []int{25, 75}}
		for _, kv := range bl.Facts {
			t.Rows = append(t.Rows, row{Cells: [][]string{{kv[0]}, {kv[1]}}, Class: []string{"total", ""}})
		}
		d.table(t)
	case kSection:
		d.para("Heading1", run(bl.Text, ""))
	case kSub:
		d.para("Heading2", run(bl.Text, ""))
	case kPara:
		d.para("", run(bl.Text, ""))
	case kNote:
		d.para("Note", run(bl.Text, ""))
	case kList:
		for _, it := range bl.Items {
			d.para("Note", run("• "+it, ""))
		}
	case kChart:
		if bl.PNG != nil {
			d.para("Caption", d.chart(bl))
		} else {
			d.para("Caption", chartDrawing(bl.Text))
		}
		d.para("Caption", run(bl.Text, ""))
	case kTable:
		d.table(bl)
	case kThumbs:
		for _, th := range bl.Thumbs {
			d.para("Caption", d.picture(th))
			d.para("Caption", run(th.Caption, ""))
		}
	}
}

// para writes a paragraph in a style ("" for Normal) with its runs.
func (d *docxWriter) para(style, runs string) {
	d.b.WriteString("<w:p>")
	if style != "" {
		d.b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	d.b.WriteString(runs + "</w:p>")
}

// table writes a full-width table; its header row (if any) repeats on
// every page and no row breaks across pages.
func (d *docxWriter) table(bl block) {
	widths := columnWidths(bl)
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	fmt.Fprintf(&d.b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`, docxTextWidth)
	for _, w := range widths {
		fmt.Fprintf(&d.b, `<w:gridCol w:w="%d"/>`, w)
	}
	d.b.WriteString(`</w:tblGrid>`)
	if len(bl.Head) > 0 {
		d.b.WriteString(`<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
		for i, h := range bl.Head {
			d.cell([]string{h}, "head", widths[i])
		}
		d.b.WriteString(`</w:tr>`)
	}
	for _, r := range bl.Rows {
		d.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i, c := range r.Cells {
			d.cell(c, r.class(i), widths[i])
		}
		d.b.WriteString(`</w:tr>`)
	}
	d.b.WriteString(`</w:tbl><w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>`)
}

// docxTextWidth is the text width of an A4 page with the document's
// margins, in twentieths of a point.
const docxTextWidth = 11906 - 2*1021

// columnWidths shares the text width among a table's columns by their
// relative widths (equally without them).
func columnWidths(bl block) []int {
	n := len(bl.Head)
	if n == 0 && len(bl.Rows) > 0 {
		n = len(bl.Rows[0].Cells)
	}
	rel := bl.Widths
	if len(rel) != n {
		rel = make([]int, n)
		for i := range rel {
			rel[i] = 1
		}
	}
	sum := 0
	for _, w := range rel {
		sum += w
	}
	out := make([]int, n)
	for i, w := range rel {
		out[i] = docxTextWidth * w / sum
	}
	return out
}

// cell writes a table cell of a width, each line its own paragraph,
// styled by class.
func (d *docxWriter) cell(lines []string, class string, width int) {
	fmt.Fprintf(&d.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if fill := cellFill[class]; fill != "" {
		d.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`)
	}
	d.b.WriteString(`</w:tcPr>`)
	if len(lines) == 0 {
		lines = []string{""}
	}
	for _, l := range lines {
		d.para("TableText", run(l, cellRun[class]))
	}
	d.b.WriteString(`</w:tc>`)
}

// cellFill and cellRun style cells by the blocks' class hints, as the
// HTML page's CSS does.
var (
	cellFill = map[string]string{"head": "EDF2F7", "total": "F7FAFC"}
	cellRun  = map[string]string{
		"head": `<w:b/>`, "total": `<w:b/>`, "better": `<w:b/><w:color w:val="2B6CB0"/>`, "worse": `<w:b/><w:color w:val="C53030"/>`,
		"draft": `<w:b/><w:color w:val="975A16"/>`, "improvement": `<w:color w:val="C53030"/>`, "good": `<w:color w:val="2B6CB0"/>`,
	}
)

// run is a text run with optional run properties; text is escaped.
func run(text, rpr string) string {
	if rpr != "" {
		rpr = "<w:rPr>" + rpr + "</w:rPr>"
	}
	return "<w:r>" + rpr + `<w:t xml:space="preserve">` + esc(text) + "</w:t></w:r>"
}

// esc escapes text for XML character data; characters XML cannot hold
// become U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer never fail
	return b.String()
}

// chartDrawing is the inline picture of the radar chart (relationship
// rIdChart), described by its caption for screen readers.
func chartDrawing(descr string) string {
	return inlinePicture(docxChartCX, docxChartCY, 1, "Radar chart", "chart.png", descr, "rIdChart")
}

// chart adds a chart of its own (a block's PNG, such as one site's radar in
// a client report) as a media part and returns the run that shows it.
func (d *docxWriter) chart(bl block) string {
	d.charts++
	m := docxMedia{name: fmt.Sprintf("media/chart%d.png", d.charts), rid: fmt.Sprintf("rIdChart%d", d.charts), data: bl.PNG}
	d.media = append(d.media, m)
	return inlinePicture(docxChartCX, docxChartCY, d.picID(), fmt.Sprintf("Radar chart %d", d.charts), fmt.Sprintf("chart%d.png", d.charts), bl.Text, m.rid)
}

// picID is the document-unique id of the next picture.
func (d *docxWriter) picID() int {
	d.pics++
	return d.pics + 1
}

// inlinePicture is the run that shows a picture part (relationship rid)
// inline at cx × cy EMU, with a document-unique id, a title, the part's
// file name and a description for screen readers.
func inlinePicture(cx, cy, id int, title, file, descr, rid string) string {
	return fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%[1]d" cy="%[2]d"/>`+
		`<wp:docPr id="%[3]d" name="%[4]s" descr="%[6]s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%[3]d" name="%[5]s" descr="%[6]s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%[7]s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%[1]d" cy="%[2]d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`, cx, cy, id, esc(title), esc(file), esc(descr), rid)
}
