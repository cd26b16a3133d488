package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
)

// docxPackage renders the report as DOCX and opens it as a zip archive.
func docxPackage(t *testing.T, r *assessment.Report, lang assessment.Lang) map[string][]byte {
	t.Helper()
	b, err := render.DOCXReport(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// docxParagraphs parses WordprocessingML and returns the text of every
// paragraph (w:p), its runs (w:t) joined; parsing fails on malformed XML.
func docxParagraphs(t *testing.T, data []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var paras []string
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return paras
		}
		if err != nil {
			t.Fatalf("document is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inText = el.Name.Local == "t"
			if el.Name.Local == "p" {
				cur.Reset()
			}
		case xml.EndElement:
			inText = false
			if el.Name.Local == "p" {
				paras = append(paras, cur.String())
			}
		case xml.CharData:
			if inText {
				cur.Write(el)
			}
		}
	}
}

func contains(paras []string, want string) bool {
	for _, p := range paras {
		if strings.Contains(p, want) {
			return true
		}
	}
	return false
}

func TestDOCXReport_ReadsBackInBothLanguages(t *testing.T) {
	r := fixture(t)
	tests := []struct {
		lang assessment.Lang
		want []string
	}{
		{assessment.JA, []string{"OTセキュリティ評価報告書 — Plant A", "エグゼクティブサマリ", r.Overview.JA, "C (49%) 暫定・回答11/13",
			"自己診断で未確定の項目（3件）：2-3（わからない）、2-7（わからない）、4-2（わからない）", "主な所見（良い点と改善点）",
			"OTセキュリティの規程が現場で認識されていない。", "1-1～1-4", "[ドラフト] 外部入構者と協力会社への教育を含める。",
			"対策方針（優先度順）", "付録", "予算は年1回 | <b>承認</b>", "2026-11-22 10:00 JST 3-5 再評価 1 (ULEAD)", "JNSA SWG3", "Lead Assessor"}},
		{assessment.EN, []string{"OT security assessment report — Plant A", r.Overview.EN, "C (49%) provisional, 11/13 answered",
			"[draft] [out of date: the other language was edited since] Segments are not separated within the OT network.",
			"Countermeasure directions (by priority)", "Times are in the engagement's time zone (JST)."}},
		{assessment.Both, []string{"OTセキュリティの規程が現場で認識されていない。", "OT security rules are not recognised on the shop floor."}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			parts := docxPackage(t, r, tc.lang)
			for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"} {
				if _, ok := parts[name]; !ok {
					t.Fatalf("package lacks %s", name)
				}
				docxParagraphs(t, parts[name]) // every part is well-formed
			}
			paras := docxParagraphs(t, parts["word/document.xml"])
			for _, w := range tc.want {
				if !contains(paras, w) {
					t.Errorf("document lacks %q", w)
				}
			}
			if _, err := png.Decode(bytes.NewReader(parts["word/media/chart.png"])); err != nil {
				t.Errorf("embedded chart: %v", err)
			}
			if !bytes.Contains(parts["word/document.xml"], []byte(`r:embed="rIdChart"`)) || !bytes.Contains(parts["word/_rels/document.xml.rels"], []byte(`Id="rIdChart"`)) {
				t.Error("the chart is not placed in the document through its relationship")
			}
		})
	}
}

func TestDOCXReport_FirmAndAuthorInPropertiesAndFooter(t *testing.T) {
	r := fixture(t)
	parts := docxPackage(t, r, assessment.JA)
	var core struct {
		Title   string `xml:"title"`
		Creator string `xml:"creator"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	if core.Creator != "Lead Assessor" || core.Title != "OTセキュリティ評価報告書 — Plant A" {
		t.Errorf("core properties = %+v", core)
	}
	var app struct {
		Company string `xml:"Company"`
	}
	if err := xml.Unmarshal(parts["docProps/app.xml"], &app); err != nil {
		t.Fatal(err)
	}
	if app.Company != "JNSA SWG3" {
		t.Errorf("company = %q", app.Company)
	}
	if footer := docxParagraphs(t, parts["word/footer1.xml"]); !contains(footer, "JNSA SWG3 · OTセキュリティ評価報告書 — Plant A") {
		t.Errorf("footer = %q", footer)
	}
}

// Text that XML cannot carry as it is (markup, quotes, control
// characters) is escaped or replaced, never breaks the document.
func TestDOCXReport_EscapesHostileText(t *testing.T) {
	r := fixture(t)
	r.Engagement.Name = `<w:p>"Plant" & 'B'` + "\x01"
	r.Engagement.Firm = `</Company><x>`
	parts := docxPackage(t, r, assessment.EN)
	paras := docxParagraphs(t, parts["word/document.xml"])
	if !contains(paras, `<w:p>"Plant" & 'B'`+"\uFFFD") {
		t.Error("the engagement name did not come back as text")
	}
	var app struct {
		Company string `xml:"Company"`
	}
	if err := xml.Unmarshal(parts["docProps/app.xml"], &app); err != nil || app.Company != `</Company><x>` {
		t.Errorf("company = %q (%v)", app.Company, err)
	}
}

// The document's text, paragraph by paragraph, is a golden file in each
// language: what a consultant opens in Word.
func TestDOCXReport_TextMatchesGolden(t *testing.T) {
	r := fixture(t)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN} {
		t.Run(string(lang), func(t *testing.T) {
			paras := docxParagraphs(t, docxPackage(t, r, lang)["word/document.xml"])
			golden(t, "report_"+string(lang)+".docx.txt.golden", []byte(strings.Join(paras, "\n")+"\n"))
		})
	}
}

// An evidence picture is embedded as a JPEG thumbnail part, related from
// the document and shown inline with its caption; the HTML page carries it
// as a data: URL no larger than the thumbnail size.
func TestReports_EvidencePicturesAreThumbnails(t *testing.T) {
	r := fixture(t)
	parts := docxPackage(t, r, assessment.EN)
	thumb, ok := parts["word/media/evidence1.jpeg"]
	if !ok {
		t.Fatal("the DOCX has no word/media/evidence1.jpeg")
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(thumb))
	if err != nil || cfg.Width != 240 || cfg.Height != 180 {
		t.Errorf("thumbnail = %+v, %v; want a 240×180 JPEG of the 640×480 photo", cfg, err)
	}
	if _, ok := parts["word/media/evidence2.jpeg"]; ok {
		t.Error("a PDF or a note got a thumbnail")
	}
	rels, doc := string(parts["word/_rels/document.xml.rels"]), string(parts["word/document.xml"])
	if !strings.Contains(rels, `Id="rIdEvidence1"`) || !strings.Contains(rels, `Target="media/evidence1.jpeg"`) ||
		!strings.Contains(doc, `r:embed="rIdEvidence1"`) || !strings.Contains(doc, `descr="3-5 panel.png"`) {
		t.Error("the thumbnail is not related from the document and shown with its caption")
	}
	page, err := render.HTMLReport(r, assessment.JA)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`<img src="data:image/jpeg;base64,`)) || !bytes.Contains(page, []byte(`width="240" height="180" alt="3-5 panel.png"`)) {
		t.Error("the HTML page does not show the picture as a thumbnail")
	}
}
