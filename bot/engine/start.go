package engine

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdStart moves the engagement into the self assessment and sends each
// SPOC and delegate the greeting and their current question. Running it again re-sends
// (for a SPOC who could not be reached the first time), unless every item
// is answered: then nobody is greeted again.
func (t *turn) cmdStart(input) error {
	parts, err := t.tx.Participants(t.eng.ID)
	if err != nil {
		return err
	}
	holders, err := t.tx.Holders(t.eng.ID)
	if err != nil {
		return err
	}
	var spocs []bot.Participant
	for _, p := range parts {
		if p.Has(bot.RoleSPOC) || (p.Has(bot.RoleDelegate) && holdsAny(p, holders)) {
			spocs = append(spocs, p)
		}
	}
	if len(spocs) == 0 {
		return t.Reply("no_spoc")
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	if bot.CountDone(answers) >= len(t.pack.Items) {
		return t.Reply("start_complete", t.eng.Name)
	}
	if t.eng.Status == bot.StatusDraft {
		if err := t.tx.SetStatus(t.eng.ID, bot.StatusSelfAssessment); err != nil {
			return err
		}
		t.eng.Status = bot.StatusSelfAssessment
	}
	if err := bot.EnsureSchedule(t.tx, t.eng, t.now); err != nil {
		return err
	}
	var names, asked, askedDelegates []string
	for _, p := range spocs {
		if t.needsConsent(p) {
			if err := t.askConsent(p); err != nil {
				return err
			}
			if p.Has(bot.RoleSPOC) {
				asked = append(asked, t.named(p.User))
			} else {
				askedDelegates = append(askedDelegates, t.named(p.User))
			}
			continue
		}
		if err := t.greet(p, t.ev.UserRef()); err != nil {
			return err
		}
		names = append(names, t.named(p.User))
	}
	if len(names) > 0 {
		if err := t.Post(catalog.Say(t.eng.Langs, "started", t.eng.Name, strings.Join(names, ", "))); err != nil {
			return err
		}
	}
	if len(asked) > 0 {
		if err := t.Post(catalog.Say(t.eng.Langs, "consent_asked", t.eng.Name, strings.Join(asked, ", "))); err != nil {
			return err
		}
	}
	if len(askedDelegates) > 0 {
		return t.Post(catalog.Say(t.eng.Langs, "delegate_asked", t.eng.Name, strings.Join(askedDelegates, ", ")))
	}
	return nil
}

// greet tells a SPOC who is asking (by) and why, then shows their question.
func (t *turn) greet(p bot.Participant, by bot.UserRef) error {
	lang := t.langOf(p)
	model := catalog.Message("greeting_no_model")
	if on, err := t.ModelOn(); err != nil {
		return err
	} else if on {
		model = catalog.Message("greeting_model", t.e.modelName())
	}
	held, err := t.heldBy(p.User)
	if err != nil {
		return err
	}
	text := catalog.Say(lang, "greeting", t.eng.Name, t.pack.Title, t.named(by), len(held), model)
	pos, err := t.tx.Position(t.eng.ID, p.User)
	if bot.IsNotFound(err) {
		pos, err = bot.Position{EngagementID: t.eng.ID, User: p.User}, nil
	}
	if err != nil {
		return err
	}
	if pos.Conversation == "" && t.ev.DM && t.ev.Engagement == "" && p.User == t.ev.UserRef() {
		pos.Conversation = t.ev.Conversation // accepted in their DM: greeting and question share its queue
	}
	if err := t.tx.Enqueue(bot.Outgoing{Platform: t.eng.Platform, Conversation: pos.Conversation, User: p.User, Reply: bot.Reply{Text: text, Engagement: t.eng.ID}, NotBefore: t.now}); err != nil {
		return err
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	if pos.Item != "" {
		return t.show(&pos, pos.Item, answers)
	}
	return t.advanceFor(&pos, answers)
}

// advanceFor shows a SPOC the first open item without recording milestones
// (nothing was answered).
func (t *turn) advanceFor(pos *bot.Position, answers map[string]assessment.Answer) error {
	busy, err := t.unavailable(pos.User)
	if err != nil {
		return err
	}
	next, skipped := nextItem(t.pack, answers, "", pos.Skipped, busy)
	pos.Skipped = skipped
	if next == "" {
		// Everything of theirs has a level or a flag: ask the first of
		// their items still marked not sure, which is open.
		open := slices.DeleteFunc(unsureOpen(t.pack, answers), func(id string) bool { return slices.Contains(busy, id) })
		if len(open) == 0 {
			return nil
		}
		next = open[0]
	}
	return t.show(pos, next, answers)
}

// named is how a message names a person: the name the platform gave with
// this event when it is theirs (the console's OS user), else a mention.
func (t *turn) named(u bot.UserRef) string {
	if u == t.ev.UserRef() && t.ev.Name != "" {
		return t.ev.Name
	}
	return u.Mention()
}

// holdsAny reports whether p holds a delegated item.
func holdsAny(p bot.Participant, holders map[string][]bot.UserRef) bool {
	for _, who := range holders {
		if slices.Contains(who, p.User) {
			return true
		}
	}
	return false
}
