-- 0020: the leases table of 0005 goes. Nothing has written it since one
-- serve per SQLite file is kept by a lock file beside it, and the roles of
-- PostgreSQL replicas by advisory locks.
DROP TABLE leases;
