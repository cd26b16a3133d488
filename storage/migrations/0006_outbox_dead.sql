-- A message the dispatcher gives up on (the platform refused it for good,
-- or it failed too often) becomes a dead letter: it stays in the outbox,
-- never sent again and never deleted by normal use, so it holds back no
-- later message of its conversation and can still be inspected.
ALTER TABLE outbox ADD COLUMN dead_at TEXT;
ALTER TABLE outbox ADD COLUMN dead_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_dead ON outbox (platform, queue, dead_reason, dead_at) WHERE dead_at IS NOT NULL;
