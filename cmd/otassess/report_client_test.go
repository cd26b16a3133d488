package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestE2E_ReportClient compares two sites of a client made on the command
// line and answered in the console; a follow-up of the first site stands
// for it once it has answers, under the site's name.
func TestE2E_ReportClient(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun := func(stdin string, args ...string) string {
		t.Helper()
		out, stderr, code := run(t, stdin, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v exited %d: %s", args, code, stderr)
		}
		return out
	}
	mustRun("", "engagement", "create", "A 2025", "--client", "ACME", "--site", "Plant A", "--lang", "en")
	mustRun("", "engagement", "create", "B 2026", "--client", "acme", "--site", "Plant B", "--lang", "en")
	mustRun("", "engagement", "create", "X", "--client", "Other", "--site", "Plant A")
	all := strings.Repeat("3\n", len(items))
	mustRun(all, "chat", "--engagement", "A 2025", "--lang", "en")
	mustRun(strings.Repeat("1\n", len(items)), "chat", "--engagement", "B 2026", "--lang", "en")
	mustRun("", "engagement", "create", "A 2026", "--from", "A 2025")

	var v struct {
		Client string `json:"client"`
		Sites  []struct {
			Site       string `json:"site"`
			Engagement struct {
				Name string `json:"name"`
			} `json:"engagement"`
			Total struct {
				After struct {
					Score *int `json:"score"`
				} `json:"after"`
			} `json:"total"`
		} `json:"sites"`
	}
	read := func() string {
		t.Helper()
		out := mustRun("", "report", "--client", "Acme", "--format", "json")
		v.Sites = nil
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		var s []string
		for _, st := range v.Sites {
			score := "none"
			if st.Total.After.Score != nil {
				score = strconv.Itoa(*st.Total.After.Score)
			}
			s = append(s, st.Site+":"+st.Engagement.Name+":"+score)
		}
		return strings.Join(s, " ")
	}
	// The follow-up has no answer yet: last year's engagement stands for the site.
	if got := read(); got != "Plant A:A 2025:81 Plant B:B 2026:41" || v.Client != "ACME" {
		t.Errorf("before the follow-up is answered: %s (client %q)", got, v.Client)
	}
	mustRun("2\n", "chat", "--engagement", "A 2026", "--lang", "en")
	if got := read(); got != "Plant A:A 2026:60 Plant B:B 2026:41" {
		t.Errorf("after one answer in the follow-up: %s", got)
	}
	for _, format := range []string{"md", "html", "xlsx", "docx"} {
		file := filepath.Join(t.TempDir(), "c."+format)
		mustRun("", "report", "--client", "ACME", "-o", file, "--lang", "ja")
	}
	md := mustRun("", "report", "--client", "ACME", "--lang", "ja")
	if !strings.HasPrefix(md, "# 拠点別比較報告書 — ACME\n") || !strings.Contains(md, "| Plant B | C (40%) | C (41%) | D (39%) | C (41%) | **C (41%)** |") {
		t.Errorf("Markdown:\n%s", md)
	}
}

func TestE2E_ReportClientBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if _, stderr, code := run(t, "", "engagement", "create", "A", "--client", "ACME", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--client", "Nobody"}, `no engagement has the client "Nobody" (clients: ACME)`},
		{[]string{"--client", "ACME", "--engagement", "A"}, "give --engagement or --client, not both"},
	} {
		_, stderr, code := run(t, "", append([]string{"report", "--db", db}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
