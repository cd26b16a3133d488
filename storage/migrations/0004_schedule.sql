-- 0004: progress pings to the lead and reminders to the SPOC.
--
-- schedules holds one row per engagement that has one (engagements without
-- a row use the default schedule, and the scheduler saves it when the self
-- assessment starts). next_ping is when the next ping is due, '' for none:
-- the scheduler claims a due ping, queues it and moves next_ping on in one
-- transaction, so a restart neither loses nor repeats one. Times of day are
-- minutes after midnight in the engagement's time zone; quiet_from =
-- quiet_to means no quiet hours. people is a JSON list of participants' own
-- time zones and holiday lists.

CREATE TABLE schedules (
    engagement_id  TEXT PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
    every          TEXT NOT NULL CHECK (every IN ('off', 'daily', 'weekly')),
    weekday        INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    at_minute      INTEGER NOT NULL CHECK (at_minute BETWEEN 0 AND 1439),
    quiet_from     INTEGER NOT NULL CHECK (quiet_from BETWEEN 0 AND 1439),
    quiet_to       INTEGER NOT NULL CHECK (quiet_to BETWEEN 0 AND 1439),
    holidays       TEXT NOT NULL CHECK (holidays IN ('jp', 'none')),
    holiday_add    TEXT NOT NULL DEFAULT '',
    holiday_except TEXT NOT NULL DEFAULT '',
    remind_days    INTEGER NOT NULL CHECK (remind_days >= 0),
    people         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people)),
    next_ping      TEXT NOT NULL DEFAULT '',
    last_ping      TEXT NOT NULL DEFAULT ''
) STRICT;

-- DueSchedules: the pings that are due.
CREATE INDEX schedules_due ON schedules (next_ping) WHERE next_ping != '';

-- The idle stretch (by the time of the SPOC's last activity) each SPOC was
-- last reminded of: one reminder per stretch.
CREATE TABLE reminders (
    engagement_id TEXT NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    platform      TEXT NOT NULL,
    workspace     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    since         TEXT NOT NULL,
    sent_at       TEXT NOT NULL,
    PRIMARY KEY (engagement_id, platform, workspace, user_id)
) STRICT, WITHOUT ROWID;

-- EngagementIDsIn: the engagements at a stage.
CREATE INDEX engagements_status ON engagements (status);
