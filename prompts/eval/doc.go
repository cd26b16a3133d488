// Package eval checks a firm's own language model before a client sees it:
// it translates otassess's shipped bilingual test set (translate_set.yaml,
// OT-security sentences in Japanese and English with reference
// translations) through the same pipeline as the bot (prompts.Client's
// Translate: masking, glossary, placeholders) and measures glossary
// adherence, protected-token preservation and chrF against the references.
package eval
