package main

import (
	"context"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/report"
	"github.com/otassess/otassess/storage"
)

// clientReport writes the comparison of every site of a client
// (report.Sites says what a client and a site are).
func (m *Main) clientReport(ctx context.Context, db *storage.DB, en *engine.Engine, client string, format render.Format, lang assessment.Lang, out string) error {
	sites, known, err := report.Sites(ctx, db, client)
	if err != nil {
		return err
	}
	if len(sites) == 0 {
		return usagef("report: --client: no engagement has the client %q (clients: %s)", client, orNone(known))
	}
	c := &render.Comparison{Client: sites[0].Client}
	langs := map[assessment.Lang]bool{}
	for _, site := range sites {
		rep, err := report.Latest(ctx, en.Report, site.Engs)
		if err != nil {
			return err
		}
		rep.Engagement.Client, rep.Engagement.Site = site.Client, site.Name
		c.Sites = append(c.Sites, rep)
		langs[site.Engs[0].Langs] = true
	}
	c.AsOf = c.Sites[0].AsOf
	if lang == "" {
		lang = assessment.Both
		if len(langs) == 1 {
			lang = sites[0].Engs[0].Langs
		}
	}
	data, err := render.ClientReport(c, format, lang)
	if err != nil {
		return err
	}
	return m.output(out, data)
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
