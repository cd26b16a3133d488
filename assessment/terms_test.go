package assessment

import (
	"strings"
	"testing"
)

func TestTerms_TableLoadsAndEachConceptHasOneWord(t *testing.T) {
	terms, err := LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, term := range terms.Terms {
		for _, w := range []string{"ja:" + term.JA, "en:" + strings.ToLower(term.EN)} {
			if other, dup := seen[w]; dup {
				t.Errorf("%s names two concepts: %q and %q", w, other, term.Concept)
			}
			seen[w] = term.Concept
		}
		if strings.TrimSpace(term.Why) == "" {
			t.Errorf("%s: say why this word was chosen", term.Concept)
		}
	}
	for _, term := range terms.Terms {
		for _, w := range term.NotJA {
			if c, ok := seen["ja:"+w]; ok {
				t.Errorf("%q is both avoided (%s) and chosen (%s)", w, term.Concept, c)
			}
		}
	}
}

func TestTerms_MisusesFindsReplacedWords(t *testing.T) {
	terms, err := LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		lang Lang
		want string // "" for none
	}{
		{"セルフアセスメントが完了しました。", JA, "セルフアセスメント"},
		{"自己診断が完了しました。", JA, ""},
		{"BCPにサイバー事故のシナリオを加える", JA, "事故"},
		{"Appoint a consultant for each plant", EN, "consultant"},
		{"Ask the assessors", EN, ""},
		{"a maintenance subcontractor", EN, "subcontractor"},
		{"a maintenance contractor", EN, ""},
		{"after the Reassessment", EN, "Reassessment"},
		{"run reassess 3-5 1", EN, ""},
	}
	for _, tc := range tests {
		got := terms.Misuses(tc.text, tc.lang)
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q: misuses %v, want none", tc.text, got)
		case tc.want != "" && (len(got) == 0 || got[0].Found != tc.want):
			t.Errorf("%q: misuses %v, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMETIPack_UsesOneWordPerConcept(t *testing.T) {
	terms, err := LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	p := mustMETIPack(t)
	for where, text := range p.Texts() {
		for _, m := range terms.Misuses(text.JA, JA) {
			t.Errorf("%s (ja): %s", where, m)
		}
		for _, m := range terms.Misuses(text.EN, EN) {
			t.Errorf("%s (en): %s", where, m)
		}
	}
}

func mustMETIPack(t *testing.T) *Pack {
	t.Helper()
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, err := reg.Get(DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStraySpaces_FindsSpacesBetweenJapaneseAndLatin(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"採点方式は MIT ライセンスで", 2},
		{"採点方式はMITライセンスで", 0},
		{"VLAN の設計書", 1},
		{"3-5 は 0 に再評価", 3},
		{"編集したものです。 採点方式は", 1},
		{"証跡の例：会議資料、予算申請書", 0},
		{"All of that, and more", 0},
		{"（© 2023 Hiroshi Sasaki / 名古屋工業大学）", 0},
	}
	for _, tc := range tests {
		if got := StraySpaces(tc.in); len(got) != tc.want {
			t.Errorf("StraySpaces(%q) = %q, want %d", tc.in, got, tc.want)
		}
	}
}

func TestMETIPack_JapaneseHasNoStraySpaces(t *testing.T) {
	for where, text := range mustMETIPack(t).Texts() {
		for _, s := range StraySpaces(text.JA) {
			t.Errorf("%s: stray space in %q", where, s)
		}
	}
}
