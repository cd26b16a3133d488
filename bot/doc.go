// Package bot is the API the rest of the bot is written against: Events in,
// Replies and Outgoing messages out, the Store and Tx the engine persists
// through, the Model it asks for language work, the Engine contract the
// adapters call, the Turn a command room sees, and the engagement,
// participant, answer, finding, plan, evidence and schedule types with the
// rules that belong to them (the working-day calendar, how typed words and
// mentions read, a transcript's text).
//
// It holds no conversation logic: bot/engine runs the turn. It imports the
// project's domain (assessment), the catalogue and the holiday calendar,
// and no SDK, storage or I/O library: storage implements its Store, the
// adapters its Engine's callers, the engine and the rooms its Turn.
//
// The packages under bot/ and their arrows (checked by
// cmd/otassess/arch_test.go):
//
//	bot/engine     the turn: who may do what, the interview, consent, scores, reports
//	bot/findings, bot/plan, bot/evidence, bot/pings, bot/notes, bot/assign
//	               command rooms, run by the engine through bot.Turn
//	bot/report     a report's input gathered from the store, its files, its chat summary
//	bot/followup   what a follow-up engagement takes from the one it follows
//	bot/outbox     delivery: Dispatcher, Sender, dead letters
//	bot/worker     the model's jobs and downloads, after the turn
//	bot/scheduler  pings and reminders
//	bot/catalog    every sentence a person reads, in both languages
//	bot/console, bot/slack, bot/discord, bot/teams   adapters: bot and bot/outbox only
package bot
