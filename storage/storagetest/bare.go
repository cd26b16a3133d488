package storagetest

import (
	"database/sql"
	"net/url"
	"testing"
)

// BareCommitter opens a connection of its own to the SQLite file at path
// (with the driver storage registers; WAL, synchronous=NORMAL, as the
// store's writer) and returns a function that inserts one row into a table
// of its own and commits: the bare commit a turn is measured against.
func BareCommitter(tb testing.TB, path string) func() {
	tb.Helper()
	q := url.Values{"_pragma": {"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)"}}
	conn, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		tb.Fatal(err)
	}
	conn.SetMaxOpenConns(1)
	tb.Cleanup(func() { conn.Close() })
	if _, err := conn.Exec("CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		tb.Fatal(err)
	}
	return func() {
		if _, err := conn.Exec("INSERT INTO bench_bare (v) VALUES (?)", "2"); err != nil {
			tb.Fatal(err)
		}
	}
}
