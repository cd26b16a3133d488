package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/prompts"
)

// newModel builds the language model the settings configure, with cache
// as its translation cache, or returns nil when none is configured
// (OTASSESS_MODEL unset or OTASSESS_LLM=off). It makes no network call.
func newModel(c config.Config, cache prompts.Cache) (bot.Model, error) {
	if !c.ModelConfigured() {
		return nil, nil
	}
	glossary, err := loadGlossary(c.Glossary)
	if err != nil {
		return nil, err
	}
	client, err := prompts.NewClient(prompts.Config{
		BaseURL: c.OpenAIBaseURL, APIKey: c.OpenAIKey, Model: c.Model,
		Azure: c.Azure(), AzureAPIVersion: c.OpenAIAPIVersion, Cache: cache,
	})
	if err != nil {
		return nil, usagef("OTASSESS_MODEL / OPENAI_BASE_URL: %v", err)
	}
	return &model{client: client, glossary: glossary, redact: c.RedactWordList(), info: modelInfo(c, glossary)}, nil
}

func loadGlossary(path string) (*prompts.Glossary, error) {
	var extra [][]byte
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, usagef("OTASSESS_GLOSSARY: %v", err)
		}
		if line := assessment.InvalidUTF8Line(b); line > 0 {
			return nil, usagef("OTASSESS_GLOSSARY: %s: line %d is not valid UTF-8; save the file as UTF-8", path, line)
		}
		extra = append(extra, b)
	}
	g, err := prompts.LoadGlossary(extra...)
	if err != nil {
		return nil, usagef("OTASSESS_GLOSSARY: %v", err)
	}
	return g, nil
}

// modelInfo names the endpoint by its kind and host only: never the key,
// nor the URL's path or query, which some gateways use for credentials.
func modelInfo(c config.Config, g *prompts.Glossary) bot.ModelInfo {
	host := "api.openai.com"
	if u, err := url.Parse(c.OpenAIBaseURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	kind := "openai-compatible"
	if c.Azure() {
		kind = "azure-openai"
	}
	return bot.ModelInfo{Engine: kind + " " + host, Model: c.Model, GlossaryVersion: g.Version()}
}

// model adapts *prompts.Client to bot.Model: it converts the types, adds
// the glossary and the configured redaction words, and marks unusable
// answers with bot.ErrModelAnswer.
type model struct {
	client   *prompts.Client
	glossary *prompts.Glossary
	redact   []string
	info     bot.ModelInfo
}

// Info names the engine, model and glossary version.
func (m *model) Info() bot.ModelInfo { return m.info }

func (m *model) words(more []string) []string { return append(slices.Clone(m.redact), more...) }

// Translate translates texts through the cache, in one call for the misses.
func (m *model) Translate(ctx context.Context, req bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	trs, u, err := m.client.Translate(ctx, prompts.TranslateRequest{
		Texts: req.Texts, Source: req.Source, Target: req.Target, Glossary: m.glossary, RedactWords: m.words(req.RedactWords),
	})
	if err != nil {
		return nil, modelUsage(u), modelErr(err)
	}
	out := make([]bot.Translation, len(trs))
	for i, t := range trs {
		out[i] = bot.Translation{Text: t.Text, Source: t.DetectedSource, Cached: t.Cached, CacheKey: t.CacheKey}
		for _, f := range t.GlossaryFlags {
			out[i].Flags = append(out[i].Flags, f.Source+" → "+f.Target)
		}
	}
	return out, modelUsage(u), nil
}

// Summarize summarises messages or a transcript, citing only the pack's items.
func (m *model) Summarize(ctx context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	in := prompts.SummarizeRequest{Lang: req.Lang, Transcript: req.Transcript, Glossary: m.glossary, RedactWords: m.words(req.RedactWords)}
	if req.Pack != nil {
		in.Items = prompts.ItemRefs(req.Pack)
	}
	for _, l := range req.Messages {
		in.Messages = append(in.Messages, prompts.Message{Author: l.Author, At: l.At, Text: l.Text})
	}
	s, u, err := m.client.Summarize(ctx, in)
	if err != nil {
		return bot.Summary{}, modelUsage(u), modelErr(err)
	}
	out := bot.Summary{KeyPoints: s.KeyPoints, Decisions: s.Decisions, OpenQuestions: s.OpenQuestions, ItemIDs: s.ItemIDs}
	for _, a := range s.ActionItems {
		out.ActionItems = append(out.ActionItems, bot.ActionItem{Owner: a.Owner, Task: a.Task, Due: a.Due})
	}
	return out, modelUsage(u), nil
}

// DraftFindings drafts findings in one call, from the ranking, the levels
// and the remarks of req.Input and the grouping of its offline drafts.
func (m *model) DraftFindings(ctx context.Context, req bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	if req.Input.Pack == nil {
		return nil, bot.ModelUsage{}, errors.New("model: draft findings: no pack")
	}
	in := prompts.NewFindingsRequest(req.Input, req.Offline)
	in.Glossary, in.RedactWords = m.glossary, m.words(req.RedactWords)
	fs, u, err := m.client.DraftFindings(ctx, in)
	if err != nil {
		return nil, modelUsage(u), modelErr(err)
	}
	return fs, modelUsage(u), nil
}

// Explain explains an item in plain words, grounded in its help text.
func (m *model) Explain(ctx context.Context, req bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	t, u, err := m.client.Explain(ctx, prompts.ExplainRequest{
		Item: req.Item, Lang: req.Lang, Question: req.Question, Glossary: m.glossary, RedactWords: m.words(req.RedactWords),
	})
	if err != nil {
		return assessment.Text{}, modelUsage(u), modelErr(err)
	}
	return t, modelUsage(u), nil
}

func modelUsage(u prompts.Usage) bot.ModelUsage {
	return bot.ModelUsage{Calls: u.Calls, PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, CacheHits: u.CacheHits}
}

// modelErr marks an unusable answer as bot.ErrModelAnswer; other errors
// (transport, server) pass as they are.
func modelErr(err error) error {
	if errors.Is(err, prompts.ErrBadAnswer) {
		return fmt.Errorf("model: %w: %w", bot.ErrModelAnswer, err)
	}
	return fmt.Errorf("model: %w", err)
}
