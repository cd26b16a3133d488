package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// cmdPlan (lead or assessor) adds an action for each approved improvement
// finding that has none yet, then lists the plan. Its theme comes from the
// finding's items; owner and due date are set with action N.
func (t *turn) cmdPlan(in input) error {
	if len(in.args) > 0 {
		return t.reply("plan_usage")
	}
	findings, err := t.tx.Findings(t.eng.ID)
	if err != nil {
		return err
	}
	actions, err := t.tx.Actions(t.eng.ID)
	if err != nil {
		return err
	}
	added := 0
	for _, f := range findings {
		if f.Kind != assessment.Improvement || f.Status != assessment.FindingApproved || planned(actions, f.Number) {
			continue
		}
		a := Action{EngagementID: t.eng.ID, FindingNumber: f.Number, Items: slices.Clone(f.Items), Theme: assessment.ThemeOf(t.pack, f.Items),
			Text: f.Direction, Status: ActionOpen, CreatedAt: t.now}
		if a.Text.JA == "" && a.Text.EN == "" {
			a.Text = f.Risk
		}
		if a, err = t.tx.AddAction(a, t.ev.UserRef()); err != nil {
			return err
		}
		actions = append(actions, a)
		added++
	}
	if len(actions) == 0 {
		return t.reply("plan_nothing")
	}
	head := catalog.Say(t.lang, "plan_head", added)
	return t.send(Reply{Text: head + "\n" + t.planText(actions)})
}

func planned(actions []Action, finding int) bool {
	return slices.ContainsFunc(actions, func(a Action) bool { return a.FindingNumber == finding })
}

// planText is the plan's progress line, then a line per action.
func (t *turn) planText(actions []Action) string {
	today := t.today()
	lines := []string{PlanProgress(actions, today, t.lang)}
	for _, a := range actions {
		lines = append(lines, ActionLine(a, today, t.lang))
	}
	return strings.Join(lines, "\n")
}

// today is the date in the engagement's zone.
func (t *turn) today() holiday.Date { return holiday.DateOf(t.now.In(location(t.eng.Timezone))) }

// Overdue reports an action past its due date on day and not done or dropped.
func (a Action) Overdue(day holiday.Date) bool {
	due, err := holiday.ParseDate(a.Due)
	return err == nil && !a.Status.Closed() && due.Before(day)
}

// PlanProgress is one line on a plan: how many actions are done, in
// progress, open, dropped and overdue on day.
func PlanProgress(actions []Action, day holiday.Date, lang assessment.Lang) string {
	n := map[ActionStatus]int{}
	overdue := 0
	for _, a := range actions {
		n[a.Status]++
		if a.Overdue(day) {
			overdue++
		}
	}
	return catalog.Say(lang, "plan_progress", len(actions), n[ActionDone], n[ActionDoing], n[ActionOpen], n[ActionDropped], overdue)
}

// ActionLine is an action in chat: number, status, theme, items, owner, due
// date (marked when overdue), then the direction it carries out.
func ActionLine(a Action, today holiday.Date, lang assessment.Lang) string {
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
func findAction(actions []Action, w string) (Action, bool) {
	var n int
	if _, err := fmt.Sscanf(strings.TrimPrefix(w, "#"), "%d", &n); err != nil || fmt.Sprint(n) != strings.TrimPrefix(w, "#") {
		return Action{}, false
	}
	i := slices.IndexFunc(actions, func(a Action) bool { return a.Number == n })
	if i < 0 {
		return Action{}, false
	}
	return actions[i], true
}
