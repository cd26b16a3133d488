// Package findings is the findings room: the commands that list, draft,
// approve, edit and reorder an engagement's findings (findings, finding,
// drafts, approve, edit, priority), the drafting input read from the store
// (DraftInputOf, also the worker's), and the findings as chat text and as
// the report reads them.
//
// Like every command room it sees its turn only through bot.Turn, and
// imports the API (bot), the catalogue, assessment and assessment/analysis:
// never the engine, another room, storage or an SDK.
package findings

import "github.com/otassess/otassess/bot"

// turn is the turn a command of this room runs in.
type turn struct{ bot.Turn }
