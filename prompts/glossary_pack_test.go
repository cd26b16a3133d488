package prompts

import (
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

func TestGlossary_PairsEveryWordOfTheTermsTable(t *testing.T) {
	terms, err := assessment.LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	entries := mustGlossary(t).Entries()
	for _, term := range terms.Terms {
		if !term.InGlossary() {
			continue
		}
		i := slices.IndexFunc(entries, func(e GlossaryEntry) bool { return strings.EqualFold(e.EN[0], term.EN) })
		if i < 0 {
			t.Errorf("%s: no glossary entry whose preferred English term is %q", term.Concept, term.EN)
			continue
		}
		if got := entries[i].JA[0]; got != term.JA {
			t.Errorf("%s: glossary pairs %q with %q, the terms table with %q", term.Concept, term.EN, got, term.JA)
		}
	}
}

func TestGlossary_CoversTheCoreTermsOfTheField(t *testing.T) {
	g := mustGlossary(t)
	want := map[string]string{
		"OT": "OT", "factory system": "工場システム", "boundary protection": "境界防御",
		"remote access": "リモートアクセス", "two-factor authentication": "二要素認証", "incident": "インシデント",
		"system integrator": "システムインテグレータ", "contractor": "協力会社", "jump server": "踏み台サーバ",
		"business continuity plan": "事業継続計画", "network segmentation": "ネットワークセグメンテーション",
		"network separation": "ネットワーク分離",
	}
	for en, ja := range want {
		got := g.Relevant(en, assessment.EN)
		if len(got) == 0 || !slices.ContainsFunc(got, func(e GlossaryEntry) bool { return e.JA[0] == ja }) {
			t.Errorf("%q: glossary entries %v, want one rendering it as %q", en, got, ja)
		}
	}
	// Segmentation is not separation: each renders as its own term.
	if flags := g.Check("network segmentation", "ネットワーク分離", assessment.EN, assessment.JA); len(flags) == 0 {
		t.Error("network segmentation translated as ネットワーク分離 (separation) is not flagged")
	}
}

func TestMETIPack_EveryGlossaryTermIsRenderedWithItsPair(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	g := mustGlossary(t)
	checked := 0
	for where, text := range p.Texts() {
		for _, f := range g.Check(text.JA, text.EN, assessment.JA, assessment.EN) {
			t.Errorf("%s: the Japanese says %q but the English lacks %q", where, f.Source, f.Target)
		}
		for _, f := range g.Check(text.EN, text.JA, assessment.EN, assessment.JA) {
			t.Errorf("%s: the English says %q but the Japanese lacks %q", where, f.Source, f.Target)
		}
		checked += len(g.Relevant(text.JA, assessment.JA))
	}
	if checked < 100 {
		t.Errorf("only %d glossary terms found in the pack: is the glossary loaded?", checked)
	}
}
