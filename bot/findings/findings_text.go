package findings

import (
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// Text renders findings for chat, by priority: number, status,
// kind, priority, category, cited items and author on one line, then the
// risk text and the direction in lang, and a mark on each language that
// predates an edit.
func Text(pack *assessment.Pack, list []bot.Finding, lang assessment.Lang) string {
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

func findingText(pack *assessment.Pack, f bot.Finding, lang assessment.Lang) string {
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

func statusLabel(f bot.Finding, lang assessment.Lang) string {
	if f.Status == assessment.FindingApproved {
		return catalog.Inline(lang, "status_approved")
	}
	return catalog.Inline(lang, "status_draft")
}

func authorLabel(f bot.Finding, lang assessment.Lang) string {
	switch f.Author {
	case assessment.ByModel:
		return catalog.Inline(lang, "author_model", f.Model)
	case assessment.ByPerson:
		return catalog.Inline(lang, "author_person", f.ChangedBy.Mention())
	}
	return catalog.Inline(lang, "author_offline")
}

// showFinding replies with finding n and every state it has been in, the
// times in the engagement's time zone.
func (t *turn) showFinding(n int) error {
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	f, ok := findFinding(list, n)
	if !ok {
		return t.Reply("finding_unknown", n)
	}
	hist, err := t.Tx().FindingHistory(t.Eng().ID, n)
	if err != nil {
		return err
	}
	loc := bot.Location(t.Eng().Timezone)
	text := catalog.EachLang(t.Lang(), func(l assessment.Lang) string {
		lines := []string{findingText(t.Pack(), f, l), "", catalog.Say(l, "finding_history_head")}
		for _, c := range hist {
			lines = append(lines, historyLine(c, loc, l))
		}
		return strings.Join(lines, "\n")
	})
	return t.Send(bot.Reply{Text: text})
}

// historyLine is one state of a finding: when, what happened, who, and
// its status and priority then.
func historyLine(c bot.FindingChange, loc *time.Location, l assessment.Lang) string {
	who := authorLabel(c.Finding, l)
	if c.ChangedBy.ID != "" {
		who = c.ChangedBy.Mention()
	}
	return fmt.Sprintf("- %s · %s · %s · [%s] · %s", catalog.DateTime(l, c.At.In(loc)), catalog.Say(l, "finding_history_"+c.Action),
		who, statusLabel(c.Finding, l), catalog.Say(l, "finding_priority", c.Priority))
}
