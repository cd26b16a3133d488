package render

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
)

// SheetNames are the workbook's sheets in a language: summary, findings,
// answers.
func SheetNames(lang assessment.Lang) [3]string {
	l := lang
	if l == assessment.Both {
		l = assessment.EN
	}
	return [3]string{label(l, "sheet_summary"), label(l, "sheet_findings"), label(l, "sheet_answers")}
}

// XLSXReport renders the report as a workbook: the summary sheet (facts,
// the executive summary's sentences, the score table with numbers in their
// own cells, the footnotes, the interview list and the radar chart), the
// findings sheet (findings, then the countermeasure directions by
// priority) and the answers sheet (key, weight, self, review, after
// assessment, comments and history per item).
func XLSXReport(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	names := SheetNames(lang)
	w, err := newWorkbook(names[:])
	if err != nil {
		return nil, err
	}
	defer w.f.Close()
	xlsxSummary(w, r, lang, names[0])
	xlsxFindings(w, r, lang, names[1])
	xlsxAnswers(w, r, lang, names[2])
	xlsxExtra(w, r, lang)
	if w.err == nil {
		w.err = xlsxChart(w.f, r, lang, names[0])
	}
	return w.bytes()
}

// newWorkbook makes a workbook with the named sheets and the head and
// wrap styles.
func newWorkbook(names []string) (*sheetWriter, error) {
	f := excelize.NewFile()
	w := &sheetWriter{f: f}
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		f.Close()
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			f.Close()
			return nil, fmt.Errorf("render: xlsx: %w", err)
		}
	}
	var err error
	if w.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDF2F7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		f.Close()
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	if w.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		f.Close()
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	return w, nil
}

// bytes is the workbook as a file, or the first error met writing it.
func (w *sheetWriter) bytes() ([]byte, error) {
	if w.err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", w.err)
	}
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// table writes a block's table from row n, its head styled, its cells
// on one line each, and returns the row after it.
func (w *sheetWriter) table(sheet string, n int, bl block) int {
	head := make([]any, len(bl.Head))
	for i, h := range bl.Head {
		head[i] = h
	}
	w.row(sheet, n, w.head, head...)
	for _, r := range bl.Rows {
		n++
		cells := make([]any, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = strings.Join(c, " ")
		}
		w.row(sheet, n, 0, cells...)
	}
	return n + 1
}

// sheetWriter writes rows and keeps the first error, so the sheet
// functions read as a list of rows.
type sheetWriter struct {
	f          *excelize.File
	head, wrap int
	err        error
}

func (w *sheetWriter) row(sheet string, n int, style int, values ...any) {
	if w.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if w.err = w.f.SetSheetRow(sheet, cell, &values); w.err != nil || style == 0 {
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(values), n)
	w.err = w.f.SetCellStyle(sheet, cell, last, style)
}

func (w *sheetWriter) widths(sheet string, widths ...float64) {
	for i, width := range widths {
		if w.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.err = w.f.SetColWidth(sheet, col, col, width)
	}
}

func xlsxSummary(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, label(lang, "title"))
	n := 2
	for _, kv := range header(r, lang) {
		w.row(sheet, n, 0, kv[0], kv[1])
		n++
	}
	n++
	w.row(sheet, n, w.head, label(lang, "summary"))
	for _, l := range lines(r.Overview, lang) {
		n++
		w.row(sheet, n, 0, l)
	}
	n += 2
	w.row(sheet, n, w.head, label(lang, "category"), label(lang, "self"), label(lang, "grade"), label(lang, "provisional"),
		label(lang, "after"), label(lang, "grade"), label(lang, "provisional"), label(lang, "reference"), label(lang, "direction"))
	for _, row := range r.Summary {
		n++
		ref, dir := any(""), any("")
		if row.Reference != nil {
			ref = *row.Reference
		}
		if row.Direction != "" {
			dir = label(lang, row.Direction)
		}
		values := []any{row.Label.Inline(lang)}
		values = append(values, xlsxFigure(row.Self, lang)...)
		values = append(values, xlsxFigure(row.After, lang)...)
		w.row(sheet, n, 0, append(values, ref, dir)...)
	}
	n += 2
	for _, note := range append(footnotes(r, lang), referenceNote(r, lang), chartCaption(r, lang)) {
		w.row(sheet, n, 0, note)
		n++
	}
	n++
	w.row(sheet, n, w.head, label(lang, "interview"))
	n++
	if len(r.Interview) == 0 {
		w.row(sheet, n, 0, label(lang, "no_interview"))
	}
	for _, it := range r.Interview {
		w.row(sheet, n, w.wrap, it.Item, it.Question.In(lang), answer(it.Self, lang), reviewState(it, lang))
		n++
	}
	for _, bl := range delegatedBlocks(r, lang) {
		if bl.Kind == kTable {
			w.row(sheet, n+1, 0, label(lang, "delegated"))
			w.table(sheet, n+2, bl)
		}
	}
	w.widths(sheet, 24, 16, 8, 22, 16, 8, 22, 14, 18)
}

// xlsxFigure is a score as a number, its grade and its provisional mark
// ("provisional 12/13"), or the reason for none.
func xlsxFigure(f assessment.Figure, lang assessment.Lang) []any {
	v, g, prov, ok := f.Shown()
	switch {
	case ok && prov:
		return []any{v, string(g), fmt.Sprintf("%s %d/%d", label(lang, "provisional"), f.Answered, f.Items)}
	case ok:
		return []any{v, string(g), ""}
	}
	return []any{figure(f, lang), "", ""}
}

func xlsxAnswers(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, label(lang, "item"), label(lang, "category"), label(lang, "key"), label(lang, "weight"), label(lang, "question"),
		label(lang, "self_answer"), label(lang, "review_answer"), label(lang, "after_answer"), label(lang, "comment"), label(lang, "history"))
	for i, a := range r.Answers {
		var hist []string
		for _, c := range a.History {
			hist = append(hist, changeLine(c, lang))
		}
		w.row(sheet, i+2, w.wrap, a.Item, categoryLabel(r, a.Category, lang), keyMark(a.Key), a.Weight, a.Question.In(lang),
			answer(a.Self, lang), reviewAnswer(a, lang, ""), answer(a.After, lang), strings.Join(noteLines(a.Notes, lang), "\n"), strings.Join(hist, "\n"))
	}
	w.widths(sheet, 7, 16, 6, 7, 60, 22, 22, 22, 40, 40)
	if w.err == nil {
		w.err = w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

// xlsxFindings writes the findings table, then the directions by priority.
func xlsxFindings(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, "#", label(lang, "kind"), label(lang, "category"), label(lang, "items"), label(lang, "priority"), label(lang, "finding"), label(lang, "status"))
	n := 1
	for i, f := range r.Findings {
		n++
		w.row(sheet, n, w.wrap, i+1, kindLabel(f.Kind, lang), categoryLabel(r, f.Category, lang), citation(f, lang), f.Priority,
			strings.Join(findingLines(f.Risk, f, lang), "\n"), findingStatus(f.Status, lang))
	}
	n += 2
	w.row(sheet, n, w.head, label(lang, "directions"))
	n++
	w.row(sheet, n, w.head, label(lang, "priority"), label(lang, "items"), label(lang, "direction_text"))
	for _, f := range r.Directions() {
		n++
		w.row(sheet, n, w.wrap, f.Priority, citation(f, lang), strings.Join(findingLines(f.Direction, f, lang), "\n"))
	}
	w.widths(sheet, 10, 14, 16, 16, 9, 90, 12)
}

// xlsxChart places the radar chart to the right of the summary table.
func xlsxChart(f *excelize.File, r *assessment.Report, lang assessment.Lang, sheet string) error {
	png, err := RadarPNG(r, lang)
	if err != nil {
		return err
	}
	return f.AddPictureFromBytes(sheet, "K2", &excelize.Picture{Extension: ".png", File: png,
		Format: &excelize.GraphicOptions{AltText: chartCaption(r, lang), ScaleX: 0.75, ScaleY: 0.75}})
}
