-- 0003: how each participant sees translated texts (issue 4): the
-- original first ('', the default, or 'original') or the translation first
-- ('translation'), set with `lang order`. The original is always shown.
ALTER TABLE participants ADD COLUMN display_order TEXT NOT NULL DEFAULT ''
    CHECK (display_order IN ('', 'original', 'translation'));
