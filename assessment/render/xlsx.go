package render

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
)

// SheetNames are the workbook's sheets in a language: summary, answers,
// comments.
func SheetNames(lang assessment.Lang) [3]string {
	l := lang
	if l == assessment.Both {
		l = assessment.EN
	}
	return [3]string{label(l, "sheet_summary"), label(l, "sheet_answers"), label(l, "sheet_comments")}
}

// XLSXReport renders the report as a workbook: the summary sheet (facts,
// the score table with numbers in their own cells, the interview list and
// the radar chart), the answers sheet (self, review, after assessment,
// comments and history per item) and the comments sheet.
func XLSXReport(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	names := SheetNames(lang)
	w := &sheetWriter{f: f}
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return nil, fmt.Errorf("render: xlsx: %w", err)
		}
	}
	var err error
	if w.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDF2F7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	if w.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	xlsxSummary(w, r, lang, names[0])
	xlsxAnswers(w, r, lang, names[1])
	xlsxComments(w, r, lang, names[2])
	if w.err == nil {
		w.err = xlsxChart(f, r, names[0])
	}
	if w.err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", w.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("render: xlsx: %w", err)
	}
	return buf.Bytes(), nil
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
	w.row(sheet, n, w.head, label(lang, "category"), label(lang, "self"), label(lang, "grade"), label(lang, "after"), label(lang, "grade"), label(lang, "reference"), label(lang, "direction"))
	for _, row := range r.Summary {
		n++
		ref, dir := any(""), any("")
		if row.Reference != nil {
			ref = *row.Reference
		}
		if row.Direction != "" {
			dir = label(lang, row.Direction)
		}
		selfScore, selfGrade := xlsxFigure(row.Self, lang)
		afterScore, afterGrade := xlsxFigure(row.After, lang)
		w.row(sheet, n, 0, row.Label.Inline(lang), selfScore, selfGrade, afterScore, afterGrade, ref, dir)
	}
	n += 2
	if partial(r) {
		w.row(sheet, n, 0, label(lang, "partial"))
		n++
	}
	w.row(sheet, n, 0, referenceNote(r, lang))
	n += 2
	w.row(sheet, n, w.head, label(lang, "interview"))
	n++
	if len(r.Interview) == 0 {
		w.row(sheet, n, 0, label(lang, "no_interview"))
	}
	for _, it := range r.Interview {
		w.row(sheet, n, w.wrap, it.Item, it.Question.In(lang), answer(it.Self, lang), reviewState(it, lang))
		n++
	}
	w.widths(sheet, 24, 40, 10, 22, 10, 16, 20)
}

// xlsxFigure is a score as a number and a grade, or the reason for none.
func xlsxFigure(f assessment.Figure, lang assessment.Lang) (any, any) {
	if f.Score != nil {
		return *f.Score, string(*f.Grade)
	}
	return figure(f, lang), ""
}

func xlsxAnswers(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, label(lang, "item"), label(lang, "category"), label(lang, "weight"), label(lang, "question"),
		label(lang, "self_answer"), label(lang, "review_answer"), label(lang, "after_answer"), label(lang, "comment"), label(lang, "history"))
	for i, a := range r.Answers {
		var hist []string
		for _, c := range a.History {
			hist = append(hist, changeLine(c, lang))
		}
		w.row(sheet, i+2, w.wrap, a.Item, categoryLabel(r, a.Category, lang), a.Weight, a.Question.In(lang),
			answer(a.Self, lang), reviewAnswer(a, lang, ""), answer(a.After, lang), strings.Join(noteLines(a.Notes, lang), "\n"), strings.Join(hist, "\n"))
	}
	w.widths(sheet, 7, 16, 7, 60, 22, 22, 22, 40, 40)
	if w.err == nil {
		w.err = w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

func xlsxComments(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, label(lang, "category"), label(lang, "items"), label(lang, "comment"), label(lang, "status"))
	for i, c := range r.Comments {
		w.row(sheet, i+2, w.wrap, categoryLabel(r, c.Category, lang), strings.Join(c.Items, ", "), c.Text.In(lang), commentStatus(c.Status, lang))
	}
	w.widths(sheet, 16, 16, 90, 12)
}

// xlsxChart places the radar chart to the right of the summary table.
func xlsxChart(f *excelize.File, r *assessment.Report, sheet string) error {
	png, err := RadarPNG(r)
	if err != nil {
		return err
	}
	return f.AddPictureFromBytes(sheet, "I2", &excelize.Picture{Extension: ".png", File: png,
		Format: &excelize.GraphicOptions{AltText: "Radar chart", ScaleX: 0.75, ScaleY: 0.75}})
}
