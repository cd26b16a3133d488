package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
)

// Scratch makes a new, empty schema in the database that dbURL names and
// returns a URL whose connections use it (search_path), and a function
// that drops it with everything in it. Tests use it to give each test a
// database of its own on one server.
func Scratch(ctx context.Context, dbURL string) (string, func(context.Context) error, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, err
	}
	name := "t_" + hex.EncodeToString(b[:])
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", nil, fmt.Errorf("bad PostgreSQL URL: %w", err)
	}
	pool, err := Open(ctx, dbURL)
	if err != nil {
		return "", nil, err
	}
	if _, err := pool.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		pool.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	drop := func(ctx context.Context) error {
		defer pool.Close()
		_, err := pool.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE")
		return err
	}
	return u.String(), drop, nil
}
