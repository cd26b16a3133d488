package render

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Comparison compares the sites of one client: each site's latest
// engagement with its scores, side by side (report --client). A site is
// one engagement's report; the caller chooses which engagement stands for
// each site and the order of the sites.
type Comparison struct {
	Client string
	// AsOf is when the comparison was made; it is printed, never read
	// from a clock.
	AsOf  time.Time
	Sites []*assessment.Report
}

// SiteName is what a client report calls an engagement's site: its site
// field, else its name.
func SiteName(r *assessment.Report) string {
	if s := strings.TrimSpace(r.Engagement.Site); s != "" {
		return s
	}
	return r.Engagement.Name
}

// ClientColumn is a category of the comparison: its id and label.
type ClientColumn struct {
	ID    string          `json:"id"`
	Label assessment.Text `json:"label"`
}

// Columns are the categories the sites' summaries have, in the order they
// first appear (sites on other pack versions may add some), without the
// total.
func (c *Comparison) Columns() []ClientColumn {
	seen := map[string]bool{}
	var out []ClientColumn
	for _, s := range c.Sites {
		for _, row := range s.Summary {
			if row.Category != "" && !seen[row.Category] {
				seen[row.Category] = true
				out = append(out, ClientColumn{ID: row.Category, Label: row.Label})
			}
		}
	}
	return out
}

// Row is a site's summary row of a category ("" for the total); ok is
// false when the site's pack has no such category.
func Row(r *assessment.Report, category string) (assessment.SummaryRow, bool) {
	for _, row := range r.Summary {
		if row.Category == category {
			return row, true
		}
	}
	return assessment.SummaryRow{}, false
}

// clientJSON is the JSON form of a ClientReport: per site, its
// engagement, pack and executive summary (self, after assessment and the
// reference per category, and the total).
type clientJSON struct {
	Client     string         `json:"client"`
	AsOf       time.Time      `json:"as_of"`
	Categories []ClientColumn `json:"categories"`
	Sites      []siteJSON     `json:"sites"`
}

type siteJSON struct {
	Site       string                      `json:"site"`
	Engagement assessment.ReportEngagement `json:"engagement"`
	Pack       assessment.ReportPack       `json:"pack"`
	AsOf       time.Time                   `json:"as_of"`
	Summary    []assessment.SummaryRow     `json:"categories"`
	Total      assessment.SummaryRow       `json:"total"`
}

// MarshalJSON writes the comparison's JSON form.
func (c Comparison) MarshalJSON() ([]byte, error) {
	v := clientJSON{Client: c.Client, AsOf: c.AsOf, Categories: nonNilColumns(c.Columns()), Sites: []siteJSON{}}
	for _, s := range c.Sites {
		n := len(s.Summary) - 1
		if n < 0 {
			return nil, errors.New("a site's report has no summary")
		}
		v.Sites = append(v.Sites, siteJSON{Site: SiteName(s), Engagement: s.Engagement, Pack: s.Pack, AsOf: s.AsOf,
			Summary: s.Summary[:n], Total: s.Summary[n]})
	}
	return json.Marshal(v)
}

func nonNilColumns(cs []ClientColumn) []ClientColumn {
	if cs == nil {
		return []ClientColumn{}
	}
	return cs
}
