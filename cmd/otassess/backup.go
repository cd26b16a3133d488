package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/otassess/otassess/storage"
)

// backup writes an online copy of the database; of a damaged database, it
// saves what can be read and says how to put the copy in place.
func (m *Main) backup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	to := fs.String("to", "", "file to write the copy to (must not exist)")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	if c, err := m.settings(*dbPath); err == nil && storage.IsPostgres(c.DB) {
		return postgresBackup(c.DB)
	}
	if *to == "" {
		return usagef("backup: --to FILE is required")
	}
	if fi, err := os.Stat(filepath.Dir(*to)); err != nil || !fi.IsDir() {
		return usagef("backup: --to: there is no directory %s to write %s in", filepath.Dir(*to), *to)
	}
	if _, err := os.Lstat(*to); err == nil {
		return usagef("backup: --to: %s already exists; a backup never overwrites a file, choose a new name", *to)
	}
	c, err := m.settings(*dbPath)
	if err != nil {
		return err
	}
	if err := existingDB(c.DB); err != nil {
		return err
	}
	db, err := openDB(ctx, c.DB)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, cannotOpen(c.DB))
	}
	defer db.Close()
	problems, err := db.QuickCheck(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return m.salvage(ctx, db, *to, problems)
	}
	if err := db.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "backup written to %s\n", *to)
	return nil
}

// salvage saves what can be read of a damaged database and returns an error
// that says what was lost and how to go on with the copy.
func (m *Main) salvage(ctx context.Context, db *storage.DB, to string, problems []string) error {
	rep, err := db.Salvage(ctx, to)
	if err != nil {
		return fmt.Errorf("backup: %s is damaged (%s) and saving what can be read failed: %w\n%s",
			db.Path(), strings.Join(problems, "; "), err, cannotOpen(db.Path()))
	}
	for _, t := range rep.Tables {
		fmt.Fprintf(m.Stdout, "%-24s %6d rows saved%s\n", t.Name, t.Rows, map[bool]string{true: " (some rows could not be read)"}[t.Damaged])
	}
	lost := "no table lost rows"
	if d := rep.Damaged(); len(d) > 0 {
		lost = "rows were lost in: " + strings.Join(d, ", ")
	}
	p := db.Path()
	return fmt.Errorf("backup: %s is damaged (PRAGMA quick_check: %s).\n"+
		"What could be read is saved in %s; %s.\n"+
		"To go on with the saved copy: stop otassess serve, then\n"+
		"  mv %s %s.damaged   (and %s-wal, %s-shm if they are there)\n"+
		"  mv %s %s\n"+
		"and start otassess serve again. Keep %s.damaged until you have checked the copy",
		p, strings.Join(problems, "; "), to, lost, p, p, p, p, to, p, p)
}

// cannotOpen says what to do when a database cannot be opened at all.
func cannotOpen(path string) string {
	return fmt.Sprintf("If the file is damaged, copy it to a machine with the sqlite3 tool and run\n"+
		"  sqlite3 %s .recover | sqlite3 recovered.db\n"+
		"then open recovered.db with otassess (otassess engagement list --db recovered.db).", path)
}
