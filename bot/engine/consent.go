package engine

import (
	"slices"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// Press items that are not checklist items: the accept and decline buttons
// of a consent request, and the buttons that choose which engagement typed
// text is for.
const (
	pressConsent = "consent"
	pressRoute   = "route"
)

// needsConsent reports whether p is a SPOC or delegate who has not accepted the bound
// engagement (its creator naming themself accepts by creating it): no
// question of it goes to them, and nothing they type goes to it.
func (t *turn) needsConsent(p bot.Participant) bool {
	return p.Answers() && p.Consent != bot.ConsentAccepted && p.User != t.eng.CreatedBy
}

// askConsent sends a SPOC the engagement's name, channel and creator, with
// buttons to accept or decline it.
func (t *turn) askConsent(p bot.Participant) error {
	lang := t.langOf(p)
	text := catalog.Say(lang, "consent_request", t.eng.CreatedBy.Mention(), t.eng.Name, channelRef(t.eng))
	if !p.Has(bot.RoleSPOC) {
		held, err := t.heldBy(p.User)
		if err != nil {
			return err
		}
		if len(held) == 1 {
			text = catalog.Say(lang, "consent_request_delegate_one", t.ev.UserRef().Mention(), t.eng.Name, channelRef(t.eng), held[0])
		} else {
			text = catalog.Say(lang, "consent_request_delegate", t.ev.UserRef().Mention(), t.eng.Name, channelRef(t.eng), len(held), assessment.CiteItems(held))
		}
	}
	q := &bot.Question{Engagement: t.eng.ID, Item: pressConsent,
		Text: text,
		Choices: []bot.Choice{{Value: "accept", Label: catalog.Inline(lang, "consent_accept")},
			{Value: "decline", Label: catalog.Inline(lang, "consent_decline")}}}
	return t.tx.Enqueue(bot.Outgoing{Platform: t.eng.Platform, User: p.User, Reply: bot.Reply{Question: q, Engagement: t.eng.ID}, NotBefore: t.now})
}

// channelRef names an engagement's channel as the platform links it.
func channelRef(eng *bot.Engagement) string { return bot.ConversationRef(eng.Platform, eng.Channel) }

// consentPress handles Accept or Decline on a consent request (the
// engagement is bound and the presser is one of its SPOCs).
func (t *turn) consentPress() error {
	switch {
	case t.ev.Press.Value == "accept" && t.me.Consent == bot.ConsentAccepted:
		return t.replaceChoice(catalog.Say(t.lang, "consent_accepted_note", t.eng.Name))
	case t.ev.Press.Value == "accept":
		if err := t.tx.SetConsent(t.eng.ID, t.me.User, bot.ConsentAccepted); err != nil {
			return err
		}
		t.me.Consent = bot.ConsentAccepted
		if err := t.replaceChoice(catalog.Say(t.lang, "consent_accepted_note", t.eng.Name)); err != nil {
			return err
		}
		if err := t.Post(catalog.Say(t.eng.Langs, t.roleKey("spoc_accepted", "delegate_accepted"), t.me.User.Mention(), t.eng.Name)); err != nil {
			return err
		}
		if t.eng.Status == bot.StatusDraft {
			return nil // start sends the questions
		}
		return t.greet(t.me, t.eng.CreatedBy)
	case t.ev.Press.Value == "decline":
		if err := t.tx.SetConsent(t.eng.ID, t.me.User, bot.ConsentDeclined); err != nil {
			return err
		}
		if err := t.replaceChoice(catalog.Say(t.lang, "consent_declined_note", t.eng.Name)); err != nil {
			return err
		}
		return t.Post(catalog.Say(t.eng.Langs, t.roleKey("spoc_declined", "delegate_declined"), t.me.User.Mention(), t.eng.Name))
	}
	t.Private("stale_press")
	return nil
}

// roleKey is the sentence key for the event's user: spoc for a SPOC,
// delegate for someone who only answers items given to them.
func (t *turn) roleKey(spoc, delegate string) string {
	if t.me.Has(bot.RoleSPOC) {
		return spoc
	}
	return delegate
}

// replaceChoice replaces the pressed message with text (see press).
func (t *turn) replaceChoice(text string) error {
	r := bot.Reply{Replace: true, Text: text}
	if t.ev.Pressed == "" {
		t.respond = &r
		return nil
	}
	r.Edit = t.ev.Pressed
	return t.Send(r)
}

// acceptedOpen lists the open engagements (started, not closed) in which
// me is a SPOC or delegate who has accepted, in me's workspace.
func (t *turn) acceptedOpen(me bot.UserRef) ([]*bot.Engagement, error) {
	engs, err := t.tx.OpenEngagementsOf(me)
	if err != nil {
		return nil, err
	}
	var out []*bot.Engagement
	for _, e := range engs {
		if e.Status == bot.StatusDraft || e.Platform != me.Platform || e.Workspace != me.Workspace {
			continue
		}
		parts, err := t.tx.Participants(e.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range parts {
			if p.User == me && p.Answers() && (p.Consent == bot.ConsentAccepted || p.User == e.CreatedBy) {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// askWhich keeps typed text that could belong to several engagements and
// asks which one, with a button each; nothing is stored in any of them.
func (t *turn) askWhich(engs []*bot.Engagement) error {
	id, err := t.tx.SavePending(t.ev.UserRef(), t.ev.Conversation, t.ev.Text, t.now)
	if err != nil {
		return err
	}
	q := &bot.Question{Item: pressRoute, Serial: int(id), Text: catalog.Say(t.lang, "route_ask", bot.Echo(t.ev.Text))}
	for _, e := range engs {
		q.Choices = append(q.Choices, bot.Choice{Value: e.ID, Label: e.Name})
	}
	return t.Send(bot.Reply{Question: q})
}

// routePress runs kept text in the engagement its author chose.
// Only an engagement the presser has accepted may be chosen (a forged
// press names another and changes nothing).
func (t *turn) routePress() error {
	pr := t.ev.Press
	engs, err := t.acceptedOpen(t.ev.UserRef())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(engs, func(e *bot.Engagement) bool { return e.ID == pr.Value })
	if i < 0 {
		t.Private("not_participant")
		return nil
	}
	eng := engs[i]
	text, ok, err := t.tx.TakePending(t.ev.UserRef(), int64(pr.Serial))
	if err != nil || !ok {
		if !ok {
			t.Private("route_gone")
		}
		return err
	}
	if err := t.replaceChoice(catalog.Say(t.lang, "route_chosen", eng.Name, bot.Echo(text))); err != nil {
		return err
	}
	t.ev.Press, t.ev.Pressed, t.ev.Text, t.ev.Engagement = nil, "", text, eng.ID
	return t.inDM(parseInput(text))
}

// routed reports whether typed text in a DM must first be tied to one of
// several accepted engagements (and asks which when so).
func (t *turn) routed() (bool, error) {
	if t.ev.Engagement != "" {
		return false, nil
	}
	engs, err := t.acceptedOpen(t.ev.UserRef())
	if err != nil || len(engs) < 2 {
		return false, err
	}
	if tied := t.ev.ThreadEngagement; tied != "" && slices.ContainsFunc(engs, func(e *bot.Engagement) bool { return e.ID == tied }) {
		t.ev.Engagement = tied // a reply in the thread of one of its questions
		return false, nil
	}
	return true, t.askWhich(engs)
}

// namedCategory puts the engagement's name before a question's category
// when its SPOC answers several engagements, so each question says whose
// it is.
func (t *turn) namedCategory(u bot.UserRef, category string) string {
	if n, err := t.tx.CountOpenEngagementsOf(u); err != nil || n < 2 {
		return category // one engagement, or none, to tell apart
	}
	engs, err := t.acceptedOpen(u)
	if err != nil || len(engs) < 2 {
		return category
	}
	return t.eng.Name + " · " + category
}
