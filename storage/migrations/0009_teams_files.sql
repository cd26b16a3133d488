-- Microsoft Teams files: a report or chart the bot offered in a personal
-- chat with a file consent card (or in a channel, to be sent to whoever
-- asks for it in their personal chat), kept until the person accepts or
-- declines, also across a restart. key is the offering outbox message and
-- the attachment's index, so a retried offer keeps its id; record is the
-- adapter's own JSON (name, type, where, the upload link once accepted),
-- data the file itself. Rows go when their engagement is purged and when
-- they are older than the adapter keeps them.
CREATE TABLE teams_files (
    id            TEXT PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    engagement_id TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('offered', 'accepted', 'uploaded', 'declined')),
    record        TEXT NOT NULL,
    data          BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX teams_files_by_engagement ON teams_files (engagement_id);
CREATE INDEX teams_files_by_age ON teams_files (created_at);
