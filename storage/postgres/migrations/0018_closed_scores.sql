-- 0018: PostgreSQL's twin of SQLite's 0018: each closed engagement's
-- after-assessment scores, kept when it closes (written by Go, at SetStatus
-- and at Open for closed engagements that have none), so that a reference
-- average is a sum in SQL. An answer stored for a closed engagement drops
-- its row; it is then scored from its answers until the next Open.
CREATE TABLE closed_scores (
    engagement_id TEXT COLLATE "C" PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
    pack_id       TEXT COLLATE "C" NOT NULL,
    pack_version  TEXT COLLATE "C" NOT NULL,
    total         BIGINT
);

CREATE INDEX closed_scores_pack ON closed_scores (pack_id, pack_version);

CREATE TABLE closed_category_scores (
    engagement_id TEXT COLLATE "C" NOT NULL REFERENCES closed_scores (engagement_id) ON DELETE CASCADE,
    category      TEXT COLLATE "C" NOT NULL,
    score         BIGINT NOT NULL,
    PRIMARY KEY (engagement_id, category)
);

CREATE FUNCTION closed_scores_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM closed_scores WHERE engagement_id = NEW.engagement_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER closed_scores_stale AFTER INSERT ON answers
    FOR EACH ROW EXECUTE FUNCTION closed_scores_stale();
