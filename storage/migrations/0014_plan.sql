-- 0014: the countermeasure plan (issue 13). "plan" turns approved
-- improvement findings into actions: each carries its finding's number,
-- the items, a theme (the seed's six meetings), an owner, a due date and a
-- status (open → doing → done, or dropped with a reason). Every change is a
-- row of action_history. action_reminders records the reminders sent to an
-- owner so that each goes once, across restarts.
CREATE TABLE actions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    number           INTEGER NOT NULL CHECK (number > 0),
    finding_number   INTEGER NOT NULL DEFAULT 0,
    items            TEXT NOT NULL DEFAULT '',      -- comma-separated item ids
    theme            TEXT NOT NULL CHECK (theme IN
                         ('governance', 'risk', 'training', 'incident', 'technology', 'supply_chain')),
    text_ja          TEXT NOT NULL DEFAULT '',      -- the direction the action carries out
    text_en          TEXT NOT NULL DEFAULT '',
    owner_platform   TEXT NOT NULL DEFAULT '',
    owner_workspace  TEXT NOT NULL DEFAULT '',
    owner_id         TEXT NOT NULL DEFAULT '',
    due              TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD, '' when not set
    status           TEXT NOT NULL CHECK (status IN ('open', 'doing', 'done', 'dropped')),
    note             TEXT NOT NULL DEFAULT '',      -- what was done, or why it was dropped
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (engagement_id, number)
) STRICT;

CREATE TABLE action_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id        INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    field            TEXT NOT NULL CHECK (field IN ('created', 'owner', 'due', 'theme', 'status')),
    value            TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    by_platform      TEXT NOT NULL DEFAULT '',
    by_workspace     TEXT NOT NULL DEFAULT '',
    by_id            TEXT NOT NULL DEFAULT '',
    at               TEXT NOT NULL
) STRICT;

CREATE INDEX action_history_action ON action_history (action_id, id);

CREATE TABLE action_reminders (
    action_id        INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    engagement_id    TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    key              TEXT NOT NULL,                 -- before:<due> or after:<day>
    at               TEXT NOT NULL,
    PRIMARY KEY (action_id, key)
) STRICT;
