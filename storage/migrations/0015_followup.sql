-- 0015: next year's assessment (issue 13). A follow-up engagement created
-- with --from (new … from:) records the engagement it follows: its open
-- actions were carried over, its SPOC sees last year's answer beside each
-- question, and its report shows the trend per category.
CREATE TABLE engagement_previous (
    engagement_id TEXT PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
    previous_id   TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE
) STRICT;
