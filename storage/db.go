// Package storage keeps otassess's state in a SQLite file through
// modernc.org/sqlite (pure Go), and is the only package that imports the SQL
// driver. DB implements bot.Store.
//
// Writes go through one connection in WAL mode with BEGIN IMMEDIATE, so
// concurrent writers queue on busy_timeout instead of failing; reads that may
// take long (reports, listings) use a separate read-only pool. The schema is
// created and upgraded by embedded SQL migrations recorded in
// schema_migrations. Answers and comments are append-only history. Nothing
// here logs; errors carry ids and keys, never answer or comment text.
package storage

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

	"github.com/otassess/otassess/bot"
)

var _ bot.Store = (*DB)(nil)

// ErrNotDatabase means the file at the path is not a SQLite database.
var ErrNotDatabase = errors.New("the file is not a SQLite database")

// sqliteNotADB is SQLITE_NOTADB, the result code of opening a file that is
// not a database.
const sqliteNotADB = 26

// classify tells a file that is not a database from other failures.
func classify(err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) && se.Code()&0xff == sqliteNotADB {
		return fmt.Errorf("%w (%v)", ErrNotDatabase, err)
	}
	return err
}

// readers is the size of the read-only pool: one connection per core, two
// to four. A read of cached pages is CPU work, so connections beyond the
// cores add no throughput, while each holds its own page cache and its own
// copy of every prepared statement (about 2 MB of a serve's resident
// memory each, BenchmarkServeResident).
func readers() int { return min(max(runtime.GOMAXPROCS(0), 2), 4) }

// cacheSize is each connection's SQLite page cache (the cache_size pragma;
// negative is KiB). A turn touches a few dozen pages, and the file's pages
// stay in the OS cache besides; SQLite's default, 2 MB per connection,
// mostly held pages read once by a report or a tick.
const cacheSize = "cache_size(-1024)"

// DB is an open otassess database: a single-connection writer and a
// read-only pool over the same file. It is safe for concurrent use.
type DB struct {
	path   string
	writer *sql.DB
	reader *sql.DB
	ws, rs *stmtCache // the statements prepared on the writer and on the reader pool
}

// Open opens or creates the database at path and applies any migrations it
// has not seen. It fails if the file was written by a newer otassess
// (ErrNewerSchema) or is not a database (ErrNotDatabase).
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("storage: open: empty database path")
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	// secure_delete: deleted rows (a purge, a sent message, a pruned
	// channel message, a done job's transcript) are overwritten, not left
	// readable in free pages of the file. Only the writer deletes.
	writerDSN, err := dsn(path, "immediate",
		"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "secure_delete(1)", cacheSize)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	// The reader gets no journal_mode: the writer has already made the file
	// WAL (a persistent setting), and a query_only connection cannot change it.
	readerDSN, err := dsn(path, "", "busy_timeout(5000)", "foreign_keys(1)", "query_only(1)", cacheSize)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}

	writer, err := openPool(ctx, writerDSN, 1)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, classify(err))
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err == nil {
		err = migrate(ctx, writer, sub)
	}
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, classify(err))
	}
	reader, err := openPool(ctx, readerDSN, readers())
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	db := &DB{path: path, writer: writer, reader: reader, ws: newStmtCache(writer), rs: newStmtCache(reader)}
	err = db.storeMissingClosedScores(ctx)
	if err == nil {
		err = db.optimize(ctx)
	}
	if err == nil {
		err = db.ws.prepare(ctx, hotStatements...)
	}
	if err != nil {
		db.ws.close()
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return db, nil
}

// createPrivate creates the database file, when there is none, readable and
// writable by its owner only; SQLite gives its -wal and -shm files the same
// mode. An existing file keeps its mode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// hotStatements are the writes of every conversation turn, prepared on the
// writer at open so that even the first turn does not parse them. Every
// other statement is prepared once per pool the first time it is used
// (stmtCache).
var hotStatements = []string{markProcessedSQL, appendAnswerSQL, savePositionSQL, enqueueSQL}

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

// dsn builds a file: URI for path with the driver's parameters. The path is
// made absolute and escaped, so spaces, '?', '#' and '%' in it are safe, and
// a relative name cannot be read as a URI.
func dsn(path, txlock string, pragmas ...string) (string, error) {
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

// Path is the file name the database was opened with.
func (db *DB) Path() string { return db.path }

// Ping checks that the database answers a read, for readiness probes.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	err := db.reader.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n)
	if err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}

// Close closes both pools. It runs Optimize first, as SQLite advises for
// connections that were open a long time.
func (db *DB) Close() error {
	stmtErr := errors.Join(db.ws.close(), db.rs.close())
	optErr := db.optimize(context.Background())
	err := errors.Join(stmtErr, optErr, db.reader.Close(), db.writer.Close())
	if err != nil {
		return fmt.Errorf("storage: close %s: %w", db.path, err)
	}
	return nil
}
