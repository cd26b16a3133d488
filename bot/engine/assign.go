package engine

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// Delegation (staff): assign 3-1..3-8,2-4 @it-lead [@ot-eng] gives items
// to plant staff, who become delegates: after accepting the engagement
// they are asked only those items, in their own language, with their own
// progress. assign 3-1..3-8 spoc gives items back to the SPOCs. Whoever
// was shown an item that is no longer theirs moves on to their next one.

// rangeMarks separate the ends of a range of items.
var rangeMarks = []string{"..", "…", "～", "〜", "~"}

// cmdAssign runs assign.
func (t *turn) cmdAssign(in input) error {
	var items []string
	var users []bot.UserRef
	back := false
	for _, w := range in.args {
		switch {
		case strings.HasPrefix(w, "<@") || strings.HasPrefix(w, "@"):
			u, ok := t.ev.Mentioned(w)
			if !ok {
				return t.Reply("new_bad_user", "assign", bot.Echo(w))
			}
			users = append(users, u)
		case bot.IsWord(w, "spoc", "窓口"):
			back = true
		default:
			got, ok, err := t.itemsIn(w)
			if !ok {
				return err
			}
			items = append(items, got...)
		}
	}
	if len(items) == 0 || back == (len(users) > 0) {
		return t.Reply("assign_usage")
	}
	items = t.inPackOrder(items)
	if err := t.tx.Assign(t.eng.ID, items, users, t.ev.UserRef(), t.now); err != nil {
		return err
	}
	return t.afterAssign(items, users)
}

// afterAssign makes the new holders delegates, moves anyone shown an item
// that is no longer theirs, tells the channel, and asks the new holders to
// accept (or sends them their first item).
func (t *turn) afterAssign(items []string, users []bot.UserRef) error {
	var holders []bot.Participant
	for _, u := range users {
		p, err := t.delegate(u)
		if err != nil {
			return err
		}
		holders = append(holders, p)
	}
	if err := t.reroute(); err != nil {
		return err
	}
	cite := assessment.CiteItems(items)
	if len(users) == 0 {
		if err := t.Post(catalog.Say(t.eng.Langs, "assigned_back", cite, len(items))); err != nil {
			return err
		}
		return t.engageSPOCs()
	}
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = t.named(u)
	}
	if err := t.Post(catalog.Say(t.eng.Langs, "assigned", cite, len(items), strings.Join(names, ", "))); err != nil {
		return err
	}
	for _, p := range holders {
		if err := t.engage(p); err != nil {
			return err
		}
	}
	return nil
}

// engageSPOCs sends the items given back to the SPOCs who had finished.
func (t *turn) engageSPOCs() error {
	parts, err := t.tx.Participants(t.eng.ID)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if p.Has(bot.RoleSPOC) {
			if err := t.engage(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// itemsIn reads a word of items: ids and ranges separated by commas
// (3-1..3-8,2-4). When it cannot, it tells the user and ok is false.
func (t *turn) itemsIn(w string) (items []string, ok bool, err error) {
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		a, b, isRange := cutRange(part)
		if !isRange {
			id, known := t.ItemArg(part)
			if !known {
				return nil, false, t.Reply("unknown_item", bot.Echo(id))
			}
			items = append(items, id)
			continue
		}
		from, okA := t.ItemArg(a)
		to, okB := t.ItemArg(b)
		i, j := t.pack.Index(from), t.pack.Index(to)
		switch {
		case !okA:
			return nil, false, t.Reply("unknown_item", bot.Echo(from))
		case !okB:
			return nil, false, t.Reply("unknown_item", bot.Echo(to))
		case i > j:
			return nil, false, t.Reply("assign_bad_range", bot.Echo(part))
		}
		for _, it := range t.pack.Items[i : j+1] {
			items = append(items, it.ID)
		}
	}
	return items, true, nil
}

// cutRange splits "3-1..3-8" at its range mark.
func cutRange(s string) (from, to string, ok bool) {
	for _, m := range rangeMarks {
		if a, b, found := strings.Cut(s, m); found {
			return a, b, true
		}
	}
	return "", "", false
}

// inPackOrder is items in pack order, each once.
func (t *turn) inPackOrder(items []string) []string {
	slices.SortFunc(items, func(a, b string) int { return t.pack.Index(a) - t.pack.Index(b) })
	return slices.Compact(items)
}

// delegate makes u a delegate of the engagement (a participant who
// answers items), in the language of their locale when the engagement
// has both; someone who already answers stays as they are.
func (t *turn) delegate(u bot.UserRef) (bot.Participant, error) {
	p := t.participant(u)
	if p.Answers() {
		return p, nil
	}
	p.EngagementID = t.eng.ID
	p.Roles = append(p.Roles, bot.RoleDelegate)
	if len(p.Roles) == 1 && t.eng.Langs == assessment.Both {
		p.Lang = langFromLocale(t.ev.Locales[u.ID], "")
	}
	return p, t.tx.SaveParticipant(p)
}

// engage asks a new holder to accept the engagement, or, once they have,
// sends them their next item; before start, start does.
func (t *turn) engage(p bot.Participant) error {
	if t.eng.Status == bot.StatusDraft {
		return nil
	}
	if t.needsConsent(p) {
		return t.askConsent(p)
	}
	pos, err := t.tx.Position(t.eng.ID, p.User)
	if bot.IsNotFound(err) {
		return t.greet(p, t.ev.UserRef())
	}
	if err != nil || pos.Item != "" {
		return err
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.advanceFor(&pos, answers)
}

// reroute moves each person shown an item they no longer hold to their
// next open item, or ends their round when they have none.
func (t *turn) reroute() error {
	parts, err := t.tx.Participants(t.eng.ID)
	if err != nil {
		return err
	}
	holders, err := t.tx.Holders(t.eng.ID)
	if err != nil {
		return err
	}
	for _, p := range parts {
		pos, err := t.tx.Position(t.eng.ID, p.User)
		if bot.IsNotFound(err) || (err == nil && (pos.Item == "" || bot.Holds(p, pos.Item, holders))) {
			continue
		}
		if err != nil {
			return err
		}
		if err := t.moveOn(&pos); err != nil {
			return err
		}
	}
	return nil
}

// moveOn shows pos's person their next open item, or clears their
// displayed item when none is left.
func (t *turn) moveOn(pos *bot.Position) error {
	answers, err := t.answers()
	if err != nil {
		return err
	}
	busy, err := t.unavailable(pos.User)
	if err != nil {
		return err
	}
	next, skipped := nextItem(t.pack, answers, pos.Item, pos.Skipped, busy)
	if next == "" {
		pos.Item, pos.Skipped, pos.UpdatedAt = "", nil, t.now
		return t.tx.SavePosition(*pos)
	}
	pos.Skipped = skipped
	return t.show(pos, next, answers)
}

// heldBy lists, in pack order, the items u answers.
func (t *turn) heldBy(u bot.UserRef) ([]string, error) {
	holders, err := t.tx.Holders(t.eng.ID)
	if err != nil {
		return nil, err
	}
	p := t.participant(u)
	var out []string
	for _, it := range t.pack.Items {
		if bot.Holds(p, it.ID, holders) {
			out = append(out, it.ID)
		}
	}
	return out, nil
}

// unavailable lists the items not to ask u next: those shown to other
// people, and those u does not hold.
func (t *turn) unavailable(u bot.UserRef) ([]string, error) {
	busy, err := t.itemsShownToOthers(u)
	if err != nil {
		return nil, err
	}
	held, err := t.heldBy(u)
	if err != nil {
		return nil, err
	}
	for _, it := range t.pack.Items {
		if !slices.Contains(held, it.ID) {
			busy = append(busy, it.ID)
		}
	}
	return busy, nil
}

// mine reports whether the event's user answers item, telling them when
// they do not.
func (t *turn) mine(item string) (bool, error) {
	held, err := t.heldBy(t.ev.UserRef())
	if err != nil || slices.Contains(held, item) {
		return err == nil, err
	}
	return false, t.Reply("not_your_item", item)
}
