package storage

import "context"

// TerminateRoleHolders ends, from db's pool, the PostgreSQL sessions that
// hold the scheduler role of its schema, as the server does
// when their process dies, and returns how many it ended. For tests of
// other files of package storage_test.
func TerminateRoleHolders(ctx context.Context, db *DB) (int, error) {
	var n int
	err := db.writer.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND classid = 28532 AND objsubid = 2 AND granted
		  AND objid::bigint = hashtext(current_schema() || '/scheduler')::bigint & 4294967295
		  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n)
	return n, err
}
