package bot

import (
	"strings"

	"github.com/otassess/otassess/assessment"
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
func (t *turn) cmdAction(in input) error {
	num, rest, _ := cutWord(in.rest)
	actions, err := t.tx.Actions(t.eng.ID)
	if err != nil {
		return err
	}
	a, ok := findAction(actions, num)
	switch {
	case num == "":
		return t.reply("action_usage")
	case !ok:
		return t.reply("action_unknown", echo(num))
	case rest == "":
		return t.showAction(a)
	}
	verb, text, _ := cutWord(rest)
	switch strings.ToLower(verb) {
	case "doing", "対応中", "done", "実施済み", "drop", "取りやめ":
		return t.moveAction(a, strings.ToLower(verb), unquote(text))
	}
	if !staff(t) {
		t.private("not_assessor")
		return nil
	}
	return t.setAction(a, strings.Fields(rest))
}

// statusOfVerb maps the typed verbs to statuses.
var statusOfVerb = map[string]ActionStatus{
	"doing": ActionDoing, "対応中": ActionDoing, "done": ActionDone, "実施済み": ActionDone, "drop": ActionDropped, "取りやめ": ActionDropped,
}

// moveAction changes an action's status: staff or the action's owner may.
// done needs what was done and drop a reason; a done or dropped action
// stays so.
func (t *turn) moveAction(a Action, verb, note string) error {
	if !staff(t) && a.Owner != t.ev.UserRef() {
		t.private("action_not_owner", a.Number)
		return nil
	}
	to := statusOfVerb[verb]
	switch {
	case a.Status.Closed():
		return t.reply("action_closed", a.Number, catalog.Message("action_status_"+string(a.Status)))
	case to == a.Status:
		return t.reply("action_already", a.Number, catalog.Message("action_status_"+string(to)))
	case to == ActionDone && note == "":
		return t.reply("action_done_usage", a.Number)
	case to == ActionDropped && note == "":
		return t.reply("action_drop_usage", a.Number)
	}
	if max := t.e.cfg.MaxComment; len([]rune(note)) > max {
		return t.reply("comment_too_long", max)
	}
	a.Status, a.UpdatedAt = to, t.now
	if note != "" {
		a.Note = note
	}
	if err := t.tx.UpdateAction(a, ActionChange{Field: ActionStatusF, Value: string(to), Note: note, By: t.ev.UserRef(), At: t.now}); err != nil {
		return err
	}
	if to == ActionDone {
		if err := t.post(catalog.Say(t.eng.Langs, "action_done_channel", a.Number, t.ev.UserRef().Mention(), note)); err != nil {
			return err
		}
	}
	return t.reply("action_moved", a.Number, catalog.Message("action_status_"+string(to)))
}

// setAction applies owner:, due: and theme: settings, all or none.
func (t *turn) setAction(a Action, args []string) error {
	var changes []ActionChange
	for _, arg := range args {
		key, val, ok := strings.Cut(arg, ":")
		ch, problem, pargs := t.actionSetting(&a, strings.ToLower(key), val, ok)
		if problem != "" {
			return t.reply(problem, pargs...)
		}
		changes = append(changes, ch)
	}
	a.UpdatedAt = t.now
	for _, ch := range changes {
		ch.By, ch.At = t.ev.UserRef(), t.now
		if err := t.tx.UpdateAction(a, ch); err != nil {
			return err
		}
	}
	return t.send(Reply{Text: catalog.Say(t.lang, "action_saved", a.Number) + "\n" + ActionLine(a, t.today(), t.lang)})
}

// actionSetting reads one key:value into a, or names the problem.
func (t *turn) actionSetting(a *Action, key, val string, ok bool) (ActionChange, string, []any) {
	switch {
	case !ok || val == "":
		return ActionChange{}, "action_usage", nil
	case key == "owner" || key == "担当":
		m := mentionPattern.FindStringSubmatch(val)
		if m == nil {
			return ActionChange{}, "action_usage", nil
		}
		u := UserRef{Platform: t.ev.Platform, Workspace: t.ev.Workspace, ID: m[1]}
		if !t.isParticipant(u) {
			return ActionChange{}, "action_owner_not_participant", []any{u.Mention()}
		}
		a.Owner = u
		return ActionChange{Field: ActionOwner, Value: u.ID}, "", nil
	case key == "due" || key == "期限":
		d, err := holiday.ParseDate(val)
		if err != nil || d.String() != val {
			return ActionChange{}, "action_bad_due", []any{echo(val)}
		}
		if d.Before(t.today()) {
			return ActionChange{}, "action_due_past", []any{val}
		}
		a.Due = val
		return ActionChange{Field: ActionDue, Value: val}, "", nil
	case key == "theme" || key == "テーマ":
		th, ok := themeWord(val)
		if !ok {
			return ActionChange{}, "action_bad_theme", []any{echo(val)}
		}
		a.Theme = th
		return ActionChange{Field: ActionTheme, Value: th}, "", nil
	}
	return ActionChange{}, "action_usage", nil
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
func (t *turn) showAction(a Action) error {
	hist, err := t.tx.ActionHistory(t.eng.ID)
	if err != nil {
		return err
	}
	lines := []string{ActionLine(a, t.today(), t.lang)}
	if a.Note != "" {
		lines = append(lines, catalog.Say(t.lang, "action_note", a.Note))
	}
	lines = append(lines, catalog.Say(t.lang, "finding_history_head"))
	loc := location(t.eng.Timezone)
	for _, c := range hist {
		if c.ActionID != a.ID {
			continue
		}
		line := "• " + catalog.DateTime(t.lang, c.At.In(loc)) + " · " + c.By.Mention() + " · " + t.changeWords(c)
		if c.Note != "" {
			line += " — " + c.Note
		}
		lines = append(lines, line)
	}
	return t.send(Reply{Text: strings.Join(lines, "\n")})
}

// changeWords says what a history row changed.
func (t *turn) changeWords(c ActionChange) string {
	switch c.Field {
	case ActionCreated:
		return catalog.Inline(t.lang, "action_hist_created")
	case ActionStatusF:
		return catalog.Inline(t.lang, "action_status_"+c.Value)
	case ActionTheme:
		return catalog.Inline(t.lang, "action_hist_theme", catalog.Message("theme_"+c.Value))
	case ActionOwner:
		return catalog.Inline(t.lang, "action_hist_owner", UserRef{Platform: t.ev.Platform, ID: c.Value}.Mention())
	}
	return catalog.Inline(t.lang, "action_hist_due", c.Value)
}
