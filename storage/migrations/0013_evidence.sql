-- 0013: evidence per item (issue 13). A file posted as a reply to a question
-- or with "evidence 3-5", or an assessor's on-site note ("observe 3-5 …",
-- "observe site …"). Files keep their bytes here, capped in size by the
-- engine, so that purge (the engagement's cascade) and backups cover them
-- as they cover answers. Rows are append-only.
--
-- (0012 is left to the consent migration of the hardening branch.)
CREATE TABLE evidence (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item             TEXT NOT NULL,            -- an item id, or 'site'
    kind             TEXT NOT NULL CHECK (kind IN ('file', 'note')),
    author_platform  TEXT NOT NULL DEFAULT '',
    author_workspace TEXT NOT NULL DEFAULT '',
    author_id        TEXT NOT NULL DEFAULT '',
    author_name      TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL DEFAULT '',
    mime             TEXT NOT NULL DEFAULT '',
    size             INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
    sha256           TEXT NOT NULL DEFAULT '',
    data             BLOB,
    text             TEXT NOT NULL DEFAULT '',
    -- model_ok: the language model was allowed when the note was written;
    -- only such notes are ever offered to the model's drafts.
    model_ok         INTEGER NOT NULL DEFAULT 0 CHECK (model_ok IN (0, 1)),
    created_at       TEXT NOT NULL,
    CHECK ((kind = 'file' AND data IS NOT NULL AND length(data) = size) OR (kind = 'note' AND data IS NULL AND text != ''))
) STRICT;

CREATE INDEX evidence_item ON evidence (engagement_id, item);

CREATE TRIGGER evidence_append_only BEFORE UPDATE ON evidence
BEGIN
    SELECT RAISE(ABORT, 'evidence is append-only');
END;

-- A file posted on a chat platform arrives as a URL: the turn checks what it
-- can (item, declared size) and queues its download here; the worker
-- fetches it through the platform's FileFetcher, keeps it as evidence and
-- tells the person who posted it, retrying a failed download with backoff.
CREATE TABLE evidence_downloads (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id      TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item               TEXT NOT NULL,
    author_platform    TEXT NOT NULL,
    author_workspace   TEXT NOT NULL DEFAULT '',
    author_id          TEXT NOT NULL,
    author_name        TEXT NOT NULL DEFAULT '',
    name               TEXT NOT NULL,
    url                TEXT NOT NULL,
    size               INTEGER NOT NULL DEFAULT 0,
    reply_conversation TEXT NOT NULL DEFAULT '',
    reply_thread       TEXT NOT NULL DEFAULT '',
    attempts           INTEGER NOT NULL DEFAULT 0,
    not_before         TEXT NOT NULL,
    created_at         TEXT NOT NULL
) STRICT;

CREATE INDEX evidence_downloads_due ON evidence_downloads (not_before, id);
