package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/otassess/otassess/storage"
)

// migrate brings a database's schema up to this binary's, as every command
// that opens it does, and says which version it is at: for a deploy to run
// once before the replicas of a new version start.
func (m *Main) migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	c, err := m.settings(*dbPath)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, c.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s (%s) is at schema version %d\n", db.Path(), db.Engine(), v)
	return nil
}

// postgresBackup says how a PostgreSQL database is backed up, for backup.
func postgresBackup(db string) error {
	return usagef("backup: %s is a PostgreSQL database: back it up with PostgreSQL's own tools, "+
		"e.g. pg_dump --format=custom --file=otassess.dump \"$OTASSESS_DB\" (restore with pg_restore), "+
		"or your managed service's backups; otassess backup copies SQLite files", storage.Redact(db))
}
