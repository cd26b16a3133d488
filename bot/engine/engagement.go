package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/followup"
	"github.com/otassess/otassess/bot/plan"
)

// CreateEngagement creates an engagement outside a conversation (the CLI
// and the console use it). It pins the pack's bytes.
func (e *Engine) CreateEngagement(ctx context.Context, spec bot.EngagementSpec) (*bot.Engagement, error) {
	var eng *bot.Engagement
	err := e.store.Update(ctx, func(tx bot.Tx) error {
		var err error
		eng, err = e.create(tx, spec, e.clock.Now().UTC())
		return err
	})
	return eng, err
}

func (e *Engine) create(tx bot.Tx, spec bot.EngagementSpec, now time.Time) (*bot.Engagement, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return nil, &bot.SpecError{Field: "name", Problem: "is empty"}
	}
	if spec.PackID == "" {
		spec.PackID = assessment.DefaultPack
	}
	pack, err := e.packs.Get(spec.PackID)
	if err != nil {
		return nil, &bot.SpecError{Field: "pack", Problem: err.Error(), Value: spec.PackID}
	}
	if spec.Langs == "" {
		spec.Langs = assessment.Both
	}
	if spec.Timezone == "" {
		spec.Timezone = "Asia/Tokyo"
	}
	if _, err := time.LoadLocation(spec.Timezone); err != nil {
		return nil, &bot.SpecError{Field: "tz", Problem: fmt.Sprintf("unknown time zone %q", spec.Timezone), Value: spec.Timezone}
	}
	eng := &bot.Engagement{
		ID: newID(), Name: strings.TrimSpace(spec.Name), Client: spec.Client, Site: spec.Site,
		Firm: strings.TrimSpace(spec.Firm), Author: strings.TrimSpace(spec.Author),
		PackID: pack.ID, PackVersion: pack.Version, PackSHA256: pack.SHA256(), PackBytes: pack.Bytes(),
		Langs: spec.Langs, Platform: spec.Platform, Workspace: spec.Workspace, Channel: spec.Channel,
		Timezone: spec.Timezone, Status: bot.StatusDraft, CreatedBy: spec.Creator, CreatedAt: now,
	}
	old, err := followup.Check(tx, eng, spec.From, spec.Creator)
	if err != nil {
		return nil, err
	}
	var items *assessment.ItemMap
	if old != nil {
		if items, err = followup.MapFrom(tx, e, pack, old, spec.From); err != nil {
			return nil, err
		}
	}
	if err := tx.CreateEngagement(eng); err != nil {
		return nil, err
	}
	people := map[bot.UserRef][]bot.Role{spec.Creator: {bot.RoleAssessor}}
	for u, roles := range spec.People {
		people[u] = bot.MergeRoles(people[u], roles)
	}
	for u, roles := range people {
		p := bot.Participant{EngagementID: eng.ID, User: u, Roles: roles}
		if eng.Langs == assessment.Both {
			p.Lang = langFromLocale(spec.Locales[u.ID], "")
		}
		if err := tx.SaveParticipant(p); err != nil {
			return nil, err
		}
	}
	if old != nil {
		return eng, plan.CarryOver(tx, eng, old, items, spec.Creator, now)
	}
	return eng, nil
}

// cmdNew creates an engagement bound to the channel it is run in:
// new <name> spoc:@user lead:@user [assessor:@user …] [lang:…] [tz:…] [pack:…].
func (t *turn) cmdNew(in input) error {
	if t.ev.DM {
		t.Private("new_in_dm")
		return nil
	}
	if !t.e.mayCreate(t.ev.User) {
		t.Private("not_assessor")
		return nil
	}
	spec, err := bot.ParseSpec(t.ev, in.args)
	if err != nil {
		return t.badNew(err)
	}
	if old, err := t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation); err == nil {
		return t.Reply("channel_taken", old.Name)
	} else if !bot.IsNotFound(err) {
		return err
	}
	eng, err2 := t.e.create(t.tx, spec, t.now)
	if se, ok := err2.(*bot.SpecError); ok {
		return t.badNew(se)
	}
	if err2 != nil {
		return err2
	}
	t.eng = eng
	return t.Post(catalog.Say(eng.Langs, "created", eng.Name, eng.ID, eng.PackID+"@"+eng.PackVersion))
}

// badNew tells the user, in their language, what is wrong with their new
// command; nothing was created.
func (t *turn) badNew(se *bot.SpecError) error {
	usage := catalog.Message("new_usage") // each language gets its own usage line
	switch se.Field {
	case "name":
		return t.Reply("new_no_name", usage)
	case "tz":
		return t.Reply("new_bad_tz", bot.Echo(se.Value))
	case "lang":
		return t.Reply("new_bad_lang", bot.Echo(se.Value))
	case "pack":
		return t.Reply("new_bad_pack", bot.Echo(se.Value), assessment.DefaultPack)
	case "spoc", "lead", "assessor", "member":
		return t.Reply("new_bad_user", se.Field, bot.Echo(se.Value))
	case "from":
		return t.Reply("new_bad_from", bot.Echo(se.Value))
	case "from_map":
		return t.Reply("new_bad_map", bot.Echo(se.Value), se.Problem)
	}
	return t.Reply("new_bad_option", bot.Echo(se.Field), usage)
}

// ErrAmbiguous is returned by FindEngagement when a name matches several engagements.
var ErrAmbiguous = errors.New("ambiguous engagement name")

// FindEngagement resolves an engagement by id, else by name. It returns an
// error wrapping ErrNotFound when none matches and ErrAmbiguous when a name
// matches more than one.
func FindEngagement(ctx context.Context, s bot.Store, ref string) (*bot.Engagement, error) {
	var eng *bot.Engagement
	err := s.View(ctx, func(tx bot.Tx) error {
		e, err := tx.Engagement(ref)
		if err == nil {
			eng = e
			return nil
		}
		if !bot.IsNotFound(err) {
			return err
		}
		named, err := tx.EngagementsNamed(ref)
		switch {
		case err != nil:
			return err
		case len(named) == 0:
			return fmt.Errorf("engagement %q: %w", ref, bot.ErrNotFound)
		case len(named) > 1:
			return fmt.Errorf("%w: %q names %d engagements; use the id", ErrAmbiguous, ref, len(named))
		}
		eng = named[0]
		return nil
	})
	return eng, err
}

// SetLang sets a participant's language outside a conversation.
func (e *Engine) SetLang(ctx context.Context, engagementID string, u bot.UserRef, lang assessment.Lang) error {
	return e.store.Update(ctx, func(tx bot.Tx) error {
		parts, err := tx.Participants(engagementID)
		if err != nil {
			return err
		}
		for _, p := range parts {
			if p.User == u {
				p.Lang = lang
				return tx.SaveParticipant(p)
			}
		}
		return fmt.Errorf("bot: %s is not in engagement %s: %w", u.ID, engagementID, bot.ErrNotFound)
	})
}
