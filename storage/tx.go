package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/langdb"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

var _ bot.Tx = (*tx)(nil)

// ErrReadOnly is returned by a write method called inside View.
var ErrReadOnly = sqldb.ErrReadOnly

// Update runs fn in one write transaction and commits it: BEGIN IMMEDIATE
// on SQLite's single writer connection; on PostgreSQL, a transaction that
// first takes the writers' advisory lock, so that writers of every replica
// take turns as they do on SQLite. If fn returns an error, or panics, everything
// it did is rolled back; fn's error is returned as is and a panic goes on.
// fn must not call Update itself: the writer has one connection, so that
// would wait forever.
func (db *DB) Update(ctx context.Context, fn func(bot.Tx) error) error {
	return db.update(ctx, func(t *tx) error { return fn(t) })
}

// update is Update for storage's own writes. The transaction first deletes
// the delivered messages MarkSent noted (sentQueue); if it does not commit,
// they stay noted.
func (db *DB) update(ctx context.Context, fn func(*tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	t := newTx(ctx, sqlTx, false, db.ws, db.sql)
	if err := t.lock(); err != nil {
		sqlTx.Rollback() //nolint:errcheck // the lock's error matters more
		return fmt.Errorf("storage: begin: %w", err)
	}
	sent := db.sent.take()
	committed := false
	defer func() {
		if !committed {
			db.sent.putBack(sent)
		}
	}()
	err = run(t, func(t *tx) error {
		if err := t.deleteSent(sent); err != nil {
			return err
		}
		return fn(t)
	})
	committed = err == nil
	db.ws.PrepareWanted(ctx)
	return err
}

// View runs fn in a read-only transaction on the reader pool: it sees one
// consistent snapshot, never blocks writers, and its write methods return
// ErrReadOnly.
func (db *DB) View(ctx context.Context, fn func(bot.Tx) error) error {
	sqlTx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: db.sql.ViewIsolation})
	if err != nil {
		return fmt.Errorf("storage: begin view: %w", err)
	}
	err = run(newTx(ctx, sqlTx, true, db.rs, db.sql), func(t *tx) error { return fn(t) })
	db.rs.PrepareWanted(ctx)
	return err
}

// run calls fn and ends the transaction: commit for a write that succeeded,
// rollback otherwise. The deferred rollback also covers a panic or
// runtime.Goexit (t.FailNow) inside fn, so the writer is never left held.
func run(t *tx, fn func(*tx) error) error {
	sqlTx := t.SQL
	ended := false
	defer func() {
		if !ended {
			sqlTx.Rollback() //nolint:errcheck // unwinding; the panic matters more
		}
	}()
	err := fn(t)
	ended = true
	if err != nil || t.ReadOnly {
		if rbErr := sqlTx.Rollback(); rbErr != nil && err == nil {
			return fmt.Errorf("storage: end view: %w", rbErr)
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	return nil
}

// tx implements bot.Tx over one SQL transaction: the methods of package
// storage, and those of the area packages it embeds (langdb: translations,
// model jobs, channel messages).
type tx struct {
	*sqldb.Tx
	langdb.LanguageTx
}

// newTx is a tx over sqlTx.
func newTx(ctx context.Context, sqlTx *sql.Tx, readOnly bool, stmts *stmtCache, d *dialect) *tx {
	core := &sqldb.Tx{Ctx: ctx, SQL: sqlTx, ReadOnly: readOnly, Stmts: stmts, D: d}
	return &tx{Tx: core, LanguageTx: langdb.LanguageTx{Tx: core}}
}

// lock takes the engine's write lock, if it has one.
func (t *tx) lock() error { return t.D.Lock(t.Ctx, t.SQL) }
