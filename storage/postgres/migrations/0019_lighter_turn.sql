-- 0019: PostgreSQL's twin of SQLite's 0019: a turn's commit writes fewer
-- index pages. positions_user no longer holds updated_at, which every
-- question shown changes; seq orders one user's positions and is taken
-- through positions_user, so positions_seq goes; outbox_live and outbox_dead
-- serve every read outbox_queue served.
DROP INDEX positions_user;
CREATE INDEX positions_user ON positions (platform, workspace, user_id);
DROP INDEX positions_seq;
DROP INDEX outbox_queue;
