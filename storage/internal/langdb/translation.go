package langdb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SaveTranslation stores a translation with its original and how it was
// made, and returns its id.
func (t *LanguageTx) SaveTranslation(tr bot.TranslationRecord) (int64, error) {
	flags, err := json.Marshal(sqldb.NonNil(tr.GlossaryFlags))
	if err != nil {
		return 0, fmt.Errorf("storage: save translation in %s: %w", tr.EngagementID, err)
	}
	id, err := t.Insert(`INSERT INTO translations (engagement_id, comment_id, finding_id, original, source, target, text,
			engine, model, glossary_version, glossary_flags, cache_key, cached, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		tr.EngagementID, nullID(tr.CommentID), nullID(tr.FindingID), tr.Original, string(tr.Source), string(tr.Target),
		tr.Text, tr.Engine, tr.Model, tr.GlossaryVersion, string(flags), tr.CacheKey, tr.Cached, sqldb.FormatTime(tr.At))
	if err != nil {
		return 0, fmt.Errorf("storage: save translation in %s: %w", tr.EngagementID, err)
	}
	return id, nil
}

// Translations lists an engagement's translations, oldest first.
func (t *LanguageTx) Translations(engagementID string) ([]bot.TranslationRecord, error) {
	rows, err := t.Query(`SELECT id, comment_id, finding_id, original, source, target, text, engine, model,
			glossary_version, glossary_flags, cache_key, cached, created_at
		FROM translations WHERE engagement_id = ? ORDER BY id`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: translations of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.TranslationRecord{}
	for rows.Next() {
		tr := bot.TranslationRecord{EngagementID: engagementID}
		var comment, finding sql.NullInt64
		var source, target, flags, at string
		err := rows.Scan(&tr.ID, &comment, &finding, &tr.Original, &source, &target, &tr.Text, &tr.Engine, &tr.Model,
			&tr.GlossaryVersion, &flags, &tr.CacheKey, &tr.Cached, &at)
		if err == nil {
			err = json.Unmarshal([]byte(flags), &tr.GlossaryFlags)
		}
		if err == nil {
			tr.At, err = sqldb.ParseTime(at)
		}
		if err != nil {
			return nil, fmt.Errorf("storage: translations of %s: %w", engagementID, err)
		}
		tr.CommentID, tr.FindingID = comment.Int64, finding.Int64
		tr.Source, tr.Target = assessment.Lang(source), assessment.Lang(target)
		out = append(out, tr)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: translations of %s: %w", engagementID, err)
	}
	return out, nil
}

// AddUsage adds model usage to an engagement's totals for the day of at.
func (t *LanguageTx) AddUsage(engagementID string, kind bot.JobKind, model string, u bot.ModelUsage, at time.Time) error {
	_, err := t.Exec(`INSERT INTO model_usage (engagement_id, day, kind, model, calls, prompt_tokens,
			completion_tokens, cache_hits)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (engagement_id, day, kind, model) DO UPDATE SET
			calls = model_usage.calls + excluded.calls,
			prompt_tokens = model_usage.prompt_tokens + excluded.prompt_tokens,
			completion_tokens = model_usage.completion_tokens + excluded.completion_tokens,
			cache_hits = model_usage.cache_hits + excluded.cache_hits`,
		engagementID, at.UTC().Format("2006-01-02"), string(kind), model,
		u.Calls, u.PromptTokens, u.CompletionTokens, u.CacheHits)
	if err != nil {
		return fmt.Errorf("storage: add model usage of %s: %w", engagementID, err)
	}
	return nil
}

// Usage is an engagement's total model usage.
func (t *LanguageTx) Usage(engagementID string) (bot.ModelUsage, error) {
	var u bot.ModelUsage
	err := t.QueryRow(`SELECT coalesce(sum(calls), 0), coalesce(sum(prompt_tokens), 0),
			coalesce(sum(completion_tokens), 0), coalesce(sum(cache_hits), 0)
		FROM model_usage WHERE engagement_id = ?`, engagementID).
		Scan(&u.Calls, &u.PromptTokens, &u.CompletionTokens, &u.CacheHits)
	if err != nil {
		return u, fmt.Errorf("storage: model usage of %s: %w", engagementID, err)
	}
	return u, nil
}

// Audit records which engine was sent which text (by hash) of an engagement.
func (t *LanguageTx) Audit(a bot.AuditRecord) error {
	_, err := t.Exec(`INSERT INTO model_audit (engagement_id, job_id, kind, engine, model, subject, sha256, chars,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.EngagementID, a.JobID, string(a.Kind), a.Engine, a.Model, a.Subject, a.SHA256, a.Chars, sqldb.FormatTime(a.At))
	if err != nil {
		return fmt.Errorf("storage: audit %s of %s: %w", a.Subject, a.EngagementID, err)
	}
	return nil
}

// AuditTrail lists an engagement's audit records, oldest first.
func (t *LanguageTx) AuditTrail(engagementID string) ([]bot.AuditRecord, error) {
	rows, err := t.Query(`SELECT job_id, kind, engine, model, subject, sha256, chars, created_at
		FROM model_audit WHERE engagement_id = ? ORDER BY id`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: audit trail of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := []bot.AuditRecord{}
	for rows.Next() {
		a := bot.AuditRecord{EngagementID: engagementID}
		var kind, at string
		err := rows.Scan(&a.JobID, &kind, &a.Engine, &a.Model, &a.Subject, &a.SHA256, &a.Chars, &at)
		if err == nil {
			a.At, err = sqldb.ParseTime(at)
		}
		if err != nil {
			return nil, fmt.Errorf("storage: audit trail of %s: %w", engagementID, err)
		}
		a.Kind = bot.JobKind(kind)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: audit trail of %s: %w", engagementID, err)
	}
	return out, nil
}
