// Package bot is the platform-neutral conversation engine of otassess.
//
// Adapters (bot/console, bot/slack, bot/discord) turn platform payloads into
// Events and hand them to Engine.Handle. The engine checks who may do what,
// changes state and queues what must be sent in one Store transaction, so an
// event is processed once and nothing acknowledged is lost; a Dispatcher then
// delivers the queued Replies through the platform's Sender.
//
// The package defines the small interfaces it needs (Store, Sender, Clock)
// where it uses them; storage implements Store and tests use fakes.
package bot
