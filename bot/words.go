package bot

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/otassess/otassess/bot/catalog"
)

// CutWord splits off the first word of s at any whitespace (see
// FirstWord); ok is false when s is one word.
func CutWord(s string) (string, string, bool) {
	s = strings.TrimSpace(s)
	w, rest := FirstWord(s)
	return w, rest, len(w) < len(s)
}

// FirstWord splits s at its first whitespace of any kind: a space, a tab
// or a line break (Shift+Enter after a level in Slack or Teams) all end
// the first word. rest is trimmed.
func FirstWord(s string) (first, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// maxEcho is the most of a typed word a reply quotes back.
const maxEcho = 30

// Echo is a typed word as a reply quotes it: shortened, so a long message
// is never repeated back (into a channel, or past a message size limit).
func Echo(w string) string { return catalog.Shorten(w, maxEcho) }

// dashes are the characters people type for the hyphen of an item id: a
// Japanese input method gives ー or −, word processors ‐ – —.
var dashes = strings.NewReplacer("ー", "-", "−", "-", "‐", "-", "‑", "-", "–", "-", "—", "-", "―", "-")

// ItemWord reads a typed word as an item id (after NFKC, which makes
// full-width digits and －ASCII): the hyphen may be typed as any dash.
func ItemWord(w string) string { return dashes.Replace(w) }

// Unquote drops one pair of quotes around a reason, as people type them in
// chat ("…", “…”, '…', 「…」).
func Unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"「", "」"}, {"『", "』"}} {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

// IsWord reports whether w is one of words, in any case.
func IsWord(w string, words ...string) bool {
	return slices.ContainsFunc(words, func(x string) bool { return strings.EqualFold(w, x) })
}

// Location is an engagement's time zone, UTC if it cannot be loaded.
func Location(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// mentionPattern matches a user as platforms send it: <@U123>, <@U123|name>,
// @U123 or a bare id.
var mentionPattern = regexp.MustCompile(`^<?@?([A-Za-z0-9_.-]+)(?:\|[^>]*)?>?$`)

// Mentioned reads a typed word naming a user (<@U123>, <@U123|name>, @U123
// or a bare id) as a user of the event's workspace.
func (ev Event) Mentioned(word string) (UserRef, bool) {
	m := mentionPattern.FindStringSubmatch(word)
	if m == nil {
		return UserRef{}, false
	}
	return UserRef{Platform: ev.Platform, Workspace: ev.Workspace, ID: m[1]}, true
}

// IsStaff reports whether a participant is a lead or an assessor.
func (p Participant) IsStaff() bool { return p.Has(RoleLead, RoleAssessor) }

// LooksLikeItemID is true for words shaped like item ids (3-5, 12-1).
func LooksLikeItemID(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	return ok && a != "" && b != "" && strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == ""
}
