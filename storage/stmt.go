package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// maxStatements bounds the statements kept prepared on one pool: every
// query of this package is a constant, so the bound is only a guard.
const maxStatements = 512

// stmtCache holds the statements prepared on one pool, each prepared once.
// A query met for the first time inside a transaction runs unprepared and
// is prepared when that transaction has ended: the writer has a single
// connection, which the transaction holds, so preparing on the pool inside
// it would wait forever. database/sql then keeps each statement prepared
// on every connection of the pool that used it.
type stmtCache struct {
	pool   *sql.DB
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // met unprepared; prepared after the transaction
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// get returns the prepared statement of query, or nil after noting that
// query is wanted.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts)+len(c.wanted) < maxStatements {
		c.wanted[query] = true
	}
	return nil
}

// prepareWanted prepares the queries met unprepared. Call it outside any
// transaction of the pool. A query that fails to prepare is not retried:
// it runs unprepared, as it did.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	c.mu.Lock()
	queries := make([]string, 0, len(c.wanted))
	for q := range c.wanted {
		queries = append(queries, q)
		delete(c.wanted, q)
	}
	c.mu.Unlock()
	for _, q := range queries {
		// Unlocked: preparing waits for a connection, which a transaction
		// that calls get may hold.
		if st, err := c.pool.PrepareContext(ctx, q); err == nil {
			c.keep(q, st)
		}
	}
}

// keep stores a prepared statement, unless another call stored one first.
func (c *stmtCache) keep(q string, st *sql.Stmt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.stmts[q]; ok {
		st.Close()
		return
	}
	c.stmts[q] = st
}

// prepare prepares queries now, at open.
func (c *stmtCache) prepare(ctx context.Context, queries ...string) error {
	for _, q := range queries {
		st, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		c.keep(q, st)
	}
	return nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for q, st := range c.stmts {
		errs = append(errs, st.Close())
		delete(c.stmts, q)
	}
	return errors.Join(errs...)
}

// stmt returns query prepared on the pool, preparing it now if it was not.
// Call it outside any transaction of the pool.
func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := c.get(query); st != nil {
		return st, nil
	}
	c.prepareWanted(ctx)
	if st := c.get(query); st != nil {
		return st, nil
	}
	return nil, errors.New("not prepared")
}

// exec runs a statement on the pool, outside a transaction, prepared once.
func (c *stmtCache) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.pool.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// query runs a query on the pool, outside a transaction, prepared once.
func (c *stmtCache) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.pool.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}
