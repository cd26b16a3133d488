package sqldb

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

// StmtCache holds the statements prepared on one pool, each prepared once.
// A query met for the first time inside a transaction runs unprepared and
// is prepared when that transaction has ended: the writer has a single
// connection, which the transaction holds, so preparing on the pool inside
// it would wait forever. database/sql then keeps each statement prepared
// on every connection of the pool that used it.
type StmtCache struct {
	pool   Pool
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // met unprepared; prepared after the transaction
}

// NewStmtCache makes an empty cache of statements on p.
func NewStmtCache(p Pool) *StmtCache {
	return &StmtCache{pool: p, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// Get returns the prepared statement of query, or nil after noting that
// query is wanted.
func (c *StmtCache) Get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
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

// PrepareWanted prepares the queries met unprepared. Call it outside any
// transaction of the pool. A query that fails to prepare is not retried:
// it runs unprepared, as it did.
func (c *StmtCache) PrepareWanted(ctx context.Context) {
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
func (c *StmtCache) keep(q string, st *sql.Stmt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.stmts[q]; ok {
		st.Close()
		return
	}
	c.stmts[q] = st
}

// Prepare prepares queries now, at open.
func (c *StmtCache) Prepare(ctx context.Context, queries ...string) error {
	for _, q := range queries {
		st, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		c.keep(q, st)
	}
	return nil
}

func (c *StmtCache) Close() error {
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
func (c *StmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := c.Get(query); st != nil {
		return st, nil
	}
	c.PrepareWanted(ctx)
	if st := c.Get(query); st != nil {
		return st, nil
	}
	return nil, errors.New("not prepared")
}

// Exec runs a statement on the pool, outside a transaction, prepared once.
func (c *StmtCache) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.pool.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, c.pool.D.Args(args)...)
}

// Query runs a query on the pool, outside a transaction, prepared once.
func (c *StmtCache) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.pool.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, c.pool.D.Args(args)...)
}
