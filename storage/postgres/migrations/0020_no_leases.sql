-- 0020: PostgreSQL's twin of SQLite's 0020: the unused leases table goes
-- (replicas take their roles with advisory locks).
DROP TABLE leases;
