// Package outbox delivers what the engine queued: a Dispatcher per platform
// reads the head of each conversation's queue from the store, paces it,
// sends it through the platform's Sender, waits out rate limits, retries
// failures with backoff, and keeps what can never be sent as a dead letter,
// telling the engagement's channel once.
//
// It owns the Sender contract and its error kinds (RetryError,
// UnreachableError, PermanentError, OutageError), which every adapter
// returns, and SentParts, which lets a sender resume a long message after a
// partial failure. It imports the engine (bot) only for the queued types
// and the Store, and the catalogue for the dead-letter notices; it never
// imports an adapter, the worker or the scheduler.
package outbox
