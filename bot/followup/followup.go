// Package followup reads what a follow-up engagement (engagement create
// NAME --from OLD, new … from:OLD) takes from the one it follows: which
// engagement that is and whether it may be followed, the map of its items
// onto the new pack version, its after-assessment answers and result (the
// report's trend) and the line a question shows of last year's answer.
// Carrying the open actions over is the plan's (plan.CarryOver).
//
// It imports the API, the catalogue, the findings room (for the
// after-assessment answers) and assessment; the engine passes it its pack
// cache as Packs.
package followup

import (
	"fmt"
	"slices"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/findings"
)

// A follow-up engagement re-assesses the same site on the same pack, at OLD's version or
// a newer one that maps OLD's items onto its own (maps_from): the open
// actions of OLD's plan carry over with their items mapped, its SPOC sees
// OLD's after-assessment answer of the item beside each question, and its
// report shows the trend per category.

// Packs finds the pack an engagement pinned (the engine's cache).
type Packs interface {
	PackIn(tx bot.Tx, eng *bot.Engagement) (*assessment.Pack, error)
}

// Check finds the engagement a follow-up names (its id, else its
// name) and checks that it may follow it: another engagement, on the same
// pack, in the same workspace, and the creator its lead or assessor. It is
// nil when ref is empty.
func Check(tx bot.Tx, eng *bot.Engagement, ref string, creator bot.UserRef) (*bot.Engagement, error) {
	if ref == "" {
		return nil, nil
	}
	old, err := tx.Engagement(ref)
	if bot.IsNotFound(err) {
		var named []*bot.Engagement
		if named, err = tx.EngagementsNamed(ref); err == nil {
			named = slices.DeleteFunc(named, func(e *bot.Engagement) bool { return e.ID == eng.ID })
			if len(named) == 0 {
				return nil, &bot.SpecError{Field: "from", Problem: "names no engagement", Value: ref}
			}
			if len(named) != 1 {
				return nil, &bot.SpecError{Field: "from", Problem: fmt.Sprintf("names %d engagements; give its id", len(named)), Value: ref}
			}
			old = named[0]
		}
	}
	if err != nil {
		return nil, err
	}
	switch {
	case old.ID == eng.ID:
		return nil, &bot.SpecError{Field: "from", Problem: "names the new engagement itself", Value: ref}
	case old.Platform != eng.Platform || old.Workspace != eng.Workspace:
		return nil, &bot.SpecError{Field: "from", Problem: "is an engagement of another workspace", Value: ref}
	case old.PackID != eng.PackID:
		return nil, &bot.SpecError{Field: "from", Problem: fmt.Sprintf("is on pack %s, not %s", old.PackID, eng.PackID), Value: ref}
	}
	parts, err := tx.Participants(old.ID)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(parts, func(p bot.Participant) bool { return p.User == creator && p.Has(bot.RoleLead, bot.RoleAssessor) }) {
		return nil, &bot.SpecError{Field: "from", Problem: "may be followed only by its lead or assessors", Value: ref}
	}
	return old, nil
}

// MapFrom is the map of old's items onto pack, the new engagement's; a
// missing or bad mapping is a bot.SpecError naming the pack file and line.
func MapFrom(tx bot.Tx, packs Packs, pack *assessment.Pack, old *bot.Engagement, ref string) (*assessment.ItemMap, error) {
	oldPack, err := packs.PackIn(tx, old)
	if err != nil {
		return nil, err
	}
	m, err := pack.MapFrom(oldPack)
	if err != nil {
		return nil, &bot.SpecError{Field: "from_map", Problem: fmt.Sprintf("cannot follow %s on %s: %v", oldPack, pack, err), Value: ref}
	}
	return m, nil
}

// LastYear is the line under a question in a follow-up engagement: the
// item's after-assessment answer in the engagement it follows (under the
// item's old id), or "".
func LastYear(tx bot.Tx, packs Packs, eng *bot.Engagement, item string, lang assessment.Lang) string {
	prev, pack, after, m, err := previous(tx, packs, eng)
	if err != nil || prev == nil {
		return ""
	}
	old, mapped := m.Old(item)
	a, ok := after[old]
	if !mapped || !ok || a.Value == "" {
		return ""
	}
	o, _ := pack.Option(a.Value)
	return "\n\n" + catalog.EachLang(lang, func(l assessment.Lang) string {
		return catalog.Say(l, "question_last_year", prev.Name, string(a.Value), o.Label.In(l))
	})
}

// Result is the after-assessment result of the engagement eng
// follows up, scored on that engagement's pinned pack; nil for none.
func Result(tx bot.Tx, packs Packs, eng *bot.Engagement) (*assessment.PreviousResult, error) {
	prev, pack, after, m, err := previous(tx, packs, eng)
	if err != nil || prev == nil {
		return nil, err
	}
	return &assessment.PreviousResult{Name: prev.Name, Result: assessment.Score(pack, after), Map: m}, nil
}

// previous is the engagement eng follows up, its pinned pack, its
// after-assessment answers and the map of its items onto eng's pack; a nil
// engagement when eng follows none.
func previous(tx bot.Tx, packs Packs, eng *bot.Engagement) (*bot.Engagement, *assessment.Pack, map[string]assessment.Answer, *assessment.ItemMap, error) {
	prevID, err := tx.PreviousOf(eng.ID)
	if err != nil || prevID == "" {
		return nil, nil, nil, nil, err
	}
	prev, err := tx.Engagement(prevID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	pack, err := packs.PackIn(tx, prev)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	cur, err := packs.PackIn(tx, eng)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	m, err := cur.MapFrom(pack)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("followup: %s follows %s: %w", eng.ID, prevID, err)
	}
	after, err := findings.AfterAnswers(tx, prevID)
	return prev, pack, after, m, err
}
