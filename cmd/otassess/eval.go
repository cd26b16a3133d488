package main

import (
	"context"
	"encoding/json"
	"flag"

	"github.com/otassess/otassess/prompts"
	"github.com/otassess/otassess/prompts/eval"
)

// eval runs `otassess eval translate`: the shipped bilingual test set
// through the configured model, with the configured glossary.
func (m *Main) eval(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "translate" {
		return usagef("eval: say translate [--format text|json] [--batch N] [--worst N]")
	}
	fs := flag.NewFlagSet("eval translate", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	batch := fs.Int("batch", 10, "sentences per model call")
	worst := fs.Int("worst", 5, "worst sentences to show")
	pos, err := m.flags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 || (*format != "text" && *format != "json") || *batch < 1 || *worst < 0 {
		return usagef("eval translate: takes no arguments; --format is text or json, --batch at least 1, --worst at least 0")
	}
	rep, err := m.runEval(ctx, *batch, *worst)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return eval.WriteText(m.Stdout, rep)
}

// runEval builds the configured model without a translation cache (every
// sentence must reach the model) and runs the test set through it.
func (m *Main) runEval(ctx context.Context, batch, worst int) (eval.Report, error) {
	c, err := m.settings("")
	if err != nil {
		return eval.Report{}, err
	}
	if !c.ModelConfigured() {
		return eval.Report{}, usagef("eval translate: no language model is configured (set OTASSESS_MODEL, and OPENAI_BASE_URL for a model other than OpenAI's; OTASSESS_LLM must not be off)")
	}
	g, err := loadGlossary(c.Glossary)
	if err != nil {
		return eval.Report{}, err
	}
	client, err := prompts.NewClient(prompts.Config{
		BaseURL: c.OpenAIBaseURL, APIKey: c.OpenAIKey, Model: c.Model,
		Azure: c.Azure(), AzureAPIVersion: c.OpenAIAPIVersion,
	})
	if err != nil {
		return eval.Report{}, usagef("OTASSESS_MODEL / OPENAI_BASE_URL: %v", err)
	}
	cases, err := eval.LoadSet()
	if err != nil {
		return eval.Report{}, err
	}
	info := modelInfo(c, g)
	return eval.Run(ctx, client, info.Model+" ("+info.Engine+")", cases, eval.Options{Glossary: g, Batch: batch, Worst: worst})
}
