-- 0019: PostgreSQL's twin of SQLite's 0019: a turn's commit writes fewer
-- index pages, and queueing a replacement reads no JSON. positions_user no
-- longer holds updated_at, which every question shown changes; seq orders
-- one user's positions and is taken through positions_user, so
-- positions_seq goes; outbox_live and outbox_dead serve every read
-- outbox_queue served; a reply's edit has a column of its own.
DROP INDEX positions_user;
CREATE INDEX positions_user ON positions (platform, workspace, user_id);
DROP INDEX positions_seq;
DROP INDEX outbox_queue;
ALTER TABLE outbox ADD COLUMN edit TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE outbox SET edit = reply::jsonb->>'edit' WHERE reply::jsonb->>'edit' IS NOT NULL;
