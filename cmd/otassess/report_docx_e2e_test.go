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

// A console engagement created with a firm and an author, answered with
// "not sure" items and Japanese comments: report --format docx needs -o,
// writes a Word package whose document carries the Japanese report with a
// provisional self column and whose properties name the firm and author;
// --format json carries summary.categories and findings.
func TestE2E_ReportDOCXAndJSONFromAConsoleEngagement(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	if _, stderr, code := run(t, "", "engagement", "create", "第二工場", "--db", db, "--firm", "JNSA SWG3", "--author", "佐藤 花子", "--tz", "Asia/Bangkok"); code != 0 {
		t.Fatalf("engagement create exited %d: %s", code, stderr)
	}
	answers := answerSet()
	answers[7], answers[11] = "わからない", "unsure" // 2-3 and 2-7 stay open
	answers[0] = "1 予算は年1回の計画時のみ確保している"
	in := "start\n" + strings.Join(answers, "\n") + "\n"
	if _, stderr, code := run(t, in, "chat", "--db", db, "--engagement", "第二工場", "--lang", "ja"); code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "report", "--db", db, "--engagement", "第二工場", "--format", "docx"); code != 2 || !strings.Contains(stderr, "give -o FILE") {
		t.Errorf("docx without -o exited %d: %s", code, stderr)
	}
	file := filepath.Join(dir, "r.docx")
	if out, stderr, code := run(t, "", "report", "--db", db, "--engagement", "第二工場", "--lang", "ja", "-o", file); code != 0 {
		t.Fatalf("report exited %d (%s): %s", code, out, stderr)
	}
	parts := unzipParts(t, file)
	doc := string(parts["word/document.xml"])
	for _, want := range []string{"OTセキュリティ評価報告書 — 第二工場", "暫定・回答11/13", "2-3（わからない）、2-7（わからない）", "予算は年1回の計画時のみ確保している", "+07 1-1 自己診断 1"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	if !strings.Contains(string(parts["docProps/app.xml"]), "<Company>JNSA SWG3</Company>") || !strings.Contains(string(parts["docProps/core.xml"]), "<dc:creator>佐藤 花子</dc:creator>") {
		t.Error("the firm or the author is missing from the document properties")
	}
	js, stderr, code := run(t, "", "report", "--db", db, "--engagement", "第二工場", "--format", "json")
	if code != 0 {
		t.Fatalf("json report exited %d: %s", code, stderr)
	}
	var rep struct {
		Engagement struct{ Firm, Author, Timezone string }
		Findings   []map[string]any
		Summary    struct {
			Categories []struct{ Self, After map[string]any }
		}
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	ops := rep.Summary.Categories[1].Self
	if rep.Engagement.Firm != "JNSA SWG3" || rep.Engagement.Timezone != "Asia/Bangkok" || ops["provisional"] != true || ops["answered"] != float64(11) {
		t.Errorf("json: engagement %+v, ops self %v", rep.Engagement, ops)
	}
	if rep.Findings == nil {
		t.Error("json has no findings list")
	}
}

func unzipParts(t *testing.T, file string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report file mode = %v (%v), want private to its owner", fi.Mode(), err)
	}
	return parts
}
