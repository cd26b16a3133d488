package render_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var dataURI = regexp.MustCompile(`data:image/png;base64,[A-Za-z0-9+/=]+`)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./assessment/render -update and review the diff", name)
	}
}

func TestMarkdownReport_MatchesGolden(t *testing.T) {
	r := fixture(t)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN, assessment.Both} {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "report_"+string(lang)+".md.golden", render.MarkdownReport(r, lang))
		})
	}
}

func TestHTMLReport_MatchesGoldenWithChartEmbedded(t *testing.T) {
	r := fixture(t)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN} {
		t.Run(string(lang), func(t *testing.T) {
			got, err := render.HTMLReport(r, lang)
			if err != nil {
				t.Fatal(err)
			}
			uris := dataURI.FindAll(got, -1)
			if len(uris) != 1 {
				t.Fatalf("the page embeds %d PNG images, want the chart", len(uris))
			}
			if bytes.Contains(got, []byte("<b>")) || bytes.Contains(got, []byte("src=\"http")) {
				t.Error("the page holds raw markup from a comment or an external resource")
			}
			golden(t, "report_"+string(lang)+".html.golden", dataURI.ReplaceAll(got, []byte("data:image/png;base64,CHART")))
		})
	}
}

func TestRadarPNG_DecodesAtChartSize(t *testing.T) {
	b, err := render.RadarPNG(fixture(t), assessment.JA)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != render.ChartWidth || got.Y != render.ChartHeight {
		t.Errorf("chart is %v, want %dx%d", got, render.ChartWidth, render.ChartHeight)
	}
}

// openXLSX renders the report as a workbook and opens it for reading.
func openXLSX(t *testing.T, r *assessment.Report, lang assessment.Lang) *excelize.File {
	t.Helper()
	b, err := render.XLSXReport(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXReport_ReadsBackCellByCell(t *testing.T) {
	r := fixture(t)
	f := openXLSX(t, r, assessment.EN)
	if got, want := f.GetSheetList(), []string{"Summary", "Findings", "Answers", "POA&M", "Evidence"}; !equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	cells := map[string]map[string]string{
		"Summary": {
			"A1": "OT security assessment report",
			"A2": "Engagement", "B2": "Plant A (a1b2c3d4e5)", "A5": "Assessed by", "B5": "JNSA SWG3", "A6": "Author", "B6": "Lead Assessor",
			"A12": "Executive summary", "A13": r.Overview.EN,
			"A15": "Category", "B15": "Self-assessment result", "C15": "Grade", "E15": "Result after assessment", "H15": "Reference average", "I15": "Against the reference",
			"A16": "People", "B16": itoa(*r.Summary[0].Self.Score), "C16": string(*r.Summary[0].Self.Grade), "D16": "",
			"A17": "Process", "B17": itoa(r.Summary[1].Self.Estimate.Score), "D17": "provisional 11/13",
			"A18": "Technology", "E18": itoa(*r.Summary[2].After.Score), "H18": itoa(*r.Summary[2].Reference),
			"A20": "Total", "G20": "provisional 31/32",
			"A23": "Open in the self-assessment (3): 2-3 (not sure), 2-7 (not sure), 4-2 (not sure)",
		},
		"Findings": {
			"A1": "#", "B1": "Kind", "D1": "Reference items", "E1": "Priority", "F1": "Risk factor", "G1": "Status",
			"B2": "Improvement", "C2": "People", "D2": "1-1 to 1-4", "E2": "1", "G2": "approved",
			"B3": "Good point", "D3": "3-7",
			"F4": "[draft] [out of date: the other language was edited since] Segments are not separated within the OT network.", "G4": "draft",
			"C5": "On-site survey", "D5": "–",
			"A7": "Countermeasure directions (by priority)", "A9": "1", "C9": "Head office and the site should agree on who coordinates, and make the rules known.",
		},
		"Answers": {
			"A1": "Item", "C1": "Key", "D1": "Weight", "E1": "Question", "F1": "Self-assessment", "G1": "Review", "H1": "After assessment", "I1": "Comment", "J1": "Answer history",
			"A2": "1-1", "B2": "People", "C2": "★", "D2": "4", "F2": "0 Not in place", "G2": "1 Partly in place",
			"A3": "1-2", "C3": "", "D3": "2",
		},
	}
	for sheet, want := range cells {
		for cell, w := range want {
			got, err := f.GetCellValue(sheet, cell)
			if err != nil || got != w {
				t.Errorf("%s!%s = %q (%v), want %q", sheet, cell, got, err, w)
			}
		}
	}
	row := 2 + indexOf(r, "3-5")
	for col, w := range map[string]string{"A": "3-5", "G": "1 Partly in place", "H": "1 Partly in place", "I": "[review] ULEAD: 現地調査で確認した（3-5）"} {
		if got, _ := f.GetCellValue("Answers", col+itoa(row)); got != w {
			t.Errorf("Answers!%s%d = %q, want %q", col, row, got, w)
		}
	}
	if hist, _ := f.GetCellValue("Answers", "J"+itoa(row)); !regexp.MustCompile(`(?s)JST 3-5 self na .*\n2026-11-22 10:00 JST 3-5 review 1 \(ULEAD\)$`).MatchString(hist) {
		t.Errorf("history of 3-5 = %q", hist)
	}
	pics, err := f.GetPictures("Summary", "K2")
	if err != nil || len(pics) != 1 {
		t.Fatalf("chart pictures at Summary!K2: %d (%v)", len(pics), err)
	}
	if _, err := png.Decode(bytes.NewReader(pics[0].File)); err != nil {
		t.Errorf("embedded chart: %v", err)
	}
}

func TestXLSXReport_JapaneseSheetNames(t *testing.T) {
	f := openXLSX(t, fixture(t), assessment.JA)
	if got, want := f.GetSheetList(), []string{"サマリ", "所見", "回答", "対策計画", "証跡"}; !equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	for cell, want := range map[string]string{"A16": "人・組織", "D17": "暫定 11/13"} {
		if got, _ := f.GetCellValue("サマリ", cell); got != want {
			t.Errorf("サマリ!%s = %q, want %q", cell, got, want)
		}
	}
}

func TestJSONReport_RoundTripsTheModel(t *testing.T) {
	r := fixture(t)
	b, err := render.JSONReport(r)
	if err != nil {
		t.Fatal(err)
	}
	var back assessment.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := render.JSONReport(&back)
	if !bytes.Equal(b, again) {
		t.Error("JSON does not round-trip")
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"md", "html", "xlsx", "json", "HTML"} {
		if _, err := render.ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := render.ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func indexOf(r *assessment.Report, item string) int {
	for i, a := range r.Answers {
		if a.Item == item {
			return i
		}
	}
	return -1
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestFileName_SafeNamesAndJSONInBothLanguages(t *testing.T) {
	r := fixture(t)
	tests := []struct {
		name   string
		format render.Format
		lang   assessment.Lang
		want   string
	}{
		{"Plant A/第2工場", render.HTML, assessment.JA, "otassess-Plant-A-第2工場-ja.html"},
		{"../../etc", render.Markdown, assessment.EN, "otassess-etc-en.md"},
		{"Plant-A", render.JSON, assessment.JA, "otassess-Plant-A-both.json"},
		{"***", render.XLSX, assessment.Both, "otassess-" + r.Engagement.ID + "-both.xlsx"},
	}
	for _, tc := range tests {
		r.Engagement.Name = tc.name
		if got := render.FileName(r, tc.format, tc.lang); got != tc.want {
			t.Errorf("FileName(%q, %s, %s) = %q, want %q", tc.name, tc.format, tc.lang, got, tc.want)
		}
	}
	r.Engagement.Name = "Plant A"
	if got := render.ChartFileName(r); got != "otassess-Plant-A-chart.png" {
		t.Errorf("ChartFileName = %q", got)
	}
}

// TestReports_BothLanguagesFillEveryFormat renders every text format in both
// languages and looks for fmt's marks of a format given the wrong arguments
// (a sentence of each language filled in separately, never one format of
// both languages).
func TestReports_BothLanguagesFillEveryFormat(t *testing.T) {
	r := fixture(t)
	html, err := render.HTMLReport(r, assessment.Both)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": string(render.MarkdownReport(r, assessment.Both)), "html": string(html)} {
		if i := strings.Index(out, "%!"); i >= 0 {
			t.Errorf("%s: a format went wrong: …%s…", name, out[max(0, i-80):min(len(out), i+40)])
		}
		for _, want := range []string{"自己診断で未確定の項目（3件）：2-3（わからない）", "Open in the self-assessment (3): 2-3 (not sure)"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// The POA&M sheet has a row per action with its finding, items, theme,
// planned action, owner, due date, status and record; the evidence sheet a
// row per file or note with its hash.
func TestXLSXReport_PlanAndEvidenceSheets(t *testing.T) {
	f := openXLSX(t, fixture(t), assessment.EN)
	for cell, want := range map[string]string{
		"A1": "#", "E1": "Action", "F1": "Owner", "G1": "Due",
		"A2": "1", "B2": "1", "C2": "1-1, 1-2, 1-3, 1-4", "D2": "Governance", "F2": "USPOC", "G2": "2027-03-31", "H2": "Done", "I2": "OT security committee set up",
		"H3": "In progress", "C4": "Site", "F4": "", "H4": "Open",
	} {
		if got, _ := f.GetCellValue("POA&M", cell); got != want {
			t.Errorf("POA&M!%s = %q, want %q", cell, got, want)
		}
	}
	if got, _ := f.GetCellValue("Evidence", "E3"); got != "9f2c6c0e5a1b4d3e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e" {
		t.Errorf("Evidence!E3 = %q, want panel.png's hash", got)
	}
}
