-- 0002: the language features (issue 4): translation of comments, meeting
-- summaries, model-drafted risk comments and explanations, all through
-- jobs a worker runs after the turn that queued them.
--
-- Every row that belongs to an engagement is deleted with it (ON DELETE
-- CASCADE). Audit rows hold hashes, never text. The translation cache is
-- shared between engagements; a cache row is deleted when the last
-- translation that used it goes (a purge), so a purged engagement leaves no
-- text behind that no other engagement uses.

-- The per-engagement opt-out of the language model (`llm off`).
CREATE TABLE engagement_llm (
    engagement_id TEXT PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
    off           INTEGER NOT NULL CHECK (off IN (0, 1)),
    by_platform   TEXT NOT NULL DEFAULT '',
    by_workspace  TEXT NOT NULL DEFAULT '',
    by_id         TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Risk comments per category, with the items they cite. number is the id
-- people type (`approve 3`), counted per engagement. Regenerating drafts
-- supersedes drafts, never an approved comment. stale_lang names a
-- language whose text predates the last edit (its translation is pending).
CREATE TABLE risk_comments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id     TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL CHECK (number > 0),
    category          TEXT NOT NULL,
    items             TEXT NOT NULL,
    text_ja           TEXT NOT NULL,
    text_en           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
    author            TEXT NOT NULL CHECK (author IN ('model', 'pack', 'person')),
    model             TEXT NOT NULL DEFAULT '',
    stale_lang        TEXT NOT NULL DEFAULT '' CHECK (stale_lang IN ('', 'ja', 'en')),
    changed_platform  TEXT NOT NULL DEFAULT '',
    changed_workspace TEXT NOT NULL DEFAULT '',
    changed_id        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (engagement_id, number)
) STRICT;

-- Work for the language model, done after the turn that queued it. A
-- queued job is due at not_before; the worker pushes not_before on while it
-- holds a job, so a job of a process that died is taken up again. reason is
-- a short code (no_model, llm_off, bad_answer, …), never text.
CREATE TABLE model_jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id  TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('translate', 'summarize', 'draft', 'explain')),
    state          TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed', 'skipped')),
    comment_id     INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    risk_id        INTEGER REFERENCES risk_comments (id) ON DELETE CASCADE,
    source         TEXT NOT NULL DEFAULT '',
    target         TEXT NOT NULL DEFAULT '',
    params         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
    platform       TEXT NOT NULL DEFAULT '',
    conversation   TEXT NOT NULL DEFAULT '',
    user_platform  TEXT NOT NULL DEFAULT '',
    user_workspace TEXT NOT NULL DEFAULT '',
    user_id        TEXT NOT NULL DEFAULT '',
    attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before     TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX model_jobs_due ON model_jobs (kind, not_before, id) WHERE state = 'queued';
CREATE INDEX model_jobs_engagement ON model_jobs (engagement_id, state);

-- Translations as stored: the original, the languages, the engine, model
-- and glossary version that made it, and the glossary terms it missed.
CREATE TABLE translations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    comment_id       INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    risk_id          INTEGER REFERENCES risk_comments (id) ON DELETE CASCADE,
    original         TEXT NOT NULL,
    source           TEXT NOT NULL,
    target           TEXT NOT NULL,
    text             TEXT NOT NULL,
    engine           TEXT NOT NULL,
    model            TEXT NOT NULL,
    glossary_version TEXT NOT NULL,
    glossary_flags   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(glossary_flags)),
    cache_key        TEXT NOT NULL DEFAULT '',
    cached           INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1)),
    created_at       TEXT NOT NULL
) STRICT;

CREATE INDEX translations_engagement ON translations (engagement_id, id);
CREATE INDEX translations_comment ON translations (comment_id);
CREATE INDEX translations_cache_key ON translations (cache_key);

-- The translation cache (prompts.Cache), keyed by prompts.CacheKey: the
-- hash of the text, languages, model and glossary version.
CREATE TABLE translation_cache (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- When the last translation that used a cache row is deleted (a purge), the
-- row goes too: no text of a purged engagement stays in the cache.
CREATE TRIGGER translations_release_cache AFTER DELETE ON translations
WHEN OLD.cache_key != ''
    AND NOT EXISTS (SELECT 1 FROM translations WHERE cache_key = OLD.cache_key)
BEGIN
    DELETE FROM translation_cache WHERE key = OLD.cache_key;
END;

-- Tokens spent per engagement, day (UTC), kind of work and model.
CREATE TABLE model_usage (
    engagement_id     TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    day               TEXT NOT NULL,
    kind              TEXT NOT NULL,
    model             TEXT NOT NULL,
    calls             INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cache_hits        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (engagement_id, day, kind, model)
) STRICT, WITHOUT ROWID;

-- Which engine saw which text of which engagement: one row per text sent
-- (subject names it: comment:12, messages:C123, transcript:notes.vtt,
-- item:3-5, risk:2), with the SHA-256 of the text, never the text.
CREATE TABLE model_audit (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    job_id        INTEGER NOT NULL DEFAULT 0,
    kind          TEXT NOT NULL,
    engine        TEXT NOT NULL,
    model         TEXT NOT NULL,
    subject       TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    chars         INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX model_audit_engagement ON model_audit (engagement_id, id);

-- Messages people wrote in an engagement's channel, kept for summaries for
-- OTASSESS_MESSAGE_RETENTION (the worker deletes older ones). thread is the
-- platform's thread id ('' outside a thread).
CREATE TABLE channel_messages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    platform      TEXT NOT NULL,
    workspace     TEXT NOT NULL DEFAULT '',
    conversation  TEXT NOT NULL,
    thread        TEXT NOT NULL DEFAULT '',
    author_id     TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    event_key     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX channel_messages_conversation ON channel_messages (engagement_id, conversation, created_at);
CREATE INDEX channel_messages_created ON channel_messages (created_at);
