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
	"github.com/otassess/otassess/bot/plan"
)

// EngagementSpec is what creating an engagement needs.
type EngagementSpec struct {
	Name      string
	Client    string
	Site      string
	Firm      string
	Author    string
	PackID    string
	Langs     assessment.Lang
	Platform  string
	Workspace string
	Channel   string
	Timezone  string
	Creator   bot.UserRef
	// People maps each participant to their roles; the creator is added
	// as an assessor.
	People map[bot.UserRef][]bot.Role
	// Locales are people's platform locales by user id, where known. In an
	// engagement in both languages, a person whose locale is Japanese or
	// English starts in that language; the others read both until they
	// choose with lang.
	Locales map[string]string
	// From names the engagement this one follows (id or name): see followUp.
	From string
}

// CreateEngagement creates an engagement outside a conversation (the CLI
// and the console use it). It pins the pack's bytes.
func (e *Engine) CreateEngagement(ctx context.Context, spec EngagementSpec) (*bot.Engagement, error) {
	var eng *bot.Engagement
	err := e.store.Update(ctx, func(tx bot.Tx) error {
		var err error
		eng, err = e.create(tx, spec, e.clock.Now().UTC())
		return err
	})
	return eng, err
}

// SpecError is a problem with an engagement spec, safe to show a user:
// Problem in English (the CLI prints it); Value is what was given, which
// the chat's reply in the user's language names.
type SpecError struct{ Field, Problem, Value string }

func (e *SpecError) Error() string { return e.Field + ": " + e.Problem }

func (e *Engine) create(tx bot.Tx, spec EngagementSpec, now time.Time) (*bot.Engagement, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return nil, &SpecError{Field: "name", Problem: "is empty"}
	}
	if spec.PackID == "" {
		spec.PackID = assessment.DefaultPack
	}
	pack, err := e.packs.Get(spec.PackID)
	if err != nil {
		return nil, &SpecError{Field: "pack", Problem: err.Error(), Value: spec.PackID}
	}
	if spec.Langs == "" {
		spec.Langs = assessment.Both
	}
	if spec.Timezone == "" {
		spec.Timezone = "Asia/Tokyo"
	}
	if _, err := time.LoadLocation(spec.Timezone); err != nil {
		return nil, &SpecError{Field: "tz", Problem: fmt.Sprintf("unknown time zone %q", spec.Timezone), Value: spec.Timezone}
	}
	eng := &bot.Engagement{
		ID: newID(), Name: strings.TrimSpace(spec.Name), Client: spec.Client, Site: spec.Site,
		Firm: strings.TrimSpace(spec.Firm), Author: strings.TrimSpace(spec.Author),
		PackID: pack.ID, PackVersion: pack.Version, PackSHA256: pack.SHA256(), PackBytes: pack.Bytes(),
		Langs: spec.Langs, Platform: spec.Platform, Workspace: spec.Workspace, Channel: spec.Channel,
		Timezone: spec.Timezone, Status: bot.StatusDraft, CreatedBy: spec.Creator, CreatedAt: now,
	}
	old, err := previousFor(tx, eng, spec.From, spec.Creator)
	if err != nil {
		return nil, err
	}
	var items *assessment.ItemMap
	if old != nil {
		if items, err = e.mapFrom(tx, pack, old, spec.From); err != nil {
			return nil, err
		}
	}
	if err := tx.CreateEngagement(eng); err != nil {
		return nil, err
	}
	people := map[bot.UserRef][]bot.Role{spec.Creator: {bot.RoleAssessor}}
	for u, roles := range spec.People {
		people[u] = mergeRoles(people[u], roles)
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

func mergeRoles(have, add []bot.Role) []bot.Role {
	for _, r := range add {
		if !containsRole(have, r) {
			have = append(have, r)
		}
	}
	return have
}

func containsRole(rs []bot.Role, r bot.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
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
	spec, err := t.parseNew(in)
	if err != nil {
		return t.badNew(err)
	}
	if old, err := t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation); err == nil {
		return t.Reply("channel_taken", old.Name)
	} else if !bot.IsNotFound(err) {
		return err
	}
	eng, err2 := t.e.create(t.tx, spec, t.now)
	if se, ok := err2.(*SpecError); ok {
		return t.badNew(se)
	}
	if err2 != nil {
		return err2
	}
	t.eng = eng
	return t.Post(catalog.Say(eng.Langs, "created", eng.Name, eng.ID, eng.PackID+"@"+eng.PackVersion))
}

func (t *turn) parseNew(in input) (EngagementSpec, *SpecError) {
	spec := EngagementSpec{Platform: t.ev.Platform, Workspace: t.ev.Workspace, Channel: t.ev.Conversation, Creator: t.ev.UserRef(), People: map[bot.UserRef][]bot.Role{},
		Locales: map[string]string{t.ev.User: t.ev.Locale}}
	for u, l := range t.ev.Locales {
		spec.Locales[u] = l
	}
	var name []string
	for _, w := range joinQuoted(in.args) {
		key, val, ok := strings.Cut(w, ":")
		if !ok || strings.HasPrefix(w, "<") {
			name = append(name, w)
			continue
		}
		if err := t.applyNewOption(&spec, strings.ToLower(key), val); err != nil {
			return spec, err
		}
	}
	spec.Name = strings.Join(name, " ")
	if spec.Name == "" {
		return spec, &SpecError{Field: "name", Problem: "is empty"}
	}
	return spec, nil
}

func (t *turn) applyNewOption(spec *EngagementSpec, key, val string) *SpecError {
	role := map[string]bot.Role{"spoc": bot.RoleSPOC, "lead": bot.RoleLead, "assessor": bot.RoleAssessor, "member": bot.RoleMember}
	switch key {
	case "lang":
		l, err := assessment.ParseLang(val)
		if err != nil {
			return &SpecError{Field: "lang", Problem: err.Error(), Value: val}
		}
		spec.Langs = l
	case "tz":
		spec.Timezone = val
	case "pack":
		spec.PackID = val
	case "client":
		spec.Client = val
	case "site":
		spec.Site = val
	case "firm":
		spec.Firm = val
	case "author":
		spec.Author = val
	case "from":
		spec.From = val
	default:
		r, ok := role[key]
		if !ok {
			return &SpecError{Field: key, Problem: "is not an option", Value: val}
		}
		u, ok := t.ev.Mentioned(val)
		if !ok {
			return &SpecError{Field: key, Problem: fmt.Sprintf("%q is not a user", val), Value: val}
		}
		spec.People[u] = mergeRoles(spec.People[u], []bot.Role{r})
	}
	return nil
}

// badNew tells the user, in their language, what is wrong with their new
// command; nothing was created.
func (t *turn) badNew(se *SpecError) error {
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

// joinQuoted rejoins option words whose value was typed in double quotes
// (firm:"JNSA SWG3", firm:“…”, firm:「…」) and drops the quotes, so a value
// may hold spaces. A value whose quote is never closed runs to the end.
func joinQuoted(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		key, val, ok := strings.Cut(args[i], ":")
		open, close := quoteOf(val)
		if !ok || open == "" {
			out = append(out, args[i])
			continue
		}
		parts := []string{strings.TrimPrefix(val, open)}
		for !strings.HasSuffix(parts[len(parts)-1], close) && i+1 < len(args) {
			i++
			parts = append(parts, args[i])
		}
		out = append(out, key+":"+strings.TrimSuffix(strings.Join(parts, " "), close))
	}
	return out
}

// quoteOf names the quotes a value opens with, if any.
func quoteOf(val string) (open, close string) {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"「", "」"}} {
		if strings.HasPrefix(val, q[0]) {
			return q[0], q[1]
		}
	}
	return "", ""
}
