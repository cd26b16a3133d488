package render

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// planBlocks are the countermeasure plan (the POA&M): its progress, then a
// row per action with its theme, items, the direction it carries out, its
// owner, due date and status, and what was done or why it was dropped.
func planBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSection, Text: label(lang, "plan")}}
	if len(r.Plan) == 0 {
		return append(out, block{Kind: kPara, Text: label(lang, "no_plan")})
	}
	out = append(out, block{Kind: kPara, Text: planProgress(r.Plan, lang)})
	t := block{Kind: kTable, Head: []string{"#", label(lang, "plan_theme"), label(lang, "items"), label(lang, "plan_action"),
		label(lang, "plan_owner"), label(lang, "plan_due"), label(lang, "status")}, Widths: []int{4, 13, 9, 44, 10, 10, 10}}
	for _, a := range r.Plan {
		text := lines(a.Text, lang)
		if a.Note != "" {
			text = append(text, label(lang, "plan_record_"+a.Status, a.Note))
		}
		t.Rows = append(t.Rows, row{Cells: [][]string{{fmt.Sprint(a.ID)}, {label(lang, "theme_"+a.Theme)}, {planItems(a, lang)}, text,
			{orNone(a.Owner, lang)}, {orNone(a.Due, lang)}, {label(lang, "plan_status_"+a.Status)}}, Class: []string{"", "", "", "", "", "", a.Status}})
	}
	return append(out, t)
}

// planProgress counts the actions by status, report style.
func planProgress(plan []assessment.PlanAction, lang assessment.Lang) string {
	n := assessment.PlanCounts(plan)
	return label(lang, "plan_progress", len(plan), n["done"], n["doing"], n["open"], n["dropped"])
}

func planItems(a assessment.PlanAction, lang assessment.Lang) string {
	if len(a.Items) == 0 {
		return label(lang, "evidence_site")
	}
	return strings.Join(a.Items, ", ")
}

func orNone(s string, lang assessment.Lang) string {
	if s == "" {
		return label(lang, "plan_none")
	}
	return s
}

// xlsxPlan writes the POA&M sheet: one row per action with its finding,
// items, theme, planned action, owner, due date, status, record and
// history.
func xlsxPlan(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, "#", label(lang, "plan_finding"), label(lang, "items"), label(lang, "plan_theme"), label(lang, "plan_action"),
		label(lang, "plan_owner"), label(lang, "plan_due"), label(lang, "status"), label(lang, "plan_record"), label(lang, "history"))
	for i, a := range r.Plan {
		var hist []string
		for _, c := range a.History {
			hist = append(hist, strings.TrimSpace(fmt.Sprintf("%s %s %s %s (%s)", c.At.Format(timeFormat), c.Field, c.Value, c.Note, c.By)))
		}
		finding := ""
		if a.Finding > 0 {
			finding = fmt.Sprint(a.Finding)
		}
		w.row(sheet, i+2, w.wrap, a.ID, finding, planItems(a, lang), label(lang, "theme_"+a.Theme), a.Text.In(lang), a.Owner, a.Due,
			label(lang, "plan_status_"+a.Status), a.Note, strings.Join(hist, "\n"))
	}
	w.widths(sheet, 5, 9, 12, 18, 60, 14, 12, 12, 40, 50)
}

// xlsxEvidence writes the evidence sheet: a row per file or on-site note.
func xlsxEvidence(w *sheetWriter, r *assessment.Report, lang assessment.Lang, sheet string) {
	w.row(sheet, 1, w.head, label(lang, "item"), label(lang, "evidence_what"), label(lang, "evidence_by"), label(lang, "evidence_at"), "SHA-256")
	for i, e := range r.Evidence {
		w.row(sheet, i+2, w.wrap, evidenceItem(e.Item, lang), evidenceWhat(e, lang), e.By, e.At.Format(timeFormat), e.SHA256)
	}
	w.widths(sheet, 10, 60, 14, 20, 66)
}

// ExtraSheetNames are the workbook's sheets after SheetNames: the
// countermeasure plan (POA&M) and the evidence.
func ExtraSheetNames(lang assessment.Lang) [2]string {
	l := lang
	if l == assessment.Both {
		l = assessment.EN
	}
	return [2]string{label(l, "sheet_plan"), label(l, "sheet_evidence")}
}

// xlsxExtra adds the plan and evidence sheets.
func xlsxExtra(w *sheetWriter, r *assessment.Report, lang assessment.Lang) {
	names := ExtraSheetNames(lang)
	for _, n := range names {
		if w.err == nil {
			_, w.err = w.f.NewSheet(n)
		}
	}
	xlsxPlan(w, r, lang, names[0])
	xlsxEvidence(w, r, lang, names[1])
}
