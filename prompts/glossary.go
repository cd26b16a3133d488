package prompts

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/otassess/otassess/assessment"
)

//go:embed glossary.yaml
var glossaryYAML []byte

// Glossary is a bilingual list of OT terms. It is shown to the model for the
// terms a text contains and checked after every translation. A Glossary is
// immutable once loaded and safe for concurrent use; a nil *Glossary is an
// empty one.
type Glossary struct {
	version string
	entries []GlossaryEntry
	match   []entryMatcher // parallel to entries
	keep    []keepRule
}

// Version identifies the glossary's content; it is part of every
// translation cache key. It is "" for a nil Glossary.
func (g *Glossary) Version() string {
	if g == nil {
		return ""
	}
	return g.version
}

// Entries returns a copy of the glossary's entries.
func (g *Glossary) Entries() []GlossaryEntry {
	if g == nil {
		return nil
	}
	return slices.Clone(g.entries)
}

// GlossaryEntry is one term in both languages. The first term of each
// language is the preferred one; the rest are accepted variants.
type GlossaryEntry struct {
	EN []string `json:"en"`
	JA []string `json:"ja"`
	// Keep marks a name or token found in the text (a product name, a model
	// number, an address) that passes unchanged: EN and JA are that token.
	Keep bool `json:"keep,omitempty"`
}

// Term is the entry's preferred term in lang (Japanese unless lang is EN).
func (e GlossaryEntry) Term(lang assessment.Lang) string {
	if lang == assessment.EN {
		return e.EN[0]
	}
	return e.JA[0]
}

// GlossaryFlag names a glossary term found in a source text whose
// target-language term is missing from the translation.
type GlossaryFlag struct {
	Source string `json:"source"` // preferred term in the source language
	Target string `json:"target"` // preferred term the translation lacks
}

type glossaryFile struct {
	Version string      `yaml:"version"`
	Entries []fileEntry `yaml:"entries"`
	Keep    keepFile    `yaml:"keep"`
}

type fileEntry struct {
	EN terms `yaml:"en"`
	JA terms `yaml:"ja"`
}

// terms reads a YAML scalar or a sequence of scalars.
type terms []string

func (t *terms) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*t = terms{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*t = list
	return nil
}

// LoadGlossary returns the shipped glossary extended by extra YAML documents
// in the same format (version optional). An extra entry whose preferred
// English term equals an existing one replaces it; others are added. With
// extras, Version is the shipped version plus a digest of the extras, so
// cached translations made under another glossary are not reused.
func LoadGlossary(extra ...[]byte) (*Glossary, error) {
	base, err := parseGlossary("glossary.yaml", glossaryYAML)
	if err != nil {
		return nil, err
	}
	if base.Version == "" {
		return nil, errors.New("prompts: load glossary: glossary.yaml: version is empty")
	}
	g := &Glossary{version: base.Version}
	g.merge(base.Entries)
	keep := base.Keep
	if len(extra) > 0 {
		h := sha256.New()
		for i, data := range extra {
			f, err := parseGlossary(fmt.Sprintf("extra glossary %d", i+1), data)
			if err != nil {
				return nil, err
			}
			g.merge(f.Entries)
			keep.Terms = append(keep.Terms, f.Keep.Terms...)
			keep.Patterns = append(keep.Patterns, f.Keep.Patterns...)
			_ = binary.Write(h, binary.BigEndian, uint64(len(data)))
			h.Write(data)
		}
		g.version += "+" + hex.EncodeToString(h.Sum(nil))[:12]
	}
	if g.keep, err = compileKeep(keep); err != nil {
		return nil, fmt.Errorf("prompts: load glossary: %w", err)
	}
	g.match = make([]entryMatcher, len(g.entries))
	for i, e := range g.entries {
		g.match[i] = entryMatcher{en: newTermMatcher(e.EN), ja: newTermMatcher(e.JA)}
	}
	return g, nil
}

func parseGlossary(name string, data []byte) (glossaryFile, error) {
	var f glossaryFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("prompts: load glossary: %s: %w", name, err)
	}
	for i, e := range f.Entries {
		if err := checkTerms(e.EN); err != nil {
			return f, fmt.Errorf("prompts: load glossary: %s: entry %d: en: %w", name, i+1, err)
		}
		if err := checkTerms(e.JA); err != nil {
			return f, fmt.Errorf("prompts: load glossary: %s: entry %d (%s): ja: %w", name, i+1, e.EN[0], err)
		}
	}
	return f, nil
}

func checkTerms(t terms) error {
	if len(t) == 0 {
		return errors.New("no term")
	}
	for _, s := range t {
		if strings.TrimSpace(s) == "" {
			return errors.New("empty term")
		}
	}
	return nil
}

func (g *Glossary) merge(entries []fileEntry) {
	for _, fe := range entries {
		e := GlossaryEntry{EN: trimAll(fe.EN), JA: trimAll(fe.JA)}
		replaced := false
		for i := range g.entries {
			if strings.EqualFold(g.entries[i].EN[0], e.EN[0]) {
				g.entries[i], replaced = e, true
				break
			}
		}
		if !replaced {
			g.entries = append(g.entries, e)
		}
	}
}

func trimAll(t terms) []string {
	out := make([]string, len(t))
	for i, s := range t {
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// Relevant returns the entries whose terms in lang appear in text, in
// glossary order, then a Keep entry for each protected token of text
// (Protected). With Auto (or any language other than JA and EN) both
// languages are searched. A nil Glossary has no entries.
func (g *Glossary) Relevant(text string, lang assessment.Lang) []GlossaryEntry {
	if g == nil {
		return nil
	}
	text = foldWidth(text)
	var out []GlossaryEntry
	for i, e := range g.entries {
		m := g.match[i]
		var hit bool
		switch lang {
		case assessment.EN:
			hit = m.en.in(text)
		case assessment.JA:
			hit = m.ja.in(text)
		default:
			hit = m.en.in(text) || m.ja.in(text)
		}
		if hit {
			out = append(out, e)
		}
	}
	return append(out, g.keepEntries(text, out)...)
}

// Check returns the glossary terms present in source (written in src) whose
// term in dst appears nowhere in translation (CheckTerms), then the
// protected tokens of source that translation lacks (LostTokens), each
// flagged with itself as Target. It returns nil unless src and dst are JA
// and EN in some order.
func (g *Glossary) Check(source, translation string, src, dst assessment.Lang) []GlossaryFlag {
	if !isPair(src, dst) {
		return nil
	}
	flags := g.CheckTerms(source, translation, src, dst)
	for _, tok := range g.LostTokens(source, translation) {
		flags = append(flags, GlossaryFlag{Source: tok, Target: tok})
	}
	return flags
}

func isPair(src, dst assessment.Lang) bool { return isJAorEN(src) && isJAorEN(dst) && src != dst }

// CheckTerms returns the glossary terms present in source (written in src)
// whose term in dst appears nowhere in translation; nil unless src and dst
// are JA and EN in some order.
func (g *Glossary) CheckTerms(source, translation string, src, dst assessment.Lang) []GlossaryFlag {
	if g == nil || !isPair(src, dst) {
		return nil
	}
	source, translation = foldWidth(source), foldWidth(translation)
	var flags []GlossaryFlag
	for i, e := range g.entries {
		from, to := g.match[i].ja, g.match[i].en
		if src == assessment.EN {
			from, to = to, from
		}
		if from.in(source) && !to.in(translation) {
			flags = append(flags, GlossaryFlag{Source: e.Term(src), Target: e.Term(dst)})
		}
	}
	return flags
}

func isJAorEN(l assessment.Lang) bool { return l == assessment.JA || l == assessment.EN }

type entryMatcher struct{ en, ja termMatcher }

// termMatcher finds any of an entry's terms in one language. Acronyms (two
// to six capitals and digits: PLC, IDS, OT) match as whole words as
// written, so "item ids" is not IDS. Other terms made of ASCII only match
// as whole words, case-insensitively, with common English
// endings (PLCs, patches, patched, patching, policies) and with spaces or
// hyphens optional between their words (allow-list, allowlist); other terms
// (Japanese) match as substrings, since Japanese has no word boundaries.
type termMatcher struct {
	word    *regexp.Regexp
	acronym *regexp.Regexp
	subs    []string
}

func newTermMatcher(ts []string) termMatcher {
	var m termMatcher
	var alts, acronyms []string
	for _, t := range ts {
		t = foldWidth(t)
		switch {
		case !isASCII(t):
			m.subs = append(m.subs, t)
		case isAcronym(t):
			acronyms = append(acronyms, regexp.QuoteMeta(t))
		default:
			alts = append(alts, wordPattern(t))
		}
	}
	if len(alts) > 0 {
		m.word = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])(?:` + strings.Join(alts, "|") +
			`)(?:s|es|ed|ing)?(?:$|[^a-z0-9])`)
	}
	if len(acronyms) > 0 {
		// Case matters: "item ids" is not IDS, nor "it" IT.
		m.acronym = regexp.MustCompile(`(?:^|[^A-Za-z0-9])(?:` + strings.Join(acronyms, "|") + `)s?(?:$|[^A-Za-z0-9])`)
	}
	return m
}

// isAcronym is true for a term of two to six capitals and digits (PLC,
// IDS, OT, 2FA), which matches only as written.
func isAcronym(t string) bool {
	if len(t) < 2 || len(t) > 6 {
		return false
	}
	letters := 0
	for _, r := range t {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters > 0
}

// wordPattern quotes an ASCII term, lets spaces and hyphens between its words
// vary, and accepts "ies" for a final "y".
func wordPattern(t string) string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '-' })
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	pat := strings.Join(parts, `[\s-]*`)
	switch {
	case strings.HasSuffix(pat, "y"):
		pat = strings.TrimSuffix(pat, "y") + "(?:y|ie)"
	case strings.HasSuffix(pat, "e"): // re-evaluated, re-evaluating
		pat = strings.TrimSuffix(pat, "e") + "(?:e|ed|ing)"
	}
	return pat
}

func (m termMatcher) in(text string) bool {
	if m.word != nil && m.word.MatchString(text) {
		return true
	}
	if m.acronym != nil && m.acronym.MatchString(text) {
		return true
	}
	for _, s := range m.subs {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldWidth maps full-width ASCII (ＰＬＣ, ＶＬＡＮ) and the ideographic
// space to their ASCII forms, which Japanese text often mixes in.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}
