package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
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
	Creator   UserRef
	// People maps each participant to their roles; the creator is added
	// as an assessor.
	People map[UserRef][]Role
	// Locales are people's platform locales by user id, where known. In an
	// engagement in both languages, a person whose locale is Japanese or
	// English starts in that language; the others read both until they
	// choose with lang.
	Locales map[string]string
	// From names the engagement this one follows (id or name): see followUp.
	From string
}

// SpecError is a problem with an engagement spec, safe to show a user:
// Problem in English (the CLI prints it); Value is what was given, which
// the chat's reply in the user's language names.
type SpecError struct{ Field, Problem, Value string }

func (e *SpecError) Error() string { return e.Field + ": " + e.Problem }

// MergeRoles adds to have the roles of add it does not hold yet.
func MergeRoles(have, add []Role) []Role {
	for _, r := range add {
		if !slices.Contains(have, r) {
			have = append(have, r)
		}
	}
	return have
}

// ParseSpec reads the words of a new command (new <name> spoc:@user
// lead:@user [assessor:@user …] [lang:…] [tz:…] [pack:…] [client:…]
// [site:…] [firm:…] [author:…] [from:…]) as the spec of an engagement bound
// to the event's channel and created by its author.
func ParseSpec(ev Event, args []string) (EngagementSpec, *SpecError) {
	spec := EngagementSpec{Platform: ev.Platform, Workspace: ev.Workspace, Channel: ev.Conversation, Creator: ev.UserRef(), People: map[UserRef][]Role{},
		Locales: map[string]string{ev.User: ev.Locale}}
	for u, l := range ev.Locales {
		spec.Locales[u] = l
	}
	var name []string
	for _, w := range joinQuoted(args) {
		key, val, ok := strings.Cut(w, ":")
		if !ok || strings.HasPrefix(w, "<") {
			name = append(name, w)
			continue
		}
		if err := spec.apply(ev, strings.ToLower(key), val); err != nil {
			return spec, err
		}
	}
	spec.Name = strings.Join(name, " ")
	if spec.Name == "" {
		return spec, &SpecError{Field: "name", Problem: "is empty"}
	}
	return spec, nil
}

// apply sets one key:value option of a new command.
func (spec *EngagementSpec) apply(ev Event, key, val string) *SpecError {
	text := map[string]*string{"tz": &spec.Timezone, "pack": &spec.PackID, "client": &spec.Client, "site": &spec.Site,
		"firm": &spec.Firm, "author": &spec.Author, "from": &spec.From}
	role := map[string]Role{"spoc": RoleSPOC, "lead": RoleLead, "assessor": RoleAssessor, "member": RoleMember}
	if field, ok := text[key]; ok {
		*field = val
		return nil
	}
	if key == "lang" {
		l, err := assessment.ParseLang(val)
		if err != nil {
			return &SpecError{Field: "lang", Problem: err.Error(), Value: val}
		}
		spec.Langs = l
		return nil
	}
	r, ok := role[key]
	if !ok {
		return &SpecError{Field: key, Problem: "is not an option", Value: val}
	}
	u, ok := ev.Mentioned(val)
	if !ok {
		return &SpecError{Field: key, Problem: fmt.Sprintf("%q is not a user", val), Value: val}
	}
	spec.People[u] = MergeRoles(spec.People[u], []Role{r})
	return nil
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
