-- The assessing firm and the report's author (the person who signs it),
-- printed on the report's cover and in the DOCX document's properties.
ALTER TABLE engagements ADD COLUMN firm TEXT NOT NULL DEFAULT '';
ALTER TABLE engagements ADD COLUMN author TEXT NOT NULL DEFAULT '';
