package evidence

import "github.com/otassess/otassess/bot"

// The evidence commands, as the engine's command table runs them.

// List lists an item's evidence, or keeps an attached file (evidence).
func List(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdEvidence(in) }

// Observe keeps an assessor's on-site note (observe).
func Observe(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdObserve(in) }

// Keep keeps the event's file as evidence of item.
func Keep(t bot.Turn, item string) error { return (&turn{t}).keepFile(item) }

// Lines are an item's evidence as chat lists it, a line each, oldest
// first; none is nil.
func Lines(t bot.Turn, item string) ([]string, error) { return (&turn{t}).lines(item) }
