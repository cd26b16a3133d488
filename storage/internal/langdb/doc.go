// Package langdb is the language features' part of storage: translations
// and their cache, model jobs and their claims, model usage and audit,
// channel messages kept for summaries, and the model switch per engagement
// (bot.LanguageTx). Package storage embeds LanguageTx in its transaction;
// the SQL is shared by both engines (sqldb's dialect holds what differs).
package langdb

import "github.com/otassess/otassess/storage/internal/sqldb"

// LanguageTx implements bot.LanguageTx over one transaction.
type LanguageTx struct{ *sqldb.Tx }
