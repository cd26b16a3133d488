-- Consent: a person named SPOC of an engagement accepts it (or declines)
-- before any of its questions is sent to them, and nothing they type goes
-- to an engagement they have not accepted. SPOCs of engagements made
-- before consent existed are taken as having accepted: they are answering.
ALTER TABLE participants ADD COLUMN consent TEXT NOT NULL DEFAULT ''
    CHECK (consent IN ('', 'accepted', 'declined'));

UPDATE participants SET consent = 'accepted'
 WHERE ',' || roles || ',' LIKE '%,spoc,%';

-- Typed text of a SPOC with two accepted open engagements that could not
-- be tied to one: kept until they choose the engagement with a button (or
-- for a day), and stored nowhere else meanwhile.
CREATE TABLE pending_inputs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    platform     TEXT NOT NULL,
    workspace    TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    conversation TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX pending_inputs_user ON pending_inputs (platform, workspace, user_id);
