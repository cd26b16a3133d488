package notes

import "github.com/otassess/otassess/bot"

// The notes commands, as the engine's command table runs them.

// Summarize queues a summary of the channel, a thread or a file (summarize).
func Summarize(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdSummarize(in) }

// Explain queues a plain-words explanation of an item (explain, help more).
func Explain(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdExplain(in) }

// Notes lists comments and their translations (notes).
func Notes(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdNotes(in) }

// Chatter keeps a person's channel message for summaries.
func Chatter(t bot.Turn) error { return (&turn{t}).chatter() }

// LLM shows or changes whether the engagement uses the model (llm).
func LLM(t bot.Turn, in bot.Command) error { return (&turn{t}).cmdLLM(in) }

// QueueTranslations queues the translations of a saved comment into the
// engagement's other languages, when the model may be used.
func QueueTranslations(t bot.Turn, commentID int64, text string) error {
	return (&turn{t}).queueTranslations(commentID, text)
}
