// Package worker runs the language model's jobs after the turns that queued
// them: comment and finding translations (batched in a window, through the
// cache and the glossary), meeting and channel summaries, draft findings
// (checked against the findings contract) and plain-word explanations, and
// the download of transcripts posted on a platform, through that adapter's
// FileFetcher.
//
// It reads the engine's Store, Clock, Config and pinned packs (bot.Engine)
// and writes results, usage and audit rows back in one transaction per job
// group; replies go through the outbox like everything else. A turn never
// waits for it. It must not import the scheduler, the outbox or an adapter.
package worker
