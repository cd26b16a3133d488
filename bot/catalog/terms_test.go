package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/prompts"
)

func sortedKeys() []string {
	var keys []string
	for k := range sentences {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// The catalogue uses the terms table's word for each concept (issue 16).
func TestCatalog_UsesOneWordPerConcept(t *testing.T) {
	terms, err := assessment.LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range sortedKeys() {
		s := sentences[k]
		for _, m := range terms.Misuses(s.JA, assessment.JA) {
			t.Errorf("%s (ja): %s", k, m)
		}
		for _, m := range terms.Misuses(s.EN, assessment.EN) {
			t.Errorf("%s (en): %s", k, m)
		}
	}
}

var (
	// example is a typed example in 「…」, whose spaces are the syntax.
	example = regexp.MustCompile(`「[^」]*」`)
	// verb is a fmt verb, filled with a Latin word or a number as the bot
	// fills it (a name, an item id, a count).
	verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[sdvqfx%]`)
)

// Japanese sentences set no space between Japanese and Latin words or
// numbers, as written and as filled in; typed examples in 「…」 keep theirs.
func TestCatalog_JapaneseHasNoStraySpaces(t *testing.T) {
	for _, k := range sortedKeys() {
		ja := example.ReplaceAllString(sentences[k].JA, "「例」")
		filled := verb.ReplaceAllString(ja, "X1")
		for _, s := range append(assessment.StraySpaces(ja), assessment.StraySpaces(filled)...) {
			t.Errorf("%s: stray space in %q", k, s)
		}
	}
}

// English sentences hold no Japanese, and Japanese ones no English
// sentence: a reader of one language gets lines in that language only.
func TestCatalog_NoMixedLanguageSentences(t *testing.T) {
	english := regexp.MustCompile(`\b(the|is|are|and|to|of|for|you|your)\b`)
	for _, k := range sortedKeys() {
		s := sentences[k]
		if j := example.ReplaceAllString(s.EN, ""); strings.ContainsFunc(j, isKana) {
			t.Errorf("%s: the English sentence holds Japanese: %q", k, s.EN)
		}
		if m := english.FindString(example.ReplaceAllString(s.JA, "")); m != "" {
			t.Errorf("%s: the Japanese sentence holds English (%q): %q", k, m, s.JA)
		}
	}
}

func isKana(r rune) bool { return r >= 0x3040 && r <= 0x30ff }

// commandSyntax is command syntax inside a sentence (spoc:@contact,
// [lang:ja|en|both], 「…」 examples): words a person types, not prose.
var commandSyntax = regexp.MustCompile(`「[^」]*」|\[[^\]]*\]|\b(?:spoc|lead|assessor|lang|tz|pack|client|site):[A-Za-z0-9@/|_<>.\-]*|\((?:for example|e\.g\.)[^)]*\)|（例：[^）]*）`)

// Every glossary term a sentence uses in one language has its pair in the
// other language's sentence, as the pack's texts have (issue 16).
func TestCatalog_EveryGlossaryTermIsRenderedWithItsPair(t *testing.T) {
	g, err := prompts.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range sortedKeys() {
		ja := commandSyntax.ReplaceAllString(sentences[k].JA, "")
		en := commandSyntax.ReplaceAllString(sentences[k].EN, "")
		for _, f := range g.CheckTerms(ja, en, assessment.JA, assessment.EN) {
			t.Errorf("%s: the Japanese says %q but the English lacks %q", k, f.Source, f.Target)
		}
		for _, f := range g.CheckTerms(en, ja, assessment.EN, assessment.JA) {
			t.Errorf("%s: the English says %q but the Japanese lacks %q", k, f.Source, f.Target)
		}
	}
}
