// Package notes is the room of what people say around the checklist:
// channel chatter kept for summaries, summarize, explain (help more),
// notes (comments with their translations), the translation jobs a saved
// comment queues, and llm, which turns the model on or off for an
// engagement. It queues jobs; the worker runs them after the turn.
//
// It sees its turn only through bot.Turn and imports the API, the
// catalogue and assessment: never the engine, the worker or another room.
package notes

import "github.com/otassess/otassess/bot"

// turn is the turn a command of this room runs in.
type turn struct{ bot.Turn }
