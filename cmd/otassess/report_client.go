package main

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage"
)

// A client is known by the client field of its engagements (new …
// client:X, engagement create --client X), compared with
// assessment.ClientKey. A follow-up engagement without a client or site of
// its own takes those of the engagement it follows. A site is the site
// field, compared the same way; engagements without one are each a site of
// their own unless they follow one another. A site is represented by its
// newest engagement that has an answer, else its newest.

// clientReport writes the comparison of every site of a client.
func (m *Main) clientReport(ctx context.Context, db *storage.DB, en *engine.Engine, client string, format render.Format, lang assessment.Lang, out string) error {
	sites, known, err := clientSites(ctx, db, client)
	if err != nil {
		return err
	}
	if len(sites) == 0 {
		return usagef("report: --client: no engagement has the client %q (clients: %s)", client, orNone(known))
	}
	c := &render.Comparison{Client: sites[0].client}
	langs := map[assessment.Lang]bool{}
	for _, site := range sites {
		rep, err := latest(ctx, en, site.engs)
		if err != nil {
			return err
		}
		rep.Engagement.Client, rep.Engagement.Site = site.client, site.name
		c.Sites = append(c.Sites, rep)
		langs[site.engs[0].Langs] = true
	}
	c.AsOf = c.Sites[0].AsOf
	if lang == "" {
		lang = assessment.Both
		if len(langs) == 1 {
			lang = sites[0].engs[0].Langs
		}
	}
	data, err := render.ClientReport(c, format, lang)
	if err != nil {
		return err
	}
	return m.output(out, data)
}

// latest is the report of a site's newest engagement with an answer, else
// of its newest; site is newest first.
func latest(ctx context.Context, en *engine.Engine, site []*bot.Engagement) (*assessment.Report, error) {
	var first *assessment.Report
	for _, e := range site {
		rep, err := en.Report(ctx, e.ID)
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

// site is a site of a client: its name (the site field, else the name of
// its newest engagement), the client as its newest engagement names it,
// and its engagements, newest first.
type site struct {
	name, client string
	engs         []*bot.Engagement
}

// clientSites are the client's engagements grouped by site, the sites in
// the order of their names; known lists the clients there are, for a
// message.
func clientSites(ctx context.Context, db *storage.DB, client string) ([]site, []string, error) {
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
	sites, known := groupSites(all, prev, render.ClientKey(client))
	return sites, known, nil
}

// groupSites does clientSites' work on the engagements and the links from
// each follow-up to the engagement it follows.
func groupSites(all []*bot.Engagement, prev map[string]string, key string) ([]site, []string) {
	byID := map[string]*bot.Engagement{}
	for _, e := range all {
		byID[e.ID] = e
	}
	clients := map[string]string{} // key → the client as first written
	bySite := map[string]*site{}
	for _, e := range all {
		c, name := inherited(e, byID, prev)
		if _, ok := clients[render.ClientKey(c)]; c != "" && !ok {
			clients[render.ClientKey(c)] = c
		}
		if c == "" || render.ClientKey(c) != key {
			continue
		}
		k := "site:" + render.ClientKey(name)
		if name == "" {
			k = "chain:" + root(e.ID, prev)
		}
		s := bySite[k]
		if s == nil {
			s = &site{}
			bySite[k] = s
		}
		s.engs = append(s.engs, e)
		if e == slices.MaxFunc(s.engs, byCreated) {
			s.name, s.client = orElse(name, e.Name), c
		}
	}
	var sites []site
	for _, s := range bySite {
		slices.SortFunc(s.engs, func(a, b *bot.Engagement) int { return -byCreated(a, b) })
		sites = append(sites, *s)
	}
	slices.SortFunc(sites, func(a, b site) int {
		return strings.Compare(render.ClientKey(a.name), render.ClientKey(b.name))
	})
	known := slices.Sorted(maps.Values(clients))
	return sites, known
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

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
