package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A console run from the first question to a plan with three actions, one
// done, two pieces of evidence (a photo and an on-site note) and one
// delegated range: the JSON report carries the plan, the evidence and the
// delegated items, the HTML, DOCX and XLSX reports list the delegated
// items, the Markdown report has the plan section.
func TestE2E_ConsoleEvidenceAndPlanReachTheReport(t *testing.T) {
	dir := t.TempDir()
	db, photo := filepath.Join(dir, "p.db"), filepath.Join(dir, "panel.png")
	if err := os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\nnot a real picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := append(answerSet(),
		"evidence 3-5 "+photo,
		"observe site The USB ports of line 2 are open.",
		"findings", "approve 1 2 3", "plan",
		"action 1 owner:@local due:2099-03-31",
		"action 2 doing",
		`action 1 done "Zones and conduits are defined."`,
		"assign 4-5,4-6 @it-lead",
	)
	out, stderr, code := run(t, strings.Join(lines, "\n")+"\n", "chat", "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	for _, want := range []string{"panel.png is kept as evidence of 3-5", "The on-site note on the site is kept as evidence", "Countermeasure plan (new actions: 3)", "Action 1 is done"} {
		if !strings.Contains(out, want) {
			t.Errorf("the chat lacks %q:\n%s", want, out)
		}
	}
	js, stderr, code := run(t, "", "report", "--db", db, "--engagement", "console", "--format", "json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	var r struct {
		Plan []struct {
			ID     int      `json:"id"`
			Items  []string `json:"items"`
			Theme  string   `json:"theme"`
			Owner  string   `json:"owner"`
			Due    string   `json:"due"`
			Status string   `json:"status"`
		} `json:"plan"`
		Evidence []struct {
			Item, Name, SHA256, By string
			At                     string `json:"at"`
		} `json:"evidence"`
		Delegated []struct {
			Items    []string `json:"items"`
			Holders  []string `json:"holders"`
			Answered int      `json:"answered"`
		} `json:"delegated"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Plan) != 3 || r.Plan[0].Status != "done" || r.Plan[0].Owner != "local" || r.Plan[0].Due != "2099-03-31" ||
		r.Plan[1].Status != "doing" || r.Plan[2].Status != "open" || len(r.Plan[0].Items) == 0 || r.Plan[0].Theme == "" {
		t.Errorf("plan = %+v", r.Plan)
	}
	if len(r.Evidence) != 2 || r.Evidence[0].Item != "3-5" || r.Evidence[0].Name != "panel.png" || len(r.Evidence[0].SHA256) != 64 ||
		r.Evidence[1].Item != "site" || r.Evidence[0].By == "" || r.Evidence[0].At == "" {
		t.Errorf("evidence = %+v", r.Evidence)
	}
	if d := r.Delegated; len(d) != 1 || strings.Join(d[0].Items, ",") != "4-5,4-6" || strings.Join(d[0].Holders, ",") != "it-lead" || d[0].Answered != 2 {
		t.Errorf("delegated = %+v", d)
	}
	for _, format := range []string{"html", "docx", "xlsx"} {
		file := filepath.Join(dir, "r."+format)
		if _, stderr, code := run(t, "", "report", "--db", db, "--engagement", "console", "--lang", "en", "-o", file); code != 0 {
			t.Fatalf("report %s exited %d: %s", format, code, stderr)
		}
		if text := reportText(t, file); !strings.Contains(text, "Items answered by delegates") || !strings.Contains(text, "it-lead") {
			t.Errorf("the %s report does not list the delegated items", format)
		}
	}
	md, _, _ := run(t, "", "report", "--db", db, "--engagement", "console", "--format", "md", "--lang", "en")
	if !strings.Contains(md, "## Countermeasure plan") || !strings.Contains(md, "Done: Zones and conduits are defined.") {
		t.Errorf("the Markdown report lacks the plan section")
	}

	// Next year's assessment follows it up: the two open actions carry
	// over and the report shows the trend per category.
	out, stderr, code = run(t, "", "engagement", "create", "Plant 2027", "--from", "console", "--db", db)
	if code != 0 || !strings.Contains(out, "created engagement Plant 2027") {
		t.Fatalf("create --from exited %d: %s%s", code, out, stderr)
	}
	js, _, _ = run(t, "", "report", "--db", db, "--engagement", "Plant 2027", "--format", "json")
	var next struct {
		Plan []struct {
			Status string `json:"status"`
		} `json:"plan"`
		Trend struct {
			Previous   string `json:"previous"`
			Categories []struct {
				Previous *int `json:"previous"`
			} `json:"categories"`
		} `json:"trend"`
	}
	if err := json.Unmarshal([]byte(js), &next); err != nil {
		t.Fatal(err)
	}
	if len(next.Plan) != 2 || next.Plan[0].Status != "doing" || next.Plan[1].Status != "open" {
		t.Errorf("carried-over plan = %+v, want actions 2 (doing) and 3 (open)", next.Plan)
	}
	if next.Trend.Previous != "console" || len(next.Trend.Categories) != 4 || next.Trend.Categories[0].Previous == nil {
		t.Errorf("trend = %+v", next.Trend)
	}
	_, stderr, code = run(t, "", "engagement", "create", "Plant 2028", "--from", "nowhere", "--db", db)
	if code != 2 || !strings.Contains(stderr, "--from names no engagement") {
		t.Errorf("create --from nowhere exited %d: %s", code, stderr)
	}
}

// reportText is the text of a report file: an HTML page as it is, a
// DOCX's document part, a workbook's shared strings.
func reportText(t *testing.T, file string) string {
	t.Helper()
	if strings.HasSuffix(file, ".html") {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if f.Name == "word/document.xml" || f.Name == "xl/sharedStrings.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(data)
		}
	}
	return b.String()
}
