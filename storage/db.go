// Package storage keeps otassess's state in SQLite (a file, through
// modernc.org/sqlite, the embedded default) or PostgreSQL (through pgx, for
// several serve replicas), behind one API: DB implements bot.Store. It and
// its engine packages (storage/sqlite, storage/postgres) are the only
// importers of the SQL drivers.
//
// The statements both engines share live here, written with '?'
// placeholders; the few whose SQL differs, the schema steps and what only
// one engine does live in the engine's package, chosen once by Open
// (dialect). Writers take turns, on SQLite through one connection with
// BEGIN IMMEDIATE, on PostgreSQL through an advisory lock that every write
// transaction takes first; reads that may take long (reports, listings)
// use a read-only pool on SQLite. The schema is created and upgraded by
// embedded SQL migrations recorded in schema_migrations. Answers and
// comments are append-only history. Nothing here logs; errors carry ids and
// keys, never answer or comment text.
package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
	"github.com/otassess/otassess/storage/postgres"
	"github.com/otassess/otassess/storage/sqlite"
)

var _ bot.Store = (*DB)(nil)

// ErrNotDatabase means the file at the path is not a SQLite database.
var ErrNotDatabase = sqlite.ErrNotDatabase

// DB is an open otassess database: a writer pool (one connection on
// SQLite) and a reader pool (the same pool on PostgreSQL). It is safe for
// concurrent use.
type DB struct {
	path   string // the SQLite file, or the PostgreSQL URL without its password
	writer pool
	reader pool
	ws, rs *stmtCache // the statements prepared on the writer and on the reader pool
	sql    *dialect
	roles  *sqldb.Roles
	sent   sentQueue // delivered messages the next write deletes
}

// Open opens the database that dsn names and applies any migrations it has
// not seen: a postgres:// or postgresql:// URL is a PostgreSQL database,
// anything else the path of a SQLite file, created when missing. It fails
// if the database was written by a newer otassess (ErrNewerSchema) or a
// file is not a database (ErrNotDatabase).
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("storage: open: empty database path")
	}
	if postgres.IsURL(dsn) {
		db, err := openPostgres(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("storage: open %s: %w", postgres.Redact(dsn), err)
		}
		return db, nil
	}
	db, err := openSQLite(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", dsn, err)
	}
	return db, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	d := sqliteDialect()
	w, err := sqlite.OpenWriter(ctx, path)
	if err != nil {
		return nil, err
	}
	writer := pool{DB: w, D: d}
	if err := sqldb.Migrate(ctx, writer, d.Migrations); err != nil {
		w.Close()
		return nil, sqlite.Classify(err)
	}
	r, err := sqlite.OpenReader(ctx, path)
	if err != nil {
		w.Close()
		return nil, err
	}
	return ready(ctx, &DB{path: path, writer: writer, reader: pool{DB: r, D: d}, sql: d})
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	d := sqldb.Postgres()
	p, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	one := pool{DB: p, D: d}
	if err := sqldb.Migrate(ctx, one, d.Migrations); err != nil {
		p.Close()
		return nil, err
	}
	return ready(ctx, &DB{path: postgres.Redact(url), writer: one, reader: one, sql: d})
}

// ready finishes Open: the statement caches, the statistics, and the hot
// statements prepared.
func ready(ctx context.Context, db *DB) (*DB, error) {
	db.ws, db.rs = sqldb.NewStmtCache(db.writer), sqldb.NewStmtCache(db.reader)
	db.roles = sqldb.NewRoles(db.writer)
	err := db.storeMissingClosedScores(ctx)
	if err == nil {
		err = db.optimize(ctx)
	}
	if err == nil {
		err = db.ws.Prepare(ctx, hotStatements...)
	}
	if err != nil {
		db.ws.Close()
		db.reader.Close()
		db.writer.Close()
		return nil, err
	}
	return db, nil
}

// hotStatements are the writes of every conversation turn, prepared on the
// writer at open so that even the first turn does not parse them. Every
// other statement is prepared once per pool the first time it is used
// (stmtCache).
var hotStatements = []string{markProcessedSQL, appendAnswerSQL, savePositionSQL, enqueueSQL}

// Path is the file name the database was opened with, or for PostgreSQL
// its URL without the password.
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

// Close closes the pools (stop what runs in roles first). It runs Optimize
// first, as SQLite advises for connections that were open a long time.
func (db *DB) Close() error {
	sentErr := db.flushSent(context.Background())
	stmtErr := errors.Join(sentErr, db.ws.Close(), db.rs.Close())
	optErr := db.optimize(context.Background())
	err := errors.Join(stmtErr, optErr, db.reader.Close())
	if db.writer.DB != db.reader.DB {
		err = errors.Join(err, db.writer.Close())
	}
	if err != nil {
		return fmt.Errorf("storage: close %s: %w", db.path, err)
	}
	return nil
}

// RoleRetry is how often a replica tries to take a role it does not hold,
// and a holder checks that it still holds its own.
const RoleRetry = sqldb.RoleRetry

// RunRole runs fn while this process holds the single role name (the
// scheduler, Slack Socket Mode, the Discord gateway), until ctx ends. On
// SQLite the process holds every role (one serve per file, which serve's
// lock file enforces), so fn runs at once. On PostgreSQL a replica holds a
// role while it holds the role's advisory lock on a connection of its own:
// fn's context ends if the lock is lost, and the role moves to another
// replica within a few RoleRetry after its holder dies.
func (db *DB) RunRole(ctx context.Context, name string, fn func(context.Context) error) error {
	return db.roles.Run(ctx, name, fn)
}

// Roles lists the single roles this process holds now, sorted.
func (db *DB) Roles() []string { return db.roles.Held() }
