package engine

import (
	"slices"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/assign"
)

// Delegation: the assign room (bot/assign) records who holds which items
// and tells the channel; the engine then moves whoever was shown an item
// that is no longer theirs and asks the new holders to accept, or sends
// the items given back to the SPOCs who had finished.

// cmdAssign runs assign.
func (t *turn) cmdAssign(in input) error {
	res, err := assign.Assign(t, in.command())
	if res == nil {
		return err
	}
	if err := t.reroute(); err != nil {
		return err
	}
	if len(res.Holders) == 0 {
		return t.engageSPOCs()
	}
	for _, p := range res.Holders {
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
	return bot.HeldBy(t.pack, t.participant(u), holders), nil
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
