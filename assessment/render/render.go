// Package render turns an assessment.Report into files people read: a
// Markdown document, a single self-contained HTML page that prints well, an
// XLSX workbook, a DOCX document to finish in Word, JSON for other tools,
// and a PNG radar chart of the categories drawn with an embedded Japanese
// font. It is the only package that imports excelize and the chart
// library; like assessment it reads no clock and does no I/O.
package render

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// Format is a report file format.
type Format string

// The formats Report writes.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	XLSX     Format = "xlsx"
	DOCX     Format = "docx"
	JSON     Format = "json"
)

// ParseFormat reads a format name (md, html, xlsx, docx or json).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Markdown, HTML, XLSX, DOCX, JSON:
		return f, nil
	case "markdown":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown report format %q (use md, html, xlsx, docx or json)", s)
}

// MIME is the media type of a format.
func (f Format) MIME() string {
	switch f {
	case Markdown:
		return "text/markdown; charset=utf-8"
	case HTML:
		return "text/html; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/json"
}

// Report renders r in format f and language lang. JSON always carries both
// languages, as other tools expect every text field in full.
func Report(r *assessment.Report, f Format, lang assessment.Lang) ([]byte, error) {
	switch f {
	case Markdown:
		return MarkdownReport(r, lang), nil
	case HTML:
		return HTMLReport(r, lang)
	case XLSX:
		return XLSXReport(r, lang)
	case DOCX:
		return DOCXReport(r, lang)
	case JSON:
		return JSONReport(r)
	}
	return nil, fmt.Errorf("render: unknown format %q", f)
}

// JSONReport is the report model as indented JSON.
func JSONReport(r *assessment.Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render: json: %w", err)
	}
	return append(b, '\n'), nil
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// FileName is a file name for a report: otassess-<engagement>-<lang>.<ext>,
// with anything that is not a letter, digit, dot, dash or underscore
// replaced. JSON always holds both languages, so its name says both.
func FileName(r *assessment.Report, f Format, lang assessment.Lang) string {
	if f == JSON {
		lang = assessment.Both
	}
	return fmt.Sprintf("otassess-%s-%s.%s", safeName(r), lang, f)
}

// ChartFileName is the radar chart's file name: otassess-<engagement>-chart.png.
func ChartFileName(r *assessment.Report) string {
	return fmt.Sprintf("otassess-%s-chart.png", safeName(r))
}

// safeName is the engagement's name fit for a file name, else its id.
func safeName(r *assessment.Report) string {
	name := strings.Trim(unsafeName.ReplaceAllString(r.Engagement.Name, "-"), "-.")
	if name == "" {
		name = r.Engagement.ID
	}
	return name
}
