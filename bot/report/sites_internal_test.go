package report

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

func TestClientKey_FoldsCaseWidthAndSpaces(t *testing.T) {
	for _, in := range []string{"ACME Corp", "  acme   corp ", "ＡＣＭＥ　Ｃｏｒｐ", "Acme\tCORP"} {
		if got := ClientKey(in); got != "acme corp" {
			t.Errorf("ClientKey(%q) = %q, want acme corp", in, got)
		}
	}
	if ClientKey("ACME Corp.") == ClientKey("ACME Corp") {
		t.Error("a different name folds to the same key")
	}
}

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
		for _, e := range s.Engs {
			ids = append(ids, e.ID)
		}
		got = append(got, s.Name+"="+strings.Join(ids, ",")+" ("+s.Client+")")
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
