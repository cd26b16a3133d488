// Package scheduler sends the lead's progress pings and the SPOCs' reminders
// when they fall due, on working days by each person's calendar (bot's
// Schedule and Workdays, bot/holiday). Each tick asks the store for the
// schedules that are due and the idle SPOCs of engagements still being
// answered, and claims each ping or reminder in the same transaction that
// queues it, so a restart neither loses nor repeats one.
//
// It imports the engine (bot) for the store and the types, and the
// catalogue for the sentences; it must not import the worker, the outbox
// or an adapter. The engine's ping command edits the Schedule it reads.
package scheduler
