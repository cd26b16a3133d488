package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
)

// Turn is what a command room (findings, the plan, evidence, pings,
// notes) sees of the turn it runs in: one event, inside its transaction,
// bound to an engagement. The engine implements it; a room neither opens
// transactions nor chooses the engagement.
type Turn interface {
	Tx() Tx
	Event() Event
	Now() time.Time
	// Eng is the bound engagement, Pack its pinned checklist.
	Eng() *Engagement
	Pack() *assessment.Pack
	// Me is the author's participation (no Roles when they take no part);
	// Lang the language they read.
	Me() Participant
	Lang() assessment.Lang
	Config() Config

	// Reply queues a catalogue sentence to the event's conversation, Send
	// any reply there, Post a message to the engagement channel; Private
	// answers only the author, at once (refusals, which change nothing).
	Reply(key string, args ...any) error
	Send(r Reply) error
	Post(text string) error
	Private(key string, args ...any)

	// ModelOn reports whether the engagement may use the language model
	// now; ModelState is why not ("" when it may).
	ModelOn() (bool, error)
	ModelState() (string, error)
	// Position is the author's place in the interview.
	Position() (Position, error)
	// ItemArg reads a typed word naming an item of the pack.
	ItemArg(word string) (id string, ok bool)
	// Closed reports, having told the author, that the engagement is closed.
	Closed() bool
	// IsParticipant reports whether a user takes part in the engagement.
	IsParticipant(u UserRef) bool
}

// Command is a typed command as a room reads it: its word, the words after
// it, and the text after the word as it was typed.
type Command struct {
	Word string
	Args []string
	Rest string
}
