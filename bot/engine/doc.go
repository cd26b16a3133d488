// Package engine is the conversation engine of otassess: it turns a
// bot.Event into state changes and queued replies, in one transaction per
// event. It owns the turn: who may do what (the commands table, design
// §7), the interview (one question at a time, back, skip, not sure),
// consent, the review round, scores, creating and closing engagements,
// and reports. The command rooms (bot/findings, bot/plan, bot/evidence,
// bot/pings, bot/notes) run inside its turn through bot.Turn; the engine
// imports them, they never import it.
//
// It knows no platform and no SDK, and it imports none of the packages
// that work after the turn: bot/outbox (delivery), bot/worker (the
// language model's jobs) and bot/scheduler (pings and reminders) import
// the engine, not the other way round. Every sentence a person reads comes
// from bot/catalog.
//
// One button press, end to end (Slack; Discord and Teams have the same
// shape):
//
//	slack.Adapter.verified            checks the signature before anything else
//	slack.Adapter.serveInteraction    → fromInteraction: the payload as a bot.Event
//	Engine.Handle                     one Store.Update transaction:
//	  Tx.MarkProcessed                  the event key, once
//	  turn.run → turn.press             who, which engagement, the serial (CAS)
//	  turn.answer → Tx.AppendAnswer     the answer, appended to its history
//	  turn.advance → turn.show          the next question, its text from the
//	    → turn.question → turn.Send       pack and bot/catalog, as Tx.Enqueue
//	                                    (commit; the adapter acks)
//	outbox.Dispatcher.Drain           the head of each conversation's queue
//	  → slack.Sender.Send               chat.postMessage, paced and retried
//
// A typed command takes the same path, through turn.command: the table
// checks the role, then runs the engine's own handler or a room's
// (room(findings.List) …). storage implements bot.Store; tests use real
// SQLite files and in-process fakes of the platforms.
package engine
