// Package catalog holds every fixed sentence otassess says to a person, in
// Japanese and English: the interview, the commands, pings and reminders,
// summaries, notes, delivery notices and the adapters' refusals.
//
// Each sentence is a fmt format under a key, in both languages, taking the
// same arguments in each; Say, Inline and Message look them up and fill
// them in. An argument that is an assessment.Text goes into each language in
// that language. The tests check every key the code under bot/ uses, with
// its number of arguments, against the sentences.
//
// The package imports nothing of otassess but assessment, so every other
// package under bot/ may use it and none is needed to change a sentence.
package catalog
