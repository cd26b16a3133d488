package findings

import "github.com/otassess/otassess/bot"

// The findings commands, as the engine's command table runs them.

// List shows the engagement's findings (findings).
func List(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdFindings(in) }

// Add adds or removes a person's finding (finding).
func Add(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdFinding(in) }

// Drafts drafts the findings again (drafts).
func Drafts(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdDrafts(in) }

// Approve approves findings (approve).
func Approve(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdApprove(in) }

// Edit rewrites a finding's risk or direction (edit).
func Edit(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdEdit(in) }

// Priority reorders a finding (priority).
func Priority(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdPriority(in) }

// Refresh stores the draft findings again from the current answers,
// keeping what people approved or wrote; it reports the findings and
// whether the drafts changed.
func Refresh(t bot.Turn) ([]bot.Finding, bool, error) { return (&turn{t}).refreshDrafts() }
