// Package plan is the countermeasure plan's room: plan turns approved
// improvement findings into actions, action changes an action's owner, due
// date and status, and a follow-up engagement carries the open actions
// over (CarryOver). The scheduler reads its lines (ActionLine,
// PlanProgress) for reminders and pings.
//
// It sees its turn only through bot.Turn and imports the API, the
// catalogue, the holiday calendar and assessment: never the engine or
// another room.
package plan

import "github.com/otassess/otassess/bot"

// turn is the turn a command of this room runs in.
type turn struct{ bot.Turn }
