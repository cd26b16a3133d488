// Package sqldb is the engine-neutral core of package storage: the dialect
// that tells the engines apart (chosen once when a database is opened),
// pools that speak it, the statement cache and the migration runner.
// Package storage holds the statements and the bot.Store methods; the
// engine packages hold what differs.
package sqldb

import (
	"context"
	"database/sql"
	"io/fs"
	"sync"

	"github.com/otassess/otassess/storage/postgres"
	"github.com/otassess/otassess/storage/sqlite"
)

// TimeLayout is RFC 3339 with a fixed nine-digit fraction, always in UTC:
// unlike time.RFC3339Nano, which drops trailing zeros, its text order is
// time order, which the outbox and position queries compare on.
const TimeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Dialect is what differs between the engines: how a statement's
// placeholders and arguments are written, the schema steps, the text of
// the statements whose SQL differs, and what the engine does outside
// transactions. Every other statement of storage is shared, written with
// '?' placeholders.
type Dialect struct {
	Name       string // "sqlite" or "postgres"
	Rebind     func(string) string
	Args       func([]any) []any
	Migrations fs.FS
	// CreateMigrations makes schema_migrations; WriteLock, when set, is the
	// first statement of every write transaction.
	CreateMigrations, WriteLock string

	CurrentAnswers, ClosedAnswers, Unstored, Participants, DropEdits, SkipJobs string
	Outbox, Claim, OutboxEntries, PurgeOutbox, Tend                            string
	// ViewIsolation is the isolation of read-only transactions, so that a
	// View sees one snapshot: SQLite's default does; PostgreSQL's READ
	// COMMITTED would give each statement its own, so it takes REPEATABLE
	// READ (which never fails a read-only transaction).
	ViewIsolation sql.IsolationLevel
	// ElectsRoles says that several processes share the database and elect
	// one for each single role (PostgreSQL); otherwise the one process that
	// may open it holds them all.
	ElectsRoles bool
	// Tables lists the tables of the schema but schema_migrations.
	Tables string
	// AfterCopy, when set, runs at the end of a copy into the engine
	// (PostgreSQL moves its identity sequences past the copied ids).
	AfterCopy func(ctx context.Context, tx *sql.Tx) error

	Backup     func(ctx context.Context, w *sql.DB, to string) error
	QuickCheck func(ctx context.Context, r *sql.DB) ([]string, error)
	Optimize   func(ctx context.Context, w *sql.DB) error
	Checkpoint func(ctx context.Context, w *sql.DB) error

	rebound sync.Map // query → rebound query, for PostgreSQL
}

// SQLite is the dialect of SQLite files, whose schema steps are migrations.
func SQLite(migrations fs.FS) *Dialect {
	return &Dialect{
		Name: "sqlite", Rebind: func(s string) string { return s }, Args: func(a []any) []any { return a },
		Migrations: migrations, CreateMigrations: sqlite.CreateMigrations, WriteLock: sqlite.WriteLock,
		CurrentAnswers: sqlite.CurrentAnswers, ClosedAnswers: sqlite.ClosedAnswers, Unstored: sqlite.Unstored, Participants: sqlite.Participants,
		DropEdits: sqlite.DropEdits, SkipJobs: sqlite.SkipJobs, Outbox: sqlite.Outbox, Claim: sqlite.Claim,
		OutboxEntries: sqlite.OutboxEntries, PurgeOutbox: sqlite.PurgeOutbox, Tend: sqlite.Tend, Tables: sqlite.Tables,
		Backup: sqlite.Backup, QuickCheck: sqlite.QuickCheck, Optimize: sqlite.Optimize, Checkpoint: sqlite.Checkpoint,
	}
}

// Postgres is the dialect of PostgreSQL.
func Postgres() *Dialect {
	d := &Dialect{
		Name: "postgres", Args: postgres.Args, Migrations: postgres.Migrations(),
		CreateMigrations: postgres.CreateMigrations, WriteLock: postgres.WriteLock,
		CurrentAnswers: postgres.CurrentAnswers, ClosedAnswers: postgres.ClosedAnswers, Unstored: postgres.Unstored, Participants: postgres.Participants,
		DropEdits: postgres.DropEdits, SkipJobs: postgres.SkipJobs, Outbox: postgres.Outbox, Claim: postgres.Claim,
		OutboxEntries: postgres.OutboxEntries, PurgeOutbox: postgres.PurgeOutbox, Tend: postgres.Tend, Tables: postgres.Tables,
		AfterCopy: postgres.AfterCopy, ElectsRoles: true, ViewIsolation: sql.LevelRepeatableRead,
		Backup: postgres.Backup, QuickCheck: postgres.QuickCheck, Optimize: postgres.Optimize, Checkpoint: postgres.Checkpoint,
	}
	d.Rebind = d.cachedRebind
	return d
}

// cachedRebind rebinds a query for PostgreSQL once: every query of storage
// is a constant, so the cache stays small.
func (d *Dialect) cachedRebind(q string) string {
	if r, ok := d.rebound.Load(q); ok {
		return r.(string)
	}
	r := postgres.Rebind(q)
	d.rebound.Store(q, r)
	return r
}

// Lock takes the engine's write lock in tx, if it has one.
func (d *Dialect) Lock(ctx context.Context, tx *sql.Tx) error {
	if d.WriteLock == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, d.WriteLock)
	return err
}

// Pool is a connection pool that speaks its engine's dialect: queries are
// rebound and arguments converted on the way in.
type Pool struct {
	*sql.DB
	D *Dialect
}

func (p Pool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return p.DB.ExecContext(ctx, p.D.Rebind(q), p.D.Args(args)...)
}

func (p Pool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return p.DB.QueryContext(ctx, p.D.Rebind(q), p.D.Args(args)...)
}

func (p Pool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return p.DB.QueryRowContext(ctx, p.D.Rebind(q), p.D.Args(args)...)
}

func (p Pool) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return p.DB.PrepareContext(ctx, p.D.Rebind(q))
}
