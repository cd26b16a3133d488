package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/holiday"
)

// The countermeasure plan is Step 2 of the seed: after the report, plan
// turns the approved improvement findings into actions the client works
// through in its meetings (governance, risk analysis and rules, training,
// incident response, technology, supply chain), each with an owner, a due
// date and a status, open → doing → done, or dropped with a reason. Every
// change is kept as history. Owners are reminded before and after the due
// date on working days (bot/scheduler), the leads' pings carry the plan's
// progress, and the channel hears when an action is done.

// ActionStatus is where an action stands.
type ActionStatus string

// The statuses of an action.
const (
	ActionOpen    ActionStatus = "open"
	ActionDoing   ActionStatus = "doing"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped"
)

// Closed reports an action that is done or dropped.
func (s ActionStatus) Closed() bool { return s == ActionDone || s == ActionDropped }

// Action is one step of the countermeasure plan.
type Action struct {
	ID            int64
	EngagementID  string
	Number        int // 1… within the engagement, as people name it (action 2)
	FindingNumber int // the finding it carries out
	Items         []string
	Theme         string          // assessment.Theme*
	Text          assessment.Text // the finding's direction when planned
	Owner         UserRef         // zero when nobody owns it yet
	Due           string          // YYYY-MM-DD in the engagement's zone, "" when not set
	Status        ActionStatus
	Note          string // what was done, or why it was dropped
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// The fields an action's history records.
const (
	ActionCreated = "created"
	ActionOwner   = "owner"
	ActionDue     = "due"
	ActionTheme   = "theme"
	ActionStatusF = "status"
)

// ActionChange is one row of an action's history.
type ActionChange struct {
	ActionID int64
	Field    string // ActionCreated, ActionOwner, ActionDue, ActionTheme or ActionStatusF
	Value    string
	Note     string
	By       UserRef
	At       time.Time
}

// PlanTx is what the engine stores of the countermeasure plan.
type PlanTx interface {
	// AddAction stores a new action under the engagement's next number,
	// with a "created" history row by by, and returns it.
	AddAction(a Action, by UserRef) (Action, error)
	// UpdateAction saves an action's fields and appends ch to its history.
	UpdateAction(a Action, ch ActionChange) error
	// Actions lists an engagement's actions by number.
	Actions(engagementID string) ([]Action, error)
	// ActionHistory lists the history of an engagement's actions, oldest first.
	ActionHistory(engagementID string) ([]ActionChange, error)
	// ClaimActionReminder records a reminder of an action by its key and
	// reports whether it was new (false: it was sent before).
	ClaimActionReminder(a Action, key string, at time.Time) (bool, error)
	// EngagementsWithOpenActions lists the engagements that have an owned
	// action with a due date that is neither done nor dropped.
	EngagementsWithOpenActions() ([]string, error)
}

// ReportPlan is an engagement's plan as its report shows it.
func ReportPlan(tx Tx, engagementID string) ([]assessment.PlanAction, error) {
	actions, err := tx.Actions(engagementID)
	if err != nil {
		return nil, err
	}
	hist, err := tx.ActionHistory(engagementID)
	if err != nil {
		return nil, err
	}
	out := make([]assessment.PlanAction, 0, len(actions))
	for _, a := range actions {
		pa := assessment.PlanAction{ID: a.Number, Finding: a.FindingNumber, Items: a.Items, Theme: a.Theme, Text: a.Text,
			Owner: a.Owner.ID, Due: a.Due, Status: string(a.Status), Note: a.Note}
		for _, c := range hist {
			if c.ActionID == a.ID {
				pa.History = append(pa.History, assessment.PlanChange{Field: c.Field, Value: c.Value, Note: c.Note, By: c.By.ID, At: c.At})
			}
		}
		out = append(out, pa)
	}
	return out, nil
}

// Overdue reports an action past its due date on day and not done or dropped.
func (a Action) Overdue(day holiday.Date) bool {
	due, err := holiday.ParseDate(a.Due)
	return err == nil && !a.Status.Closed() && due.Before(day)
}
