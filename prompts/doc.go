// Package prompts owns every word otassess sends to a language model: the
// prompt templates (text/template files embedded with embed.FS and rendered by
// typed functions), the bilingual OT glossary, the redaction of identifiers
// before text leaves the process, and the OpenAI-compatible client (OpenAI,
// Azure OpenAI, Ollama, vLLM, llama.cpp) that asks for structured JSON answers
// and validates them.
//
// Users' text (comments, messages, transcripts, questions) always travels in a
// delimited data block that the model is told never to obey, and no answer
// type has a score field: a model drafts words, it never decides a score. A
// malformed or invalid answer is reported as ErrBadAnswer so the caller can
// fall back to the pack's own texts; nothing here panics on model output.
//
// The package does not log. Its exported signatures use only standard-library
// and assessment types, so bot, storage and cmd can wire it without importing
// each other.
package prompts
