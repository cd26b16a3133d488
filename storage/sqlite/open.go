package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotDatabase means the file at the path is not a SQLite database.
var ErrNotDatabase = errors.New("the file is not a SQLite database")

// Result codes of SQLite that this package tells apart.
const (
	codeError   = 1  // SQLITE_ERROR: among others, no such table
	codeCorrupt = 11 // SQLITE_CORRUPT: a damaged page
	codeNotADB  = 26 // SQLITE_NOTADB: the file is not a database
)

// code is the primary result code of a SQLite error, or 0.
func code(err error) int {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// Classify tells a file that is not a database from other failures.
func Classify(err error) error {
	if code(err) == codeNotADB {
		return fmt.Errorf("%w (%v)", ErrNotDatabase, err)
	}
	return err
}

// IsCorrupt tells a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) from other
// failures such as a cancelled context.
func IsCorrupt(err error) bool {
	c := code(err)
	return c == codeCorrupt || c == codeNotADB
}

// readers is the size of the read-only pool: one connection per core, two
// to four. A read of cached pages is CPU work, so connections beyond the
// cores add no throughput, while each holds its own page cache and its own
// copy of every prepared statement (about 2 MB of a serve's resident
// memory each, BenchmarkServeResident).
func readers() int { return min(max(runtime.GOMAXPROCS(0), 2), 4) }

// cacheSize is each connection's SQLite page cache (the cache_size pragma;
// negative is KiB). A turn touches a few dozen pages, and the file's pages
// stay in the OS cache besides, so a page the cache does not hold costs a
// read from memory. SQLite's default, 2 MB per connection, mostly held pages
// read once by a report or a tick; at 256 KiB (64 pages) the turn, press,
// tick, report and outbox benchmarks measure as they did at 1 MiB, and
// serve's resident memory after BenchmarkServeResident's 6,400 presses is
// 38–39 MB instead of 39–42 MB.
const cacheSize = "cache_size(-256)"

// OpenWriter creates the file at path when there is none (owner-only) and
// opens its single-connection writer: WAL, BEGIN IMMEDIATE, foreign keys,
// synchronous NORMAL and secure_delete, so that deleted rows (a purge, a
// sent message, a pruned channel message) are overwritten, not left readable
// in free pages.
func OpenWriter(ctx context.Context, path string) (*sql.DB, error) {
	if err := CreatePrivate(path); err != nil {
		return nil, err
	}
	d, err := DSN(path, "immediate",
		"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "secure_delete(1)", cacheSize)
	if err != nil {
		return nil, err
	}
	w, err := openPool(ctx, d, 1)
	return w, Classify(err)
}

// OpenReader opens the read-only pool over a file the writer has made WAL
// (a persistent setting, which a query_only connection cannot change).
func OpenReader(ctx context.Context, path string) (*sql.DB, error) {
	d, err := DSN(path, "", "busy_timeout(5000)", "foreign_keys(1)", "query_only(1)", cacheSize)
	if err != nil {
		return nil, err
	}
	return openPool(ctx, d, readers())
}

// CreatePrivate creates the file, when there is none, readable and writable
// by its owner only; SQLite gives its -wal and -shm files the same mode. An
// existing file keeps its mode.
func CreatePrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// openPool opens a pool of at most n connections and makes one, so that a
// bad path or DSN fails here rather than at the first query.
func openPool(ctx context.Context, dsn string, n int) (*sql.DB, error) {
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// DSN builds a file: URI for path with the driver's parameters. The path is
// made absolute and escaped, so spaces, '?', '#' and '%' in it are safe, and
// a relative name cannot be read as a URI.
func DSN(path, txlock string, pragmas ...string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	q := url.Values{"_pragma": pragmas}
	if txlock != "" {
		q.Set("_txlock", txlock)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String(), nil
}
