package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// cmdPlan (lead or assessor) adds an action for each approved improvement
// finding that has none yet, then lists the plan. Its theme comes from the
// finding's items; owner and due date are set with action N.
func (t *turn) cmdPlan(in bot.Command) error {
	if len(in.Args) > 0 {
		return t.Reply("plan_usage")
	}
	findings, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	actions, err := t.Tx().Actions(t.Eng().ID)
	if err != nil {
		return err
	}
	added := 0
	for _, f := range findings {
		if f.Kind != assessment.Improvement || f.Status != assessment.FindingApproved || planned(actions, f.Number) {
			continue
		}
		a := bot.Action{EngagementID: t.Eng().ID, FindingNumber: f.Number, Items: slices.Clone(f.Items), Theme: assessment.ThemeOf(t.Pack(), f.Items),
			Text: f.Direction, Status: bot.ActionOpen, CreatedAt: t.Now()}
		if a.Text.JA == "" && a.Text.EN == "" {
			a.Text = f.Risk
		}
		if a, err = t.Tx().AddAction(a, t.Event().UserRef()); err != nil {
			return err
		}
		actions = append(actions, a)
		added++
	}
	if len(actions) == 0 {
		return t.Reply("plan_nothing")
	}
	head := catalog.Say(t.Lang(), "plan_head", added)
	return t.Send(bot.Reply{Text: head + "\n" + t.planText(actions)})
}

func planned(actions []bot.Action, finding int) bool {
	return slices.ContainsFunc(actions, func(a bot.Action) bool { return a.FindingNumber == finding })
}

// planText is the plan's progress line, then a line per action.
func (t *turn) planText(actions []bot.Action) string {
	today := t.today()
	lines := []string{PlanProgress(actions, today, t.Lang())}
	for _, a := range actions {
		lines = append(lines, ActionLine(a, today, t.Lang()))
	}
	return strings.Join(lines, "\n")
}

// today is the date in the engagement's zone.
func (t *turn) today() holiday.Date {
	return holiday.DateOf(t.Now().In(bot.Location(t.Eng().Timezone)))
}

// PlanProgress is one line on a plan: how many actions are done, in
// progress, open, dropped and overdue on day.
func PlanProgress(actions []bot.Action, day holiday.Date, lang assessment.Lang) string {
	n := map[bot.ActionStatus]int{}
	overdue := 0
	for _, a := range actions {
		n[a.Status]++
		if a.Overdue(day) {
			overdue++
		}
	}
	return catalog.Say(lang, "plan_progress", len(actions), n[bot.ActionDone], n[bot.ActionDoing], n[bot.ActionOpen], n[bot.ActionDropped], overdue)
}

// ActionLine is an action in chat: number, status, theme, items, owner, due
// date (marked when overdue), then the direction it carries out.
func ActionLine(a bot.Action, today holiday.Date, lang assessment.Lang) string {
	return catalog.EachLang(lang, func(l assessment.Lang) string {
		owner, due, items := catalog.Say(l, "action_nobody"), catalog.Say(l, "action_no_due"), strings.Join(a.Items, ", ")
		if a.Owner.ID != "" {
			owner = a.Owner.Mention()
		}
		if a.Due != "" {
			due = a.Due
			if a.Overdue(today) {
				due += " " + catalog.Say(l, "action_overdue")
			}
		}
		if items == "" {
			items = catalog.Say(l, "evidence_site")
		}
		head := catalog.Say(l, "action_line", a.Number, catalog.Message("action_status_"+string(a.Status)),
			catalog.Message("theme_"+a.Theme), items, owner, due)
		return head + "\n    " + catalog.Shorten(a.Text.In(l), 160)
	})
}

// findAction is the engagement's action numbered by a word (3 or #3).
func findAction(actions []bot.Action, w string) (bot.Action, bool) {
	var n int
	if _, err := fmt.Sscanf(strings.TrimPrefix(w, "#"), "%d", &n); err != nil || fmt.Sprint(n) != strings.TrimPrefix(w, "#") {
		return bot.Action{}, false
	}
	i := slices.IndexFunc(actions, func(a bot.Action) bool { return a.Number == n })
	if i < 0 {
		return bot.Action{}, false
	}
	return actions[i], true
}

// CarryOver links eng, a follow-up engagement, to old and carries over the open actions of its plan
// (open or in progress), keeping an owner who takes part in eng; items maps
// their items onto eng's pack (an item without a counterpart is left out).
func CarryOver(tx bot.Tx, eng, old *bot.Engagement, items *assessment.ItemMap, creator bot.UserRef, now time.Time) error {
	if err := tx.SetPrevious(eng.ID, old.ID); err != nil {
		return err
	}
	actions, err := tx.Actions(old.ID)
	if err != nil {
		return err
	}
	parts, err := tx.Participants(eng.ID)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if a.Status.Closed() {
			continue
		}
		n := bot.Action{EngagementID: eng.ID, Items: items.Items(a.Items), Theme: a.Theme, Text: a.Text, Due: a.Due, Status: a.Status, Note: a.Note, CreatedAt: now}
		if slices.ContainsFunc(parts, func(p bot.Participant) bool { return p.User == a.Owner }) {
			n.Owner = a.Owner
		}
		if _, err := tx.AddAction(n, creator); err != nil {
			return err
		}
	}
	return nil
}
