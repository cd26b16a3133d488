-- One `otassess serve` per database: the running server holds a named lease
-- and renews it; another server refuses to start while it is unexpired.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
