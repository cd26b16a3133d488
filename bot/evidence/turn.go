// Package evidence is the room of evidence per item: evidence lists an
// engagement's evidence or keeps an attached file, observe keeps an
// assessor's on-site note, and Keep files a posted photo or document under
// the question it answers (a platform's file is queued for the worker to
// download after the turn).
//
// It sees its turn only through bot.Turn and imports the API and the
// catalogue: never the engine or another room.
package evidence

import "github.com/otassess/otassess/bot"

// turn is the turn a command of this room runs in.
type turn struct{ bot.Turn }
