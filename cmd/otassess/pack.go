package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/storage"
)

func (m *Main) pack(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("pack: say list, show ID or validate FILE...")
	}
	c, err := m.settings("")
	if err != nil {
		return err
	}
	switch args[0] {
	case "list":
		reg, err := registry(c)
		if err != nil {
			return err
		}
		for _, id := range reg.IDs() {
			p, _ := reg.Get(id)
			fmt.Fprintf(m.Stdout, "%s\t%s\t%d items\t%s\n", p.ID, p.Version, len(p.Items), p.Title.EN)
		}
		return nil
	case "show":
		return m.packShow(c, args[1:])
	case "validate":
		return m.packValidate(ctx, c, args[1:])
	}
	return usagef("pack: unknown subcommand %q (list, show, validate)", args[0])
}

func (m *Main) packShow(c config.Config, args []string) error {
	fs := flag.NewFlagSet("pack show", flag.ContinueOnError)
	format := fs.String("format", "yaml", "output format: json or yaml")
	pos, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("pack show: give exactly one pack id")
	}
	reg, err := registry(c)
	if err != nil {
		return err
	}
	p, err := reg.Get(pos[0])
	if err != nil {
		return &usageError{err.Error()}
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	case "yaml":
		enc := yaml.NewEncoder(m.Stdout)
		enc.SetIndent(2)
		return enc.Encode(p)
	}
	return usagef("pack show: --format must be json or yaml, got %q", *format)
}

// packValidate checks each file and reports every problem; exit 2 if any.
// Besides the format, a pack must not change under an id and version that
// are known already: from the registry, or pinned by engagements of the
// database (--db, when it exists).
func (m *Main) packValidate(ctx context.Context, c config.Config, args []string) error {
	fs := flag.NewFlagSet("pack validate", flag.ContinueOnError)
	dbPath := fs.String("db", "", "SQLite file whose engagements' packs to check against (default $OTASSESS_DB or ./otassess.db, if it exists)")
	files, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("pack validate: give one or more pack files")
	}
	known, db, err := m.validationContext(ctx, c, *dbPath)
	if err != nil {
		return err
	}
	if db != nil {
		defer db.Close()
	}
	bad := 0
	for _, f := range files {
		p, err := m.validateFile(ctx, f, known, db, packsSource(c.PacksDir))
		if err != nil {
			fmt.Fprintln(m.Stderr, err)
			bad++
			continue
		}
		fmt.Fprintf(m.Stdout, "%s: ok (%s, %d items)\n", f, p, len(p.Items))
	}
	if bad > 0 {
		return usagef("%d of %d pack files are not valid", bad, len(files))
	}
	return nil
}

// validationContext loads the known packs and opens the database to check
// pins against: the --db file (which must exist), else OTASSESS_DB's if
// it exists, else none.
func (m *Main) validationContext(ctx context.Context, c config.Config, dbFlag string) ([]*assessment.Pack, *storage.DB, error) {
	reg, err := registry(c)
	if err != nil {
		return nil, nil, err
	}
	path := c.DB
	if dbFlag != "" {
		if err := existingDB(dbFlag); err != nil {
			return nil, nil, err
		}
		path = dbFlag
	}
	if _, err := os.Stat(path); err != nil {
		return registryPacks(reg), nil, nil
	}
	db, err := openDB(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	return registryPacks(reg), db, nil
}

// validateFile parses one pack file and checks it against the known packs
// and the database's pins.
func (m *Main) validateFile(ctx context.Context, f string, known []*assessment.Pack, db *storage.DB, source string) (*assessment.Pack, error) {
	data, err := os.ReadFile(f)
	if err != nil {
		return nil, err
	}
	p, err := assessment.ParsePack(f, data)
	if err != nil {
		return nil, err
	}
	for _, k := range known {
		if k.ID == p.ID && k.Version == p.Version && !k.SameContent(p) {
			return nil, fmt.Errorf("%s: pack %s version %s is already defined with other content by %s: give a changed pack a new version", f, p.ID, p.Version, source)
		}
	}
	if db != nil {
		if err := checkPins(ctx, db, []*assessment.Pack{p}, f); err != nil {
			return nil, err
		}
	}
	return p, nil
}
