package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// TestGroupSites_ClientSitesAndFollowUps groups a client's engagements:
// the client compared folded, a follow-up without client or site taking
// its predecessor's, the site the key (several chains of one site are one
// site), an engagement without a site its own site, newest first.
func TestGroupSites_ClientSitesAndFollowUps(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	eng := func(id, client, site string, day int) *bot.Engagement {
		return &bot.Engagement{ID: id, Name: "E " + id, Client: client, Site: site, CreatedAt: t0.AddDate(0, 0, day)}
	}
	all := []*bot.Engagement{
		eng("a25", "ACME Corp", "Plant A", 0),
		eng("a26", "", "", 365),                  // follows a25
		eng("a27", "", "", 700),                  // follows a26
		eng("a-re", "acme corp", "plant a", 400), // a second chain of the same site
		eng("b", "ＡＣＭＥ　Corp", "Plant B", 10),
		eng("nosite", "ACME Corp", "", 20),
		eng("other", "Other Co", "Plant A", 30),
		eng("none", "", "", 40),
	}
	prev := map[string]string{"a26": "a25", "a27": "a26"}
	sites, known := groupSites(all, prev, "acme corp")
	var got []string
	for _, s := range sites {
		var ids []string
		for _, e := range s.engs {
			ids = append(ids, e.ID)
		}
		got = append(got, s.name+"="+strings.Join(ids, ",")+" ("+s.client+")")
	}
	want := "E nosite=nosite (ACME Corp) | Plant A=a27,a-re,a26,a25 (ACME Corp) | Plant B=b (ＡＣＭＥ　Corp)"
	if strings.Join(got, " | ") != want {
		t.Errorf("sites:\n got %s\nwant %s", strings.Join(got, " | "), want)
	}
	if strings.Join(known, ", ") != "ACME Corp, Other Co" {
		t.Errorf("known clients %q", known)
	}
}

func TestInherited_StopsOnACycle(t *testing.T) {
	a := &bot.Engagement{ID: "a"}
	b := &bot.Engagement{ID: "b"}
	c, s := inherited(a, map[string]*bot.Engagement{"a": a, "b": b}, map[string]string{"a": "b", "b": "a"})
	if c != "" || s != "" {
		t.Errorf("inherited %q %q from a cycle without names", c, s)
	}
	if r := root("a", map[string]string{"a": "b", "b": "a"}); r != "a" && r != "b" {
		t.Errorf("root %q", r)
	}
}

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
