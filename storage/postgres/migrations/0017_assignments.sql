-- 0017: delegation (issue 13), PostgreSQL's twin of SQLite's 0017: a
-- delegated item is held by the people listed here, every other item by
-- the SPOCs.
CREATE TABLE assignments (
    engagement_id TEXT COLLATE "C" NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    item          TEXT COLLATE "C" NOT NULL,
    platform      TEXT COLLATE "C" NOT NULL,
    workspace     TEXT COLLATE "C" NOT NULL,
    user_id       TEXT COLLATE "C" NOT NULL,
    seq           BIGINT NOT NULL,
    assigned_by   TEXT COLLATE "C" NOT NULL,
    assigned_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (engagement_id, item, platform, workspace, user_id)
);
