-- 0017: delegation (issue 13). Staff give items to plant staff (assign
-- 3-1..3-8 @it-lead): a delegated item is held by the people listed here,
-- every other item by the SPOCs.
CREATE TABLE assignments (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item          TEXT NOT NULL,
    platform      TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    assigned_by   TEXT NOT NULL,
    assigned_at   TEXT NOT NULL,
    PRIMARY KEY (engagement_id, item, platform, workspace, user_id)
) STRICT;
