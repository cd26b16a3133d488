package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/storage"
)

// reportFlags are the options of otassess report.
type reportFlags struct {
	db, ref, client, format, lang, out string
}

// report writes an engagement's report: to -o FILE, or the text formats
// to standard output. It only reads: the engagement's status is left as
// it is (the chat's report command is what marks it reported).
func (m *Main) report(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var f reportFlags
	fs.StringVar(&f.db, "db", "", "SQLite file or postgres:// URL (default $OTASSESS_DB or ./otassess.db)")
	fs.StringVar(&f.ref, "engagement", "", "engagement id or name")
	fs.StringVar(&f.client, "client", "", "a client: compare the latest engagement of each of its sites")
	fs.StringVar(&f.format, "format", "", "md, html, xlsx, docx or json (default: the extension of -o, else md)")
	fs.StringVar(&f.lang, "lang", "", "ja, en or both (default: the engagement's languages)")
	fs.StringVar(&f.out, "o", "", "file to write; - is standard output (required for xlsx and docx)")
	pos, err := m.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("report: unexpected argument %q (the engagement goes in --engagement)", pos[0])
	}
	format, lang, err := f.check()
	if err != nil {
		return err
	}
	c, err := m.settings(f.db)
	if err != nil {
		return err
	}
	db, en, err := m.openEngine(ctx, c, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if f.client != "" {
		return m.clientReport(ctx, db, en, f.client, format, lang, f.out)
	}
	eng, err := findEngagement(ctx, db, "report: --engagement", f.ref)
	if err != nil {
		return err
	}
	rep, err := en.Report(ctx, eng.ID)
	if err != nil {
		return err
	}
	if lang == "" {
		lang = eng.Langs
	}
	data, err := render.Report(rep, format, lang)
	if err != nil {
		return err
	}
	return m.output(f.out, data)
}

// check validates the flags that need no database: the engagement is
// given, the format and language are known, and a workbook has a file.
func (f reportFlags) check() (render.Format, assessment.Lang, error) {
	switch {
	case f.ref == "" && f.client == "":
		return "", "", usagef("report: --engagement ID|NAME or --client NAME is required (otassess engagement list shows them)")
	case f.ref != "" && f.client != "":
		return "", "", usagef("report: give --engagement or --client, not both")
	}
	name := f.format
	if name == "" {
		name = string(render.Markdown)
		if ext := strings.TrimPrefix(filepath.Ext(f.out), "."); ext != "" {
			if _, err := render.ParseFormat(ext); err == nil {
				name = ext
			}
		}
	}
	format, err := render.ParseFormat(name)
	if err != nil {
		return "", "", usagef("report: --format: %v", err)
	}
	var lang assessment.Lang
	if f.lang != "" {
		if lang, err = assessment.ParseLang(f.lang); err != nil {
			return "", "", usagef("report: --lang: %v", err)
		}
	}
	if (format == render.XLSX || format == render.DOCX) && f.out == "" {
		return "", "", usagef("report: --format %s writes a binary file: give -o FILE (or -o - to send it to standard output)", format)
	}
	return format, lang, nil
}

// output writes data to standard output (out "" or "-") or to the file
// out, replacing it whole: through a temporary file and a rename, so a
// reader never sees half a report. A report file is private to its owner.
func (m *Main) output(out string, data []byte) error {
	if out == "" || out == "-" {
		_, err := m.Stdout.Write(data)
		return err
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return usagef("report: -o: %s is a directory", out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".otassess-report-*")
	if err != nil {
		return usagef("report: -o: %v", err)
	}
	defer os.Remove(tmp.Name()) // nothing left to remove after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("report: write %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("report: write %s: %w", out, err)
	}
	fmt.Fprintf(m.Stdout, "report written to %s\n", out)
	return nil
}

// openEngine opens the database and an engine over it, for the commands
// that read or change engagements outside a conversation. Unless create is
// set, a missing file is bad input rather than a new empty database; with
// it, the packs are checked against the database's pins.
func (m *Main) openEngine(ctx context.Context, c config.Config, create bool) (*storage.DB, *engine.Engine, error) {
	if !create {
		if err := existingDB(c.DB); err != nil {
			return nil, nil, err
		}
	}
	reg, err := registry(c)
	if err != nil {
		return nil, nil, err
	}
	var db *storage.DB
	if create {
		db, err = openPinnedDB(ctx, c, reg)
	} else {
		db, err = openDB(ctx, c.DB)
	}
	if err != nil {
		return nil, nil, err
	}
	return db, engine.New(db, reg, bot.SystemClock{}, m.logger(c), bot.Config{Renderer: reportRenderer{}}), nil
}

// findEngagement resolves an engagement id or name; none or several
// matches are bad input, named after the flag or argument (what).
func findEngagement(ctx context.Context, db *storage.DB, what, ref string) (*bot.Engagement, error) {
	eng, err := engine.FindEngagement(ctx, db, ref)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		return nil, usagef("%s: no engagement has the id or name %q (otassess engagement list shows them)", what, ref)
	case errors.Is(err, engine.ErrAmbiguous):
		return nil, usagef("%s: %v", what, err)
	}
	return eng, err
}
