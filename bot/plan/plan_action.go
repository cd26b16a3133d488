package plan

import (
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// cmdAction shows or changes one action of the plan:
//
//	action 2                                   the action and its history
//	action 2 owner:@x due:2027-03-31 theme:training   (lead or assessor)
//	action 2 doing | done "<what was done>" | drop "<reason>"   (staff or its owner)
//
// Bad input changes nothing and says what is wrong.
func (t *turn) cmdAction(in bot.Command) error {
	num, rest, _ := bot.CutWord(in.Rest)
	actions, err := t.Tx().Actions(t.Eng().ID)
	if err != nil {
		return err
	}
	a, ok := findAction(actions, num)
	switch {
	case num == "":
		return t.Reply("action_usage")
	case !ok:
		return t.Reply("action_unknown", bot.Echo(num))
	case rest == "":
		return t.showAction(a)
	}
	verb, text, _ := bot.CutWord(rest)
	switch strings.ToLower(verb) {
	case "doing", "対応中", "done", "実施済み", "drop", "取りやめ":
		return t.moveAction(a, strings.ToLower(verb), bot.Unquote(text))
	}
	if !t.Me().IsStaff() {
		t.Private("not_assessor")
		return nil
	}
	return t.setAction(a, strings.Fields(rest))
}

// statusOfVerb maps the typed verbs to statuses.
var statusOfVerb = map[string]bot.ActionStatus{
	"doing": bot.ActionDoing, "対応中": bot.ActionDoing, "done": bot.ActionDone, "実施済み": bot.ActionDone, "drop": bot.ActionDropped, "取りやめ": bot.ActionDropped,
}

// moveAction changes an action's status: staff or the action's owner may.
// done needs what was done and drop a reason; a done or dropped action
// stays so.
func (t *turn) moveAction(a bot.Action, verb, note string) error {
	if !t.Me().IsStaff() && a.Owner != t.Event().UserRef() {
		t.Private("action_not_owner", a.Number)
		return nil
	}
	to := statusOfVerb[verb]
	switch {
	case a.Status.Closed():
		return t.Reply("action_closed", a.Number, catalog.Message("action_status_"+string(a.Status)))
	case to == a.Status:
		return t.Reply("action_already", a.Number, catalog.Message("action_status_"+string(to)))
	case to == bot.ActionDone && note == "":
		return t.Reply("action_done_usage", a.Number)
	case to == bot.ActionDropped && note == "":
		return t.Reply("action_drop_usage", a.Number)
	}
	if max := t.Config().MaxComment; len([]rune(note)) > max {
		return t.Reply("comment_too_long", max)
	}
	a.Status, a.UpdatedAt = to, t.Now()
	if note != "" {
		a.Note = note
	}
	if err := t.Tx().UpdateAction(a, bot.ActionChange{Field: bot.ActionStatusF, Value: string(to), Note: note, By: t.Event().UserRef(), At: t.Now()}); err != nil {
		return err
	}
	if to == bot.ActionDone {
		if err := t.Post(catalog.Say(t.Eng().Langs, "action_done_channel", a.Number, t.Event().UserRef().Mention(), note)); err != nil {
			return err
		}
	}
	return t.Reply("action_moved", a.Number, catalog.Message("action_status_"+string(to)))
}

// setAction applies owner:, due: and theme: settings, all or none.
func (t *turn) setAction(a bot.Action, args []string) error {
	var changes []bot.ActionChange
	for _, arg := range args {
		key, val, ok := strings.Cut(arg, ":")
		ch, problem, pargs := t.actionSetting(&a, strings.ToLower(key), val, ok)
		if problem != "" {
			return t.Reply(problem, pargs...)
		}
		changes = append(changes, ch)
	}
	a.UpdatedAt = t.Now()
	for _, ch := range changes {
		ch.By, ch.At = t.Event().UserRef(), t.Now()
		if err := t.Tx().UpdateAction(a, ch); err != nil {
			return err
		}
	}
	return t.Send(bot.Reply{Text: catalog.Say(t.Lang(), "action_saved", a.Number) + "\n" + ActionLine(a, t.today(), t.Lang())})
}

// actionSetting reads one key:value into a, or names the problem.
func (t *turn) actionSetting(a *bot.Action, key, val string, ok bool) (bot.ActionChange, string, []any) {
	switch {
	case !ok || val == "":
		return bot.ActionChange{}, "action_usage", nil
	case key == "owner" || key == "担当":
		u, ok := t.Event().Mentioned(val)
		if !ok {
			return bot.ActionChange{}, "action_usage", nil
		}
		if !t.IsParticipant(u) {
			return bot.ActionChange{}, "action_owner_not_participant", []any{u.Mention()}
		}
		a.Owner = u
		return bot.ActionChange{Field: bot.ActionOwner, Value: u.ID}, "", nil
	case key == "due" || key == "期限":
		d, err := holiday.ParseDate(val)
		if err != nil || d.String() != val {
			return bot.ActionChange{}, "action_bad_due", []any{bot.Echo(val)}
		}
		if d.Before(t.today()) {
			return bot.ActionChange{}, "action_due_past", []any{val}
		}
		a.Due = val
		return bot.ActionChange{Field: bot.ActionDue, Value: val}, "", nil
	case key == "theme" || key == "テーマ":
		th, ok := themeWord(val)
		if !ok {
			return bot.ActionChange{}, "action_bad_theme", []any{bot.Echo(val)}
		}
		a.Theme = th
		return bot.ActionChange{Field: bot.ActionTheme, Value: th}, "", nil
	}
	return bot.ActionChange{}, "action_usage", nil
}

// themeWord reads a theme by its id or its Japanese name.
func themeWord(w string) (string, bool) {
	words := map[string]string{
		"governance": assessment.ThemeGovernance, "体制": assessment.ThemeGovernance,
		"risk": assessment.ThemeRisk, "rules": assessment.ThemeRisk, "ルール": assessment.ThemeRisk,
		"training": assessment.ThemeTraining, "教育": assessment.ThemeTraining,
		"incident": assessment.ThemeIncident, "インシデント": assessment.ThemeIncident,
		"technology": assessment.ThemeTechnology, "技術": assessment.ThemeTechnology,
		"supply_chain": assessment.ThemeSupplyChain, "supply": assessment.ThemeSupplyChain, "サプライチェーン": assessment.ThemeSupplyChain,
	}
	th, ok := words[strings.ToLower(w)]
	return th, ok
}

// showAction replies with an action and its history.
func (t *turn) showAction(a bot.Action) error {
	hist, err := t.Tx().ActionHistory(t.Eng().ID)
	if err != nil {
		return err
	}
	lines := []string{ActionLine(a, t.today(), t.Lang())}
	if a.Note != "" {
		lines = append(lines, catalog.Say(t.Lang(), "action_note", a.Note))
	}
	lines = append(lines, catalog.Say(t.Lang(), "finding_history_head"))
	loc := bot.Location(t.Eng().Timezone)
	for _, c := range hist {
		if c.ActionID != a.ID {
			continue
		}
		line := "• " + catalog.DateTime(t.Lang(), c.At.In(loc)) + " · " + c.By.Mention() + " · " + t.changeWords(c)
		if c.Note != "" {
			line += " — " + c.Note
		}
		lines = append(lines, line)
	}
	return t.Send(bot.Reply{Text: strings.Join(lines, "\n")})
}

// changeWords says what a history row changed.
func (t *turn) changeWords(c bot.ActionChange) string {
	switch c.Field {
	case bot.ActionCreated:
		return catalog.Inline(t.Lang(), "action_hist_created")
	case bot.ActionStatusF:
		return catalog.Inline(t.Lang(), "action_status_"+c.Value)
	case bot.ActionTheme:
		return catalog.Inline(t.Lang(), "action_hist_theme", catalog.Message("theme_"+c.Value))
	case bot.ActionOwner:
		return catalog.Inline(t.Lang(), "action_hist_owner", bot.UserRef{Platform: t.Event().Platform, ID: c.Value}.Mention())
	}
	return catalog.Inline(t.Lang(), "action_hist_due", c.Value)
}
