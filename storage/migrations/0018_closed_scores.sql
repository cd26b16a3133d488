-- 0018: each closed engagement's after-assessment scores, kept when it
-- closes, so that a report's reference average (the mean over the other
-- closed engagements of its pack version) is a sum in SQL instead of
-- scoring every closed engagement again. A category without a score has no
-- row; total is NULL when the result has none.
--
-- The scores are written by Go (storage/closed_scores.go): at SetStatus to
-- closed, and at Open for closed engagements that have none (so this
-- migration's backfill runs at the first Open after it, with the pack's own
-- scoring rules, not a copy of them in SQL). An answer stored for a closed
-- engagement drops its row (trigger below); it is then scored from its
-- answers until the next Open writes it again.
CREATE TABLE closed_scores (
    engagement_id TEXT PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
    pack_id       TEXT NOT NULL,
    pack_version  TEXT NOT NULL,
    total         INTEGER
) STRICT;

CREATE INDEX closed_scores_pack ON closed_scores (pack_id, pack_version);

CREATE TABLE closed_category_scores (
    engagement_id TEXT NOT NULL REFERENCES closed_scores (engagement_id) ON DELETE CASCADE,
    category      TEXT NOT NULL,
    score         INTEGER NOT NULL,
    PRIMARY KEY (engagement_id, category)
) STRICT;

CREATE TRIGGER closed_scores_stale AFTER INSERT ON answers
    WHEN EXISTS (SELECT 1 FROM closed_scores WHERE engagement_id = NEW.engagement_id)
BEGIN
    DELETE FROM closed_scores WHERE engagement_id = NEW.engagement_id;
END;
