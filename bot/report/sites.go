package report

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"golang.org/x/text/width"
)

// A client is known by the client field of its engagements (new …
// client:X, engagement create --client X), compared with ClientKey. A
// follow-up engagement without a client or site of its own takes those of
// the engagement it follows. A site is the site field, compared the same
// way; engagements without one are each a site of their own unless they
// follow one another. A site is represented by its newest engagement that
// has an answer, else its newest.

// ClientKey folds a client or site name for comparison: surrounding and
// repeated spaces, letter case and full- or half-width forms do not make
// another client ("ＡＣＭＥ  Corp" is "acme corp").
func ClientKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(width.Fold.String(name)), " "))
}

// Site is a site of a client: its name (the site field, else the name of
// its newest engagement), the client as its newest engagement names it,
// and its engagements, newest first.
type Site struct {
	Name, Client string
	Engs         []*bot.Engagement
}

// Sites are the client's engagements grouped by site, the sites in
// the order of their names; known lists the clients there are, for a
// message.
func Sites(ctx context.Context, db bot.Store, client string) ([]Site, []string, error) {
	var all []*bot.Engagement
	prev := map[string]string{}
	err := db.View(ctx, func(tx bot.Tx) error {
		var err error
		if all, err = tx.Engagements(); err != nil {
			return err
		}
		for _, e := range all {
			if prev[e.ID], err = tx.PreviousOf(e.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sites, known := groupSites(all, prev, ClientKey(client))
	return sites, known, nil
}

// groupSites does Sites' work on the engagements and the links from
// each follow-up to the engagement it follows.
func groupSites(all []*bot.Engagement, prev map[string]string, key string) ([]Site, []string) {
	byID := map[string]*bot.Engagement{}
	for _, e := range all {
		byID[e.ID] = e
	}
	clients := map[string]string{} // key → the client as first written
	bySite := map[string]*Site{}
	for _, e := range all {
		c, name := inherited(e, byID, prev)
		if _, ok := clients[ClientKey(c)]; c != "" && !ok {
			clients[ClientKey(c)] = c
		}
		if c == "" || ClientKey(c) != key {
			continue
		}
		k := "site:" + ClientKey(name)
		if name == "" {
			k = "chain:" + root(e.ID, prev)
		}
		s := bySite[k]
		if s == nil {
			s = &Site{}
			bySite[k] = s
		}
		s.Engs = append(s.Engs, e)
		if e == slices.MaxFunc(s.Engs, byCreated) {
			s.Name, s.Client = orElse(name, e.Name), c
		}
	}
	var sites []Site
	for _, s := range bySite {
		slices.SortFunc(s.Engs, func(a, b *bot.Engagement) int { return -byCreated(a, b) })
		sites = append(sites, *s)
	}
	slices.SortFunc(sites, func(a, b Site) int {
		return strings.Compare(ClientKey(a.Name), ClientKey(b.Name))
	})
	known := slices.Sorted(maps.Values(clients))
	return sites, known
}

// Latest is the report of a site's newest engagement with an answer, else
// of its newest; site is newest first.
func Latest(ctx context.Context, reportOf func(context.Context, string) (*assessment.Report, error), site []*bot.Engagement) (*assessment.Report, error) {
	var first *assessment.Report
	for _, e := range site {
		rep, err := reportOf(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		if total := rep.Summary[len(rep.Summary)-1]; total.Self.Answered > 0 || rep.Reviewed > 0 {
			return rep, nil
		}
		if first == nil {
			first = rep
		}
	}
	return first, nil
}

// byCreated orders engagements by when they were created, then by id.
func byCreated(a, b *bot.Engagement) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// inherited is an engagement's client and site, each taken from the
// engagements it follows when it has none of its own.
func inherited(e *bot.Engagement, byID map[string]*bot.Engagement, prev map[string]string) (client, site string) {
	client, site = strings.TrimSpace(e.Client), strings.TrimSpace(e.Site)
	seen := map[string]bool{e.ID: true}
	for id := prev[e.ID]; id != "" && !seen[id] && (client == "" || site == ""); id = prev[id] {
		seen[id] = true
		p, ok := byID[id]
		if !ok {
			break
		}
		client, site = orElse(client, strings.TrimSpace(p.Client)), orElse(site, strings.TrimSpace(p.Site))
	}
	return client, site
}

// orElse is a if it is set, else b.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// root is the first engagement of the chain of follow-ups id is in.
func root(id string, prev map[string]string) string {
	seen := map[string]bool{}
	for prev[id] != "" && !seen[id] {
		seen[id] = true
		id = prev[id]
	}
	return id
}
