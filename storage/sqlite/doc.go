// Package sqlite is the SQLite engine of package storage: it opens a
// database file through modernc.org/sqlite (pure Go) as a single-connection
// writer and a read-only pool, and holds what only SQLite does (VACUUM INTO
// backups, quick checks, statistics, salvage of a damaged file) and the
// text of the statements whose SQL differs from PostgreSQL's. Package
// storage, which holds the statements both engines share, is its only
// user.
package sqlite
