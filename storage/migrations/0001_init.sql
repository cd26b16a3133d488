-- 0001: the first schema of otassess.
--
-- Conventions: times are UTC text in a fixed-width RFC 3339 form
-- (2006-01-02T15:04:05.000000000Z) so that text order is time order; lists
-- (roles, skipped items) are comma-separated; every row that belongs to an
-- engagement references it with ON DELETE CASCADE so that purging an
-- engagement is one DELETE. Answers and comments are append-only: triggers
-- refuse UPDATE, and only the purge cascade deletes them.

CREATE TABLE engagements (
    id                   TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    client               TEXT NOT NULL DEFAULT '',
    site                 TEXT NOT NULL DEFAULT '',
    pack_id              TEXT NOT NULL,
    pack_version         TEXT NOT NULL,
    pack_sha256          TEXT NOT NULL,
    pack_bytes           BLOB NOT NULL,
    langs                TEXT NOT NULL,
    platform             TEXT NOT NULL,
    workspace            TEXT NOT NULL DEFAULT '',
    channel              TEXT NOT NULL DEFAULT '',
    timezone             TEXT NOT NULL,
    status               TEXT NOT NULL,
    created_by_platform  TEXT NOT NULL DEFAULT '',
    created_by_workspace TEXT NOT NULL DEFAULT '',
    created_by_id        TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL
) STRICT;

-- OpenEngagementIn: the engagement bound to a channel that is not closed.
CREATE INDEX engagements_open_in ON engagements (platform, workspace, channel)
    WHERE status != 'closed';
CREATE INDEX engagements_name ON engagements (name);

CREATE TABLE participants (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    platform      TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    roles         TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (engagement_id, platform, workspace, user_id)
) STRICT;

-- EngagementsOf: the engagements a user takes part in.
CREATE INDEX participants_user ON participants (platform, workspace, user_id);

CREATE TABLE answers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item             TEXT NOT NULL,
    round            TEXT NOT NULL CHECK (round IN ('self', 'review')),
    value            TEXT, -- NULL: no level (an unsure flag alone)
    unsure           INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1)),
    author_platform  TEXT NOT NULL DEFAULT '',
    author_workspace TEXT NOT NULL DEFAULT '',
    author_id        TEXT NOT NULL DEFAULT '',
    event_key        TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
) STRICT;

-- The current answer is the row with the highest id per (engagement, round,
-- item); this index answers that without touching the table.
CREATE INDEX answers_current ON answers (engagement_id, round, item, id);

CREATE TRIGGER answers_append_only BEFORE UPDATE ON answers
BEGIN
    SELECT RAISE(ABORT, 'answers are append-only');
END;

CREATE TABLE comments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item             TEXT NOT NULL,
    round            TEXT NOT NULL CHECK (round IN ('self', 'review')),
    author_platform  TEXT NOT NULL DEFAULT '',
    author_workspace TEXT NOT NULL DEFAULT '',
    author_id        TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL,
    created_at       TEXT NOT NULL
) STRICT;

CREATE INDEX comments_engagement ON comments (engagement_id, id);

CREATE TRIGGER comments_append_only BEFORE UPDATE ON comments
BEGIN
    SELECT RAISE(ABORT, 'comments are append-only');
END;

-- seq orders saves: it is one more than the highest seq at every save, the
-- last tie-break of LatestPositionOf, so the answer never depends on the
-- clock's resolution or on row order.
CREATE TABLE positions (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    platform      TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    conversation  TEXT NOT NULL DEFAULT '',
    item          TEXT NOT NULL DEFAULT '',
    serial        INTEGER NOT NULL DEFAULT 0,
    skipped       TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    PRIMARY KEY (engagement_id, platform, workspace, user_id)
) STRICT;

-- LatestPositionOf: how a direct message finds its engagement.
CREATE INDEX positions_user ON positions (platform, workspace, user_id, updated_at);

-- Event keys (platform:kind:id) seen, so a redelivered event does nothing.
CREATE TABLE processed_events (
    key        TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- For pruning old keys.
CREATE INDEX processed_events_created ON processed_events (created_at);

CREATE TABLE milestones (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    round         TEXT NOT NULL CHECK (round IN ('self', 'review')),
    percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (engagement_id, round, percent)
) STRICT, WITHOUT ROWID;

-- Messages waiting to be delivered; a row is deleted once sent. Each
-- conversation (or, without one, each DM recipient) is a queue delivered in
-- id order: queue names it.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    platform       TEXT NOT NULL,
    conversation   TEXT NOT NULL DEFAULT '',
    user_platform  TEXT NOT NULL DEFAULT '',
    user_workspace TEXT NOT NULL DEFAULT '',
    user_id        TEXT NOT NULL DEFAULT '',
    reply          TEXT NOT NULL CHECK (json_valid(reply)),
    attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    queue          TEXT NOT NULL GENERATED ALWAYS AS (
        CASE WHEN conversation != '' THEN 'c:' || conversation
             ELSE 'u:' || user_workspace || ':' || user_id END) VIRTUAL
) STRICT;

-- Outbox: what waits before a message in its queue.
CREATE INDEX outbox_queue ON outbox (platform, queue, id);
