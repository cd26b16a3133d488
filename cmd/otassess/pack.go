package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/config"
)

func (m *Main) pack(args []string) error {
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
		return m.packValidate(args[1:])
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
func (m *Main) packValidate(files []string) error {
	if len(files) == 0 {
		return usagef("pack validate: give one or more pack files")
	}
	bad := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(m.Stderr, err)
			bad++
			continue
		}
		p, err := assessment.ParsePack(f, data)
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
