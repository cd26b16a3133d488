package pings

import "github.com/otassess/otassess/bot"

// Ping shows or changes the engagement's ping and reminder settings (ping).
func Ping(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdPing(in) }
