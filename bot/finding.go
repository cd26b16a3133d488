package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
)

// Finding is a finding as stored: its row, its engagement, the model that
// drafted it (when one did), who changed it last and when. Status may also
// be FindingSuperseded.
type Finding struct {
	ID           int64
	EngagementID string
	assessment.Finding
	Model     string
	ChangedBy UserRef
	CreatedAt time.Time
	UpdatedAt time.Time
}

// FindingSuperseded is the stored status of a draft that regenerated drafts
// replaced; it is kept for its history and never listed.
const FindingSuperseded assessment.FindingStatus = "superseded"

// FindingChange is one row of a finding's history: its state after an add
// or a change, and when.
type FindingChange struct {
	// Action is "add", "change" or "migrate" (converted from a risk comment).
	Action string
	Finding
	At time.Time
}

// Protected reports a finding that regenerating drafts keeps: one an
// assessor approved, or one a person wrote or edited.
func (f Finding) Protected() bool {
	return f.Status == assessment.FindingApproved || f.Author == assessment.ByPerson
}

// CoveredItems is the set of items the protected findings cite: drafts
// are not made for them again.
func CoveredItems(fs []Finding) map[string]bool {
	out := map[string]bool{}
	for _, f := range fs {
		if f.Protected() {
			for _, id := range f.Items {
				out[id] = true
			}
		}
	}
	return out
}

// The fields of a finding a person edits and a translation fills.
const (
	FieldRisk      = "risk"
	FieldDirection = "direction"
)
