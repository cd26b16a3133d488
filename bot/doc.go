// Package bot is the conversation engine of otassess, and the API the rest
// of the bot is written against: Events in, Replies and Outgoing messages
// out, the Store and Tx it persists through, the Model it asks for language
// work, and the engagement, participant, answer and schedule types.
//
// The engine owns the turn: who may do what (the commands table), the
// interview (one question at a time, back, skip, not sure), the review
// round, findings, reports, the ping settings and everything a command
// queues. It knows no platform and no SDK, and it imports none of the rooms
// beside it that do work after the turn: bot/outbox (delivery), bot/worker
// (the language model's jobs) and bot/scheduler (pings and reminders) import
// the engine, not the other way round. Every sentence a person reads comes
// from bot/catalog.
//
// One button press, end to end (Slack; Discord and Teams have the same
// shape):
//
//	slack.Adapter.verified            checks the signature before anything else
//	slack.Adapter.serveInteraction    → fromInteraction: the payload as an Event
//	Engine.Handle                     one Store.Update transaction:
//	  Tx.MarkProcessed                  the event key, once
//	  turn.run → turn.press             who, which engagement, the serial (CAS)
//	  turn.answer → Tx.AppendAnswer     the answer, appended to its history
//	  turn.advance → turn.show          the next question, its text from the
//	    → turn.question → turn.send       pack and bot/catalog, as Tx.Enqueue
//	                                    (commit; the adapter acks)
//	outbox.Dispatcher.Drain           the head of each conversation's queue
//	  → slack.Sender.Send               chat.postMessage, paced and retried
//
// Storage implements Store; tests use real SQLite files and in-process fakes
// of the platforms.
package bot
