package bot

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// FindingsText renders findings for chat, by priority: number, status,
// kind, priority, category, cited items and author on one line, then the
// risk text and the direction in lang, and a mark on each language that
// predates an edit.
func FindingsText(pack *assessment.Pack, list []Finding, lang assessment.Lang) string {
	if len(list) == 0 {
		return catalog.Say(lang, "findings_none")
	}
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "findings_head"))
	for _, f := range list {
		b.WriteString("\n\n" + findingText(pack, f, lang))
	}
	return b.String()
}

func findingText(pack *assessment.Pack, f Finding, lang assessment.Lang) string {
	where := catalog.Inline(lang, "finding_site")
	if c, ok := pack.Category(f.Category); ok {
		where = c.Short.Inline(lang) + " · " + assessment.CiteItems(f.Items).Inline(lang)
	}
	head := fmt.Sprintf("#%d [%s] %s · %s · %s (%s)", f.Number, statusLabel(f, lang),
		catalog.Inline(lang, "finding_"+string(f.Kind)), catalog.Inline(lang, "finding_priority", f.Priority),
		where, authorLabel(f, lang))
	lines := []string{head, strings.TrimSpace(f.Risk.In(lang))}
	if d := strings.TrimSpace(f.Direction.In(lang)); d != "" {
		lines = append(lines, "→ "+d)
	}
	for _, note := range staleNotes(f, lang) {
		lines = append(lines, "("+note+")")
	}
	return strings.Join(lines, "\n")
}

func statusLabel(f Finding, lang assessment.Lang) string {
	if f.Status == assessment.FindingApproved {
		return catalog.Inline(lang, "status_approved")
	}
	return catalog.Inline(lang, "status_draft")
}

func authorLabel(f Finding, lang assessment.Lang) string {
	switch f.Author {
	case assessment.ByModel:
		return catalog.Inline(lang, "author_model", f.Model)
	case assessment.ByPerson:
		return catalog.Inline(lang, "author_person", f.ChangedBy.Mention())
	}
	return catalog.Inline(lang, "author_offline")
}
