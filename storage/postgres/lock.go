package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// roleClass is the first key of every role's advisory lock (the two-key
// form); the second is the hash of the schema and the role's name, so that
// databases in other schemas of one server (tests) have roles of their own.
const roleClass = 28532 // "ot"

// keepalive makes the server notice a role holder whose machine is gone
// within about ten seconds (5 s idle, then two probes 2 s apart), so that
// its lock moves on; a holder that dies with its machine up closes the
// connection at once.
const keepalive = `SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 2`

// Lock is a role's advisory lock, held by one dedicated connection: the
// lock lives exactly as long as that session.
type Lock struct {
	conn *sql.Conn
	name string
}

// TryLock takes the advisory lock of the role name on a connection of its
// own, without waiting. It reports false when another session holds it.
func TryLock(ctx context.Context, pool *sql.DB, name string) (*Lock, bool, error) {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	_, err = conn.ExecContext(ctx, keepalive)
	if err == nil {
		err = conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, hashtext(current_schema() || '/' || $2))", roleClass, name).Scan(&ok)
	}
	if err != nil || !ok {
		conn.Close()
		return nil, false, err
	}
	return &Lock{conn: conn, name: name}, true, nil
}

// Watch returns when the lock is lost, its connection no longer answering
// within every (the holder must then stop acting in the role), or when ctx
// ends (nil).
func (l *Lock) Watch(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, every)
		err := l.conn.PingContext(pctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			return fmt.Errorf("role %s: lock connection lost: %w", l.name, err)
		}
	}
}

// Release gives the lock up and closes its connection; closing alone
// would release it too.
func (l *Lock) Release() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := l.conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1, hashtext(current_schema() || '/' || $2))", roleClass, l.name)
	return errors.Join(err, l.conn.Close())
}
