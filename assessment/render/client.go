package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
)

// ClientReport renders the comparison of a client's sites in format f and
// lang: the sites with the engagement that stands for each, their results
// after assessment and their self-assessment results side by side (a row
// per site, a column per category and the total), and each site's radar
// chart. JSON always carries both languages.
func ClientReport(c *Comparison, f Format, lang assessment.Lang) ([]byte, error) {
	if f == JSON {
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("render: json: %w", err)
		}
		return append(b, '\n'), nil
	}
	charts := make([][]byte, len(c.Sites))
	for i, s := range c.Sites {
		png, err := RadarPNG(s, lang)
		if err != nil {
			return nil, err
		}
		charts[i] = png
	}
	doc := clientDocument(c, lang, charts)
	title := label(lang, "client_title") + " — " + c.Client
	switch f {
	case Markdown:
		return markdown(doc), nil
	case HTML:
		return htmlPage(htmlView{Lang: string(lang.Primary()), Title: label(lang, "client_title"), Name: c.Client, Blocks: doc,
			ChartWidth: ChartWidth, ChartHeight: ChartHeight})
	case DOCX:
		d := &docxWriter{}
		body := d.body(doc)
		return docxPackage(docxMeta{title: title, subject: c.Client, at: c.AsOf, lang: lang}, body, d.media)
	case XLSX:
		return clientXLSX(c, lang, charts)
	}
	return nil, fmt.Errorf("render: unknown format %q", f)
}

// ClientFileName is a comparison's file name:
// otassess-client-<client>-<lang>.<ext>.
func ClientFileName(c *Comparison, f Format, lang assessment.Lang) string {
	if f == JSON {
		lang = assessment.Both
	}
	name := strings.Trim(unsafeName.ReplaceAllString(c.Client, "-"), "-.")
	return fmt.Sprintf("otassess-client-%s-%s.%s", name, lang, f)
}

// clientDocument lays the comparison out: facts, the sites, a score table
// per round, then a radar chart per site (charts[i] is site i's).
func clientDocument(c *Comparison, lang assessment.Lang, charts [][]byte) []block {
	doc := []block{{Kind: kTitle, Text: label(lang, "client_title") + " — " + c.Client},
		{Kind: kFacts, Facts: [][2]string{{label(lang, "client"), c.Client}, {label(lang, "client_count"), fmt.Sprint(len(c.Sites))},
			{label(lang, "as_of"), c.AsOf.Format(timeFormat)}}},
		{Kind: kSection, Text: label(lang, "client_sites")}, sitesTable(c, lang), {Kind: kNote, Text: label(lang, "client_note")}}
	cols := c.Columns()
	for _, round := range []string{"after", "self"} {
		doc = append(doc, block{Kind: kSection, Text: label(lang, "client_"+round)}, scoreTable(c, cols, round, lang))
	}
	if clientProvisional(c) {
		doc = append(doc, block{Kind: kNote, Text: label(lang, "provisional_note")})
	}
	if mixedVersions(c) {
		doc = append(doc, block{Kind: kNote, Text: label(lang, "client_versions")})
	}
	doc = append(doc, block{Kind: kSection, Text: label(lang, "client_charts")})
	for i, s := range c.Sites {
		doc = append(doc, block{Kind: kSub, Text: SiteName(s)}, block{Kind: kChart, Text: chartCaption(s, lang), PNG: charts[i]})
	}
	if len(c.Sites) > 0 {
		doc = append(doc, block{Kind: kNote, Text: label(lang, "source") + ": " + strings.Join(lines(c.Sites[0].Pack.Source, lang), " ")})
	}
	return doc
}

// sitesTable names each site's engagement, checklist version, status and
// how many items the assessors re-evaluated.
func sitesTable(c *Comparison, lang assessment.Lang) block {
	t := block{Kind: kTable, Head: []string{label(lang, "site"), label(lang, "engagement"), label(lang, "pack"), label(lang, "status"), label(lang, "reviewed")},
		Widths: []int{20, 28, 22, 16, 14}}
	for _, s := range c.Sites {
		t.Rows = append(t.Rows, row{Cells: [][]string{{SiteName(s)}, {s.Engagement.Name + " (" + s.Engagement.ID + ")"},
			{s.Pack.ID + "@" + s.Pack.Version}, {statusLabel(s.Engagement.Status, lang)}, {fmt.Sprintf("%d/%d", s.Reviewed, len(s.Answers))}}})
	}
	return t
}

// scoreTable is a row per site with its figure of the round ("self" or
// "after") in each category and in total; "–" where its pack lacks the
// category.
func scoreTable(c *Comparison, cols []ClientColumn, round string, lang assessment.Lang) block {
	head := []string{label(lang, "site")}
	widths := []int{20}
	for _, col := range cols {
		head, widths = append(head, col.Label.Inline(lang)), append(widths, 80/(len(cols)+1))
	}
	t := block{Kind: kTable, Head: append(head, label(lang, "total")), Widths: append(widths, 80/(len(cols)+1))}
	for _, s := range c.Sites {
		cells := [][]string{{SiteName(s)}}
		for _, id := range append(columnIDs(cols), "") {
			sr, ok := Row(s, id)
			cells = append(cells, []string{roundFigure(sr, ok, round, lang)})
		}
		class := make([]string, len(cells))
		class[len(class)-1] = "total"
		t.Rows = append(t.Rows, row{Cells: cells, Class: class})
	}
	return t
}

func columnIDs(cols []ClientColumn) []string {
	ids := make([]string, len(cols))
	for i, c := range cols {
		ids[i] = c.ID
	}
	return ids
}

// roundFigure is a summary row's figure of a round, or "–" for no row.
func roundFigure(sr assessment.SummaryRow, ok bool, round string, lang assessment.Lang) string {
	switch {
	case !ok:
		return "–"
	case round == "self":
		return figure(sr.Self, lang)
	}
	return figure(sr.After, lang)
}

// clientProvisional says whether any site shows a provisional figure.
func clientProvisional(c *Comparison) bool {
	for _, s := range c.Sites {
		if provisional(s) {
			return true
		}
	}
	return false
}

// mixedVersions says whether the sites were assessed on more than one
// checklist (pack id and version).
func mixedVersions(c *Comparison) bool {
	for _, s := range c.Sites {
		if s.Pack.ID != c.Sites[0].Pack.ID || s.Pack.Version != c.Sites[0].Pack.Version {
			return true
		}
	}
	return false
}

// markdown writes blocks as a Markdown document.
func markdown(doc []block) []byte {
	var b bytes.Buffer
	for i, bl := range doc {
		if i > 0 {
			b.WriteString("\n")
		}
		mdBlock(&b, bl)
	}
	return b.Bytes()
}

// ClientSheetNames are the comparison workbook's sheets in a language:
// the score tables, then the charts.
func ClientSheetNames(lang assessment.Lang) [2]string {
	l := lang
	if l == assessment.Both {
		l = assessment.EN
	}
	return [2]string{label(l, "sheet_client"), label(l, "sheet_charts")}
}

// clientXLSX writes the comparison as a workbook: the sites and both
// rounds' scores with numbers in their own cells on the first sheet, each
// site's radar chart under its name on the second.
func clientXLSX(c *Comparison, lang assessment.Lang, charts [][]byte) ([]byte, error) {
	names := ClientSheetNames(lang)
	w, err := newWorkbook(names[:])
	if err != nil {
		return nil, err
	}
	defer w.f.Close()
	sheet := names[0]
	w.row(sheet, 1, 0, label(lang, "client_title")+" — "+c.Client)
	w.row(sheet, 2, 0, label(lang, "as_of"), c.AsOf.Format(timeFormat))
	n := 4
	st := sitesTable(c, lang)
	n = w.table(sheet, n, st)
	w.row(sheet, n, 0, label(lang, "client_note"))
	cols := c.Columns()
	for _, round := range []string{"after", "self"} {
		n += 2
		w.row(sheet, n, 0, label(lang, "client_"+round))
		n = clientScores(w, c, cols, round, lang, sheet, n+1)
	}
	w.widths(sheet, 24, 28, 22, 26, 16, 16, 8, 16, 8, 16, 8, 20)
	for i, s := range c.Sites {
		if w.err != nil {
			break
		}
		at := 1 + i*22
		w.row(names[1], at, 0, SiteName(s))
		cell, _ := excelize.CoordinatesToCellName(1, at+1)
		w.err = w.f.AddPictureFromBytes(names[1], cell, &excelize.Picture{Extension: ".png", File: charts[i],
			Format: &excelize.GraphicOptions{AltText: chartCaption(s, lang), ScaleX: 0.75, ScaleY: 0.75}})
	}
	return w.bytes()
}

// clientScores writes a round's score table from row n: per site, each
// category's and the total's score and grade in cells of their own (a
// reason in words where there is no score), and which figures are
// provisional. It returns the row after the table.
func clientScores(w *sheetWriter, c *Comparison, cols []ClientColumn, round string, lang assessment.Lang, sheet string, n int) int {
	head := []any{label(lang, "site")}
	for _, col := range append(cols, ClientColumn{Label: labels["total"]}) {
		head = append(head, col.Label.Inline(lang), label(lang, "grade"))
	}
	w.row(sheet, n, w.head, append(head, label(lang, "provisional"))...)
	for _, s := range c.Sites {
		n++
		values, prov := []any{SiteName(s)}, []string{}
		for _, col := range append(cols, ClientColumn{Label: labels["total"]}) {
			sr, ok := Row(s, col.ID)
			f := sr.After
			if round == "self" {
				f = sr.Self
			}
			if !ok {
				values = append(values, "–", "")
				continue
			}
			v := xlsxFigure(f, lang)
			values = append(values, v[0], v[1])
			if v[2] != "" {
				prov = append(prov, col.Label.Inline(lang))
			}
		}
		w.row(sheet, n, 0, append(values, strings.Join(prov, label(lang, "list_sep")))...)
	}
	return n + 1
}
