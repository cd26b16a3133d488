// Package pings is the room of the ping command: it shows and changes an
// engagement's progress updates to its lead and reminders to its SPOCs
// (period, time, time zone, quiet hours, working days, holidays), saved as
// a bot.Schedule that the scheduler follows.
//
// It sees its turn only through bot.Turn and imports the API, the
// catalogue, the holiday calendar and assessment: never the engine, the
// scheduler or another room.
package pings

import "github.com/otassess/otassess/bot"

// turn is the turn a command of this room runs in.
type turn struct{ bot.Turn }
