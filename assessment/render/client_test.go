package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/assessment/render"
)

// clientFixture is a client with two sites: the full fixture (Bangkok,
// under review, with provisional figures) and a second plant whose every
// item is answered 3 and the supply chain all N/A.
func clientFixture(t *testing.T) *render.Comparison {
	t.Helper()
	a := fixture(t)
	p := assessmenttest.DefaultPack(t)
	self := map[string]assessment.Answer{}
	for _, it := range p.Items {
		self[it.ID] = assessment.Answer{Value: "3"}
		if it.Category == "supply" {
			self[it.ID] = assessment.Answer{Value: "na"}
		}
	}
	b := assessment.BuildReport(assessment.ReportInput{Pack: p, AsOf: a.AsOf, Self: self,
		Engagement: assessment.ReportEngagement{ID: "f0e1d2c3b4", Name: "Plant B 2026", Client: "ACME", Status: "reported"}})
	return &render.Comparison{Client: "ACME", AsOf: a.AsOf, Sites: []*assessment.Report{a, b}}
}

func TestClientReport_MarkdownMatchesGolden(t *testing.T) {
	c := clientFixture(t)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN} {
		t.Run(string(lang), func(t *testing.T) {
			got, err := render.ClientReport(c, render.Markdown, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "client_"+string(lang)+".md.golden", got)
		})
	}
}

// TestClientReport_SitesSideBySide reads the Markdown score tables: a row
// per site (its site field, else its engagement's name), a column per
// category and the total, each the site's own figure of that round.
func TestClientReport_SitesSideBySide(t *testing.T) {
	c := clientFixture(t)
	md, err := render.ClientReport(c, render.Markdown, assessment.EN)
	if err != nil {
		t.Fatal(err)
	}
	after := section(t, string(md), "## Results after assessment by site")
	self := section(t, string(md), "## Self-assessment results by site")
	wantB := "| Plant B 2026 | A (80%) | A (82%) | A (81%) | not scorable (N/A for half or more) | **not scorable (N/A for half or more)** |"
	for name, tbl := range map[string]string{"after": after, "self": self} {
		if !strings.Contains(tbl, "| Site | People | Process | Technology | Supply chain | Total |") {
			t.Errorf("%s table head:\n%s", name, tbl)
		}
		if !strings.Contains(tbl, wantB) {
			t.Errorf("%s table lacks Plant B's row %q:\n%s", name, wantB, tbl)
		}
	}
	a := c.Sites[0].Summary
	if !strings.Contains(after, "| Bangkok | "+figureMD(a[0].After)) || !strings.Contains(self, "| Bangkok | "+figureMD(a[0].Self)) {
		t.Errorf("Bangkok's People figures are not its own:\nafter %s\nself %s", after, self)
	}
	if figureMD(a[0].After) == figureMD(a[0].Self) {
		t.Fatal("the fixture's rounds should differ in People, to tell the tables apart")
	}
}

func figureMD(f assessment.Figure) string {
	v, g, prov, _ := f.Shown()
	s := string(g) + " (" + itoa(v) + "%)"
	if prov {
		s += " provisional"
	}
	return s
}

// section is the text of a Markdown section, up to the next one.
func section(t *testing.T, md, head string) string {
	t.Helper()
	i := strings.Index(md, head)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", head, md)
	}
	rest := md[i+len(head):]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func TestClientReport_HTMLEmbedsARadarPerSite(t *testing.T) {
	c := clientFixture(t)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN} {
		got, err := render.ClientReport(c, render.HTML, lang)
		if err != nil {
			t.Fatal(err)
		}
		uris := dataURI.FindAll(got, -1)
		if len(uris) != 2 || bytes.Equal(uris[0], uris[1]) {
			t.Fatalf("%s: the page embeds %d PNG charts (distinct: %v), want one per site", lang, len(uris), len(uris) == 2 && !bytes.Equal(uris[0], uris[1]))
		}
		for _, site := range []string{"<h3>Bangkok</h3>", "<h3>Plant B 2026</h3>"} {
			if !bytes.Contains(got, []byte(site)) {
				t.Errorf("%s: no heading %s", lang, site)
			}
		}
	}
}

func TestClientReport_DOCXHasEachSitesChart(t *testing.T) {
	c := clientFixture(t)
	b, err := render.ClientReport(c, render.DOCX, assessment.JA)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if _, ok := parts["word/media/chart.png"]; ok {
		t.Error("the comparison carries a report's own chart part")
	}
	rels, doc := string(parts["word/_rels/document.xml.rels"]), string(parts["word/document.xml"])
	for _, n := range []string{"1", "2"} {
		if _, err := png.Decode(bytes.NewReader(parts["word/media/chart"+n+".png"])); err != nil {
			t.Errorf("chart %s: %v", n, err)
		}
		if !strings.Contains(rels, `Id="rIdChart`+n+`" `) || !strings.Contains(doc, `r:embed="rIdChart`+n+`"`) {
			t.Errorf("chart %s is not placed through its relationship", n)
		}
	}
	if strings.Contains(rels, `Id="rIdChart"`) {
		t.Error("a relationship points at a chart part the package lacks")
	}
	paras := strings.Join(docxParagraphs(t, parts["word/document.xml"]), "\n")
	if !strings.Contains(paras, "拠点別比較報告書 — ACME") || !strings.Contains(paras, "Plant B 2026") {
		t.Errorf("document text:\n%.600s", paras)
	}
}

func TestClientReport_XLSXNumbersInTheirCells(t *testing.T) {
	c := clientFixture(t)
	b, err := render.ClientReport(c, render.XLSX, assessment.EN)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := render.ClientSheetNames(assessment.EN)
	rows, err := f.GetRows(names[0])
	if err != nil {
		t.Fatal(err)
	}
	var scores [][]string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "Plant B 2026" && !strings.HasPrefix(r[1], "Plant B") {
			scores = append(scores, r)
		}
	}
	if len(scores) != 2 {
		t.Fatalf("Plant B 2026 has %d score rows, want one per round, in:\n%q", len(scores), rows)
	}
	for _, r := range scores {
		if r[1] != "80" || r[2] != "A" || r[3] != "82" || r[7] != "not scorable (N/A for half or more)" {
			t.Errorf("Plant B's row: %q", r)
		}
	}
	pics, err := f.GetPictureCells(names[1])
	if err != nil || len(pics) != 2 {
		t.Errorf("the charts sheet has pictures in %v (%v), want two", pics, err)
	}
}

func TestClientReport_JSON(t *testing.T) {
	c := clientFixture(t)
	b, err := render.ClientReport(c, render.JSON, assessment.JA)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Client     string `json:"client"`
		Categories []struct {
			ID string `json:"id"`
		} `json:"categories"`
		Sites []struct {
			Site       string `json:"site"`
			Engagement struct {
				ID string `json:"id"`
			} `json:"engagement"`
			Pack struct {
				Version string `json:"version"`
			} `json:"pack"`
			Categories []struct {
				Category string `json:"category"`
				After    struct {
					Score *int `json:"score"`
				} `json:"after"`
			} `json:"categories"`
			Total struct {
				Self struct {
					Score       *int `json:"score"`
					Provisional bool `json:"provisional"`
				} `json:"self"`
			} `json:"total"`
		} `json:"sites"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Client != "ACME" || len(v.Categories) != 4 || len(v.Sites) != 2 {
		t.Fatalf("client %q, %d categories, %d sites", v.Client, len(v.Categories), len(v.Sites))
	}
	s := v.Sites[1]
	if s.Site != "Plant B 2026" || s.Engagement.ID != "f0e1d2c3b4" || s.Pack.Version == "" || len(s.Categories) != 4 ||
		s.Categories[0].Category != "org" || s.Categories[0].After.Score == nil || *s.Categories[0].After.Score != 80 {
		t.Errorf("second site: %+v", s)
	}
	if v.Sites[0].Site != "Bangkok" || v.Sites[0].Total.Self.Score == nil || !v.Sites[0].Total.Self.Provisional {
		t.Errorf("first site: %+v", v.Sites[0])
	}
}

func TestClientFileName(t *testing.T) {
	c := &render.Comparison{Client: "ACME / 東京", AsOf: time.Now()}
	if got := render.ClientFileName(c, render.HTML, assessment.JA); got != "otassess-client-ACME-東京-ja.html" {
		t.Errorf("file name %q", got)
	}
}
