package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/transfer"
)

// copyDB moves a database to another engine (a SQLite file to a new
// PostgreSQL database, or back) and checks the copy table by table and
// engagement by engagement.
func (m *Main) copyDB(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	from := fs.String("from", "", "the database to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the new, empty database: a postgres:// URL or a SQLite file that does not exist")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usagef("copy: --from and --to are both required")
	}
	if err := existingDB(*from); err != nil {
		return err
	}
	if !storage.IsPostgres(*to) && existingDB(*to) == nil {
		return usagef("copy: --to: %s already exists; copy into a new file or an empty PostgreSQL database", *to)
	}
	src, err := openDB(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openDB(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	rep, err := transfer.Copy(ctx, src, dst)
	if err != nil {
		return err
	}
	for _, t := range rep.Tables {
		fmt.Fprintf(m.Stdout, "%-22s %8d rows\n", t.Table, t.Rows)
	}
	fmt.Fprintf(m.Stdout, "copied %s to %s: every table's rows counted on both sides, %d engagements' digests equal\n",
		storage.Redact(*from), storage.Redact(*to), len(rep.Engagements))
	return nil
}
