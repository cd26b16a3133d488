package prompts

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// keepFile is the glossary's keep section: names and tokens that pass
// unchanged in both directions.
type keepFile struct {
	Terms    terms         `yaml:"terms"`
	Patterns []keepPattern `yaml:"patterns"`
}

type keepPattern struct {
	Name  string `yaml:"name"`
	Regex string `yaml:"regex"`
}

// keepRule finds one kind of protected token: a product name (matched as a
// whole word, case-insensitively) or a pattern (a model number, an address).
type keepRule struct {
	name string
	re   *regexp.Regexp
}

func compileKeep(k keepFile) ([]keepRule, error) {
	var out []keepRule
	for _, t := range k.Terms {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, errors.New("keep: empty term")
		}
		re := regexp.MustCompile(`(?i)(?:^|[^A-Za-z0-9])(` + regexp.QuoteMeta(t) + `)(?:$|[^A-Za-z0-9])`)
		out = append(out, keepRule{name: t, re: re})
	}
	for _, p := range k.Patterns {
		// Wrapped so that group 1 is the whole match, like a term's.
		re, err := regexp.Compile(`(` + p.Regex + `)`)
		if err != nil {
			return nil, fmt.Errorf("keep: pattern %q: %w", p.Name, err)
		}
		if p.Name == "" {
			return nil, fmt.Errorf("keep: pattern %q has no name", p.Regex)
		}
		out = append(out, keepRule{name: p.Name, re: re})
	}
	return out, nil
}

// Protected lists the tokens of text that a translation must carry over
// unchanged: the glossary's product names, and the model numbers, addresses
// and advisory ids its patterns find. Each distinct token once, in order of
// first appearance. A nil Glossary protects nothing.
func (g *Glossary) Protected(text string) []string {
	if g == nil {
		return nil
	}
	// Placeholders (⟦IP1⟧) stand for masked values; they are not tokens.
	text = placeholderRE.ReplaceAllString(foldWidth(text), " ")
	type hit struct {
		at  int
		tok string
	}
	var hits []hit
	for _, k := range g.keep {
		for _, m := range k.re.FindAllStringSubmatchIndex(text, -1) {
			hits = append(hits, hit{m[2], text[m[2]:m[3]]})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.at - b.at })
	var out []string
	for _, h := range hits {
		if !slices.Contains(out, h.tok) && !coveredBy(out, h.tok) {
			out = append(out, h.tok)
		}
	}
	return out
}

// coveredBy reports whether tok is part of a token already kept (the model
// number inside a URL).
func coveredBy(kept []string, tok string) bool {
	for _, k := range kept {
		if strings.Contains(k, tok) {
			return true
		}
	}
	return false
}

// keepEntries turns the protected tokens of text into glossary entries that
// the prompts show as "keep as written", leaving out tokens that are a term
// of one of the entries already found.
func (g *Glossary) keepEntries(text string, found []GlossaryEntry) []GlossaryEntry {
	var out []GlossaryEntry
	for _, tok := range g.Protected(text) {
		if !isTermOf(tok, found) {
			out = append(out, GlossaryEntry{EN: []string{tok}, JA: []string{tok}, Keep: true})
		}
	}
	return out
}

func isTermOf(tok string, entries []GlossaryEntry) bool {
	for _, e := range entries {
		for _, t := range append(slices.Clone(e.EN), e.JA...) {
			if strings.EqualFold(t, tok) {
				return true
			}
		}
	}
	return false
}

// LostTokens are the protected tokens of source (Protected) that
// translation lacks, compared case-insensitively after folding full-width
// letters.
func (g *Glossary) LostTokens(source, translation string) []string {
	low := strings.ToLower(foldWidth(translation))
	var out []string
	for _, tok := range g.Protected(source) {
		if !strings.Contains(low, strings.ToLower(tok)) {
			out = append(out, tok)
		}
	}
	return out
}
