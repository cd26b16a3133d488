-- 0008: whether the language model was allowed to read a comment when it
-- was written (a model configured and not turned off for the engagement).
-- Only such comments are ever sent to a model, also after `llm on`: the
-- SPOC was told at the time whether a model reads their comments. Older
-- rows count as not allowed.
ALTER TABLE comments ADD COLUMN model_ok INTEGER NOT NULL DEFAULT 0 CHECK (model_ok IN (0, 1));
