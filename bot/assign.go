package bot

import (
	"slices"
	"time"
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
