package bot

import (
	"slices"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Delegation: staff give ranges of items to plant staff (assign 3-1..3-8
// @it-lead). A delegated item is held by the people it was given to; every
// other item by the SPOCs. Each person is asked only the items they hold.

// AssignTx keeps who holds the delegated items of an engagement.
type AssignTx interface {
	// Assign makes users the holders of items, replacing whoever held
	// them; no users gives the items back to the SPOCs.
	Assign(engagementID string, items []string, users []UserRef, by UserRef, at time.Time) error
	// Holders maps each delegated item to its holders, in the order they
	// were given it.
	Holders(engagementID string) (map[string][]UserRef, error)
}

// Answers reports whether a participant answers items: a SPOC or a
// delegate.
func (p Participant) Answers() bool { return p.Has(RoleSPOC, RoleDelegate) }

// Holds reports whether p answers item, given the delegated items'
// holders (AssignTx.Holders): a delegated item is held by its holders,
// any other by the SPOCs.
func Holds(p Participant, item string, holders map[string][]UserRef) bool {
	if hs, ok := holders[item]; ok {
		return slices.Contains(hs, p.User)
	}
	return p.Has(RoleSPOC)
}

// HeldBy lists, in pack order, the items p answers.
func HeldBy(pack *assessment.Pack, p Participant, holders map[string][]UserRef) []string {
	var out []string
	for _, it := range pack.Items {
		if Holds(p, it.ID, holders) {
			out = append(out, it.ID)
		}
	}
	return out
}

// LangFromLocale is the language of a platform locale (ja-JP, en-US), else
// fallback.
func LangFromLocale(locale string, fallback assessment.Lang) assessment.Lang {
	switch l := strings.ToLower(locale); {
	case strings.HasPrefix(l, "ja"):
		return assessment.JA
	case strings.HasPrefix(l, "en"):
		return assessment.EN
	}
	return fallback
}
