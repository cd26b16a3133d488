package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/otassess/otassess/assessment"
)

// score scores a CSV of answers with the pack's profile.
func (m *Main) score(args []string) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	packID := fs.String("pack", assessment.DefaultPack, "pack id")
	file := fs.String("answers", "", "CSV file with header item,answer[,comment]")
	format := fs.String("format", "text", "output format: text or json")
	if _, err := m.flags(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return usagef("score: --answers FILE is required")
	}
	if *format != "text" && *format != "json" {
		return usagef("score: --format must be text or json, got %q", *format)
	}
	c, err := m.settings("")
	if err != nil {
		return err
	}
	reg, err := registry(c)
	if err != nil {
		return err
	}
	p, err := reg.Get(*packID)
	if err != nil {
		return &usageError{err.Error()}
	}
	f, err := os.Open(*file)
	if err != nil {
		return usagef("score: %v", err)
	}
	defer f.Close()
	answers, err := assessment.ReadAnswersCSV(p, f)
	var ce *assessment.CSVError
	if errors.As(err, &ce) {
		return usagef("%s: %v", *file, err)
	}
	if err != nil {
		return fmt.Errorf("score: read %s: %w", *file, err)
	}
	res := assessment.Score(p, answers)
	if *format == "json" {
		return json.NewEncoder(m.Stdout).Encode(res)
	}
	m.printScores(p, res)
	return nil
}

func (m *Main) printScores(p *assessment.Pack, res assessment.Result) {
	for _, cs := range res.Categories {
		c, _ := p.Category(cs.ID)
		fmt.Fprintf(m.Stdout, "%-40s %s\n", c.Title.EN, figure(cs.Score, cs.Grade, cs))
	}
	fmt.Fprintf(m.Stdout, "%-40s %s\n", "Total", figure(res.Total.Score, res.Total.Grade, assessment.CategoryScore{Scorable: res.Total.Score != nil}))
}

func figure(score *int, grade *assessment.Grade, cs assessment.CategoryScore) string {
	switch {
	case score != nil:
		return fmt.Sprintf("%3d  %s", *score, *grade)
	case cs.Items > 0 && cs.Answered < cs.Items:
		return fmt.Sprintf("  –  incomplete (%d/%d answered)", cs.Answered, cs.Items)
	case cs.Items > 0:
		return "  –  not scorable (N/A for half or more)"
	}
	return "  –  (needs every category scorable)"
}
