-- 0010: findings replace risk comments (issue 10). A finding is an
-- improvement or a good point citing one to five items (or none, category
-- 'site'), with a priority (1 first), a risk-factor text and a direction in
-- both languages, its status, author and the sources it rests on.
--
-- The table is renamed rather than rebuilt: model_jobs and translations
-- reference it (ON DELETE CASCADE), and a rename rewrites those references
-- where dropping the old table would delete the rows that point at it.
--
-- Converted rows: the old comment text becomes the risk text (it held the
-- pack's risk and direction texts together), the direction stays empty,
-- the priority is the old number, the pack's offline drafts are authored by
-- 'offline', and the single stale language becomes a list.
ALTER TABLE risk_comments RENAME TO findings;
ALTER TABLE findings RENAME COLUMN text_ja TO risk_ja;
ALTER TABLE findings RENAME COLUMN text_en TO risk_en;
ALTER TABLE findings ADD COLUMN kind TEXT NOT NULL DEFAULT 'improvement' CHECK (kind IN ('improvement', 'good'));
ALTER TABLE findings ADD COLUMN priority INTEGER NOT NULL DEFAULT 1 CHECK (priority > 0);
ALTER TABLE findings ADD COLUMN direction_ja TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN direction_en TEXT NOT NULL DEFAULT '';
-- sources: a JSON list of assessment.FindingSource (answer levels, the
-- client's comments, the assessors' re-evaluation reasons).
ALTER TABLE findings ADD COLUMN sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources));
-- stale: a JSON list of the languages whose text predates the last edit.
ALTER TABLE findings ADD COLUMN stale TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stale));
ALTER TABLE findings ADD COLUMN written_by TEXT NOT NULL DEFAULT 'offline'
    CHECK (written_by IN ('model', 'person', 'offline'));

UPDATE findings SET
    priority = number,
    written_by = CASE author WHEN 'pack' THEN 'offline' ELSE author END,
    stale = CASE stale_lang WHEN '' THEN '[]' ELSE json_array(stale_lang) END;

ALTER TABLE findings DROP COLUMN author;
ALTER TABLE findings DROP COLUMN stale_lang;
ALTER TABLE findings RENAME COLUMN written_by TO author;

ALTER TABLE model_jobs RENAME COLUMN risk_id TO finding_id;
ALTER TABLE translations RENAME COLUMN risk_id TO finding_id;

CREATE INDEX findings_engagement ON findings (engagement_id, status, priority);

-- Every state a finding has been in, newest last: a row per add or change
-- (and one per converted risk comment), so an edit or approval can be
-- traced. changed_* is who made the change; the row is never updated.
CREATE TABLE finding_history (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id        INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    engagement_id     TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    action            TEXT NOT NULL CHECK (action IN ('add', 'change', 'migrate')),
    kind              TEXT NOT NULL,
    items             TEXT NOT NULL,
    category          TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    risk_ja           TEXT NOT NULL,
    risk_en           TEXT NOT NULL,
    direction_ja      TEXT NOT NULL,
    direction_en      TEXT NOT NULL,
    status            TEXT NOT NULL,
    author            TEXT NOT NULL,
    model             TEXT NOT NULL,
    stale             TEXT NOT NULL,
    changed_platform  TEXT NOT NULL DEFAULT '',
    changed_workspace TEXT NOT NULL DEFAULT '',
    changed_id        TEXT NOT NULL DEFAULT '',
    at                TEXT NOT NULL
) STRICT;

CREATE INDEX finding_history_finding ON finding_history (finding_id, id);

INSERT INTO finding_history (finding_id, engagement_id, action, kind, items, category, priority, risk_ja,
        risk_en, direction_ja, direction_en, status, author, model, stale, changed_platform, changed_workspace,
        changed_id, at)
    SELECT id, engagement_id, 'migrate', kind, items, category, priority, risk_ja, risk_en, direction_ja,
        direction_en, status, author, model, stale, changed_platform, changed_workspace, changed_id, updated_at
    FROM findings ORDER BY id;
