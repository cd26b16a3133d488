-- 0019: a turn's commit writes fewer index pages, and queueing a
-- replacement reads no JSON. Every question shown updates its SPOC's
-- position and every message queued is soon deleted; each index those rows
-- are in is one more page in the commit's WAL frames.
--
-- positions_user no longer holds updated_at, which every question shown
-- changes: a user has one position per engagement, so LatestPositionOf sorts
-- a handful of rows.
DROP INDEX positions_user;
CREATE INDEX positions_user ON positions (platform, workspace, user_id);

-- seq orders the saves of one user's positions (LatestPositionOf's last
-- tie-break), and is now taken from that user's positions through
-- positions_user, so the index over every position's seq goes.
DROP INDEX positions_seq;

-- outbox_live (platform, queue, id, not_before) WHERE dead_at IS NULL and
-- outbox_dead serve every read outbox_queue served.
DROP INDEX outbox_queue;

-- A queued replacement of a message (a reply's edit) names that message in
-- a column of its own, so that queueing the next replacement drops the
-- waiting ones by comparing a column instead of parsing the JSON of every
-- message in the conversation's queue.
ALTER TABLE outbox ADD COLUMN edit TEXT NOT NULL DEFAULT '';
UPDATE outbox SET edit = json_extract(reply, '$.edit') WHERE json_extract(reply, '$.edit') IS NOT NULL;
