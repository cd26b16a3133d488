package assign

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// holding is a set of items and the people who answer them, with how
// many are answered.
type holding struct {
	items []string
	who   []bot.UserRef
	done  int
}

// Status is what status adds once items are delegated: a delegate's own
// progress, then who answers which items, with how many each has
// answered. Without delegation it is "".
func Status(t bot.Turn, answers map[string]assessment.Answer) (string, error) {
	holders, err := t.Tx().Holders(t.Eng().ID)
	if err != nil || len(holders) == 0 {
		return "", err
	}
	parts, err := t.Tx().Participants(t.Eng().ID)
	if err != nil {
		return "", err
	}
	groups, rest := holdings(t.Pack(), holders, parts, answers)
	me := t.Me()
	mine := bot.HeldBy(t.Pack(), me, holders)
	return "\n\n" + catalog.EachLang(t.Lang(), func(l assessment.Lang) string {
		var lines []string
		if me.Has(bot.RoleDelegate) && !me.Has(bot.RoleSPOC) {
			lines = append(lines, catalog.Say(l, "your_progress", len(mine), CountDone(mine, answers), assessment.CiteItems(mine).In(l)))
		}
		lines = append(lines, catalog.Say(l, "holders_head"))
		for _, g := range groups {
			lines = append(lines, catalog.Say(l, "holders_line", assessment.CiteItems(g.items).In(l), mentions(g.who), g.done, len(g.items)))
		}
		if len(rest.items) > 0 {
			lines = append(lines, catalog.Say(l, "holders_spoc", mentions(rest.who), rest.done, len(rest.items)))
		}
		return strings.Join(lines, "\n")
	}), nil
}

// holdings groups the delegated items by who holds them, in pack order,
// and gathers the other items, held by the SPOCs.
func holdings(pack *assessment.Pack, holders map[string][]bot.UserRef, parts []bot.Participant, answers map[string]assessment.Answer) ([]*holding, holding) {
	var groups []*holding
	rest := holding{}
	for _, p := range parts {
		if p.Has(bot.RoleSPOC) {
			rest.who = append(rest.who, p.User)
		}
	}
	for _, it := range pack.Items {
		g := &rest
		if who, ok := holders[it.ID]; ok {
			i := slices.IndexFunc(groups, func(h *holding) bool { return slices.Equal(h.who, who) })
			if i < 0 {
				groups, i = append(groups, &holding{who: who}), len(groups)
			}
			g = groups[i]
		}
		g.items = append(g.items, it.ID)
		if answers[it.ID].Value != "" {
			g.done++
		}
	}
	return groups, rest
}

// CountDone counts the items answered with a level or N/A (bot.CountDone's
// rule: an item only marked not sure is not answered).
func CountDone(items []string, answers map[string]assessment.Answer) int {
	n := 0
	for _, id := range items {
		if answers[id].Value != "" {
			n++
		}
	}
	return n
}

func mentions(us []bot.UserRef) string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Mention()
	}
	return strings.Join(out, ", ")
}
