-- 0016: the hot paths read what they need, through indexes.
--
-- A pinned pack's source is kept once per digest in packs and read only
-- when the engine's parsed-pack cache misses; an engagement row keeps an
-- empty pack_bytes (the column stays: it is NOT NULL in older files), so
-- loading an engagement no longer copies some 60 KB.
CREATE TABLE packs (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
) STRICT;

INSERT INTO packs (sha256, bytes)
    SELECT pack_sha256, pack_bytes FROM engagements WHERE length(pack_bytes) > 0 GROUP BY pack_sha256;
UPDATE engagements SET pack_bytes = x'' WHERE length(pack_bytes) > 0;

-- SavePosition's seq takes max(seq) from this index, not a scan.
CREATE INDEX positions_seq ON positions (seq);

-- The scheduler: open questions (item set) by when they were shown, so a
-- tick reads only the positions idle long enough for a reminder.
CREATE INDEX positions_open ON positions (updated_at) WHERE item != '';

-- Outbox: the head of each live queue and whether it is due, from the
-- index alone.
CREATE INDEX outbox_live ON outbox (platform, queue, id, not_before) WHERE dead_at IS NULL;

-- Reference averages: the closed engagements of a pack version in id
-- order, so their answers are grouped without sorting.
CREATE INDEX engagements_pack ON engagements (status, pack_id, pack_version, id);
