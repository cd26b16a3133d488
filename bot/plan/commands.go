package plan

import "github.com/otassess/otassess/bot"

// The plan commands, as the engine's command table runs them.

// Show turns approved findings into actions and shows the plan (plan).
func Show(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdPlan(in) }

// Action changes an action's owner, due date or status (action).
func Action(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdAction(in) }
