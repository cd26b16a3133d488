package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage"
)

// chatFigures runs the answer set through a piped chat on a new database
// and returns the database and the scores the chat posted, in order: the
// four categories, then the total, as "61 B".
func chatFigures(t *testing.T) (string, []string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "r.db")
	out, stderr, code := run(t, strings.Join(answerSet(), "\n")+"\n", "chat", "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	var figs []string
	for _, m := range figureLine.FindAllStringSubmatch(out, -1) {
		figs = append(figs, m[2]+" "+m[3])
	}
	if len(figs) != 5 {
		t.Fatalf("chat posted %d scores, want 4 categories and the total:\n%s", len(figs), out)
	}
	return db, figs
}

var mdSummaryRow = regexp.MustCompile(`(?m)^\| (?:\*\*)?([^|*]+?)(?:\*\*)? \| ([A-D]) \((\d+)%\) \| ([A-D]) \((\d+)%\) \|`)

func TestE2E_ReportMarkdownMatchesTheChatScores(t *testing.T) {
	db, figs := chatFigures(t)
	md, stderr, code := run(t, "", "report", "--db", db, "--engagement", "console", "--format", "md", "--lang", "en")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	if !strings.HasPrefix(md, "# OT security assessment report — console\n") {
		t.Errorf("report starts %.80q", md)
	}
	rows := mdSummaryRow.FindAllStringSubmatch(md, -1)
	if len(rows) != 5 {
		t.Fatalf("report has %d summary rows with scores, want 5:\n%s", len(rows), md)
	}
	for i, r := range rows {
		self, after := r[3]+" "+r[2], r[5]+" "+r[4]
		if self != figs[i] || after != figs[i] {
			t.Errorf("%s: report says self %s, after %s; the chat said %s", r[1], self, after, figs[i])
		}
	}
	if rows[4][1] != "Total" {
		t.Errorf("last summary row is %q, want Total", rows[4][1])
	}
}

func TestE2E_ReportXLSXReadsBackWithTheChatScores(t *testing.T) {
	db, figs := chatFigures(t)
	file := filepath.Join(t.TempDir(), "f.xlsx")
	out, stderr, code := run(t, "", "report", "--db", db, "--engagement", "console", "--format", "xlsx", "--lang", "en", "-o", file)
	if code != 0 || out != "report written to "+file+"\n" {
		t.Fatalf("report exited %d, printed %q: %s", code, out, stderr)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	head := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Category" {
			head = i
		}
	}
	if head < 0 || len(rows) < head+6 {
		t.Fatalf("no score table on the Summary sheet: %q", rows)
	}
	for i, want := range figs {
		r := append(rows[head+1+i], make([]string, 9)...) // GetRows drops empty trailing cells
		// Columns: category, self score, grade, provisional mark, after
		// score, grade, provisional mark: a complete round is not provisional.
		if got := r[1] + " " + r[2]; got != want || r[4]+" "+r[5] != want || r[3] != "" || r[6] != "" {
			t.Errorf("Summary row %q: self %s (%q), after %s %s (%q); the chat said %s", r[0], got, r[3], r[4], r[5], r[6], want)
		}
	}
	answers, err := f.GetRows("Answers")
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 1+len(items) {
		t.Fatalf("Answers sheet has %d rows, want a header and %d items", len(answers), len(items))
	}
	for i, id := range items {
		want := answerSet()[i]
		if got := answers[i+1][0]; got != id || !strings.HasPrefix(answers[i+1][5], want+" ") {
			t.Errorf("Answers row %d: item %s, self %q; want %s answered %s", i+2, got, answers[i+1][5], id, want)
		}
	}
}

// twoNamed makes a database with two engagements named Plant, as two
// Slack channels may.
func twoNamed(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "two.db")
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	en := engine.New(db, reg, bot.SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{})
	for _, ch := range []string{"C1", "C2"} {
		lead := bot.UserRef{Platform: "slack", Workspace: "T1", ID: "ULEAD"}
		if _, err := en.CreateEngagement(ctx, bot.EngagementSpec{Name: "Plant", Platform: "slack", Workspace: "T1", Channel: ch, Creator: lead}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestE2E_BadReportAndEngagementInputExits2NamingTheProblem(t *testing.T) {
	db, _ := chatFigures(t)
	two := twoNamed(t)
	missing := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"report", "--db", db, "--format", "md"}, "--engagement"},
		{[]string{"report", "--db", db, "--engagement", "console", "--format", "pdf"}, "--format"},
		{[]string{"report", "--db", db, "--engagement", "console", "--lang", "fr"}, "--lang"},
		{[]string{"report", "--db", db, "--engagement", "console", "--format", "xlsx"}, "-o FILE"},
		{[]string{"report", "--db", db, "--engagement", "console", "--colour"}, "-colour"},
		{[]string{"report", "--db", db, "--engagement", "Plant-Z"}, `"Plant-Z"`},
		{[]string{"report", "--db", two, "--engagement", "Plant"}, "ambiguous"},
		{[]string{"report", "--db", missing, "--engagement", "console"}, "--db"},
		{[]string{"engagement", "purge", "console", "--db", db}, "--confirm"},
		{[]string{"engagement", "close", "--db", db}, "engagement close ID|NAME"},
		{[]string{"engagement", "show", "Plant", "--db", two}, "ambiguous"},
		{[]string{"engagement", "create", "console", "--db", db}, `"console" exists`},
		{[]string{"engagement", "create", "Plant-B", "--db", db, "--pack", "nope"}, "--pack"},
		{[]string{"engagement", "create", "Plant-B", "--db", db, "--tz", "Mars/Olympus"}, "--tz"},
		{[]string{"engagement", "list", "--db", db, "--format", "xml"}, "--format"},
		{[]string{"engagement", "rename", "console"}, `"rename"`},
	}
	for _, tc := range tests {
		out, stderr, code := run(t, "", tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 naming %s", strings.Join(tc.args, " "), code, out, stderr, tc.want)
		}
	}
	list, _, _ := run(t, "", "engagement", "list", "--db", db, "--format", "json")
	var rows []engagementRow
	if err := json.Unmarshal([]byte(list), &rows); err != nil || len(rows) != 1 || rows[0].Name != "console" || rows[0].Status != bot.StatusSelfAssessment {
		t.Errorf("after the refusals the engagements are %+v (%v), want console alone, untouched", rows, err)
	}
}

func TestE2E_EngagementLifecycleFromCreateToPurge(t *testing.T) {
	db := filepath.Join(t.TempDir(), "life.db")
	out, stderr, code := run(t, "", "engagement", "create", "Plant-A", "--lang", "en", "--client", "ACME", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "created engagement Plant-A (") {
		t.Fatalf("create exited %d: %q %s", code, out, stderr)
	}
	id := regexp.MustCompile(`\(([0-9a-f]{10})\)`).FindStringSubmatch(out)[1]
	if _, stderr, code := run(t, strings.Join(answerSet(), "\n")+"\n", "chat", "--db", db, "--engagement", "Plant-A"); code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	show, _, code := run(t, "", "engagement", "show", id, "--db", db)
	for _, want := range []string{"name:          Plant-A", "client:        ACME", "status:        self_assessment", "self round:    32/32", "people:        local (assessor, lead, spoc)"} {
		if code != 0 || !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"engagement", "close", "Plant-A"}, 0, "closed engagement Plant-A (" + id + ")"},
		{[]string{"engagement", "list"}, 0, id + "  Plant-A  closed"},
		{[]string{"engagement", "close", id}, 2, "already closed"},
		{[]string{"engagement", "purge", id, "--confirm"}, 0, "backups made before now still hold it"},
		{[]string{"engagement", "show", id}, 2, `"` + id + `"`},
		{[]string{"report", "--engagement", "Plant-A"}, 2, `"Plant-A"`},
	}
	for _, s := range steps {
		out, stderr, code := run(t, "", append(s.args, "--db", db)...)
		if code != s.code || !strings.Contains(out+stderr, s.want) {
			t.Errorf("%s: exit %d, %q %q; want exit %d and %q", strings.Join(s.args, " "), code, out, stderr, s.code, s.want)
		}
	}
	list, _, _ := run(t, "", "engagement", "list", "--db", db, "--format", "json")
	if strings.TrimSpace(list) != "[]" {
		t.Errorf("after the purge the list is %s", list)
	}
}
