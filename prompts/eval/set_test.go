package eval

import (
	"math"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/prompts"
)

func mustSet(t *testing.T) []Case {
	t.Helper()
	cases, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func mustGlossary(t *testing.T) *prompts.Glossary {
	t.Helper()
	g, err := prompts.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoadSet_ShipsSixtySentencesBothWaysWithProtectedTokens(t *testing.T) {
	cases := mustSet(t)
	per := map[assessment.Lang]int{}
	keep := 0
	for _, c := range cases {
		per[c.Src]++
		keep += len(c.Keep)
	}
	if len(cases) < 60 || per[assessment.JA] < MinCases || per[assessment.EN] < MinCases {
		t.Errorf("%d sentences (%v), want at least 60 with %d each way", len(cases), per, MinCases)
	}
	if keep < 30 {
		t.Errorf("only %d protected tokens in the set", keep)
	}
}

// The references are the standard the model is measured against: they must
// follow the glossary and keep every protected token themselves.
func TestLoadSet_ReferencesFollowTheGlossaryAndKeepTheTokens(t *testing.T) {
	g := mustGlossary(t)
	terms := 0
	for _, c := range mustSet(t) {
		for _, f := range g.CheckTerms(c.Text, c.Ref, c.Src, c.Dst()) {
			t.Errorf("%s: the reference lacks %q for %q", c.ID, f.Target, f.Source)
		}
		r := score(c, c.Ref, g)
		if len(r.LostTokens) > 0 || r.ChrF != 100 {
			t.Errorf("%s: the reference scores chrF %.1f and loses %v", c.ID, r.ChrF, r.LostTokens)
		}
		terms += r.Terms
	}
	if terms < 100 {
		t.Errorf("only %d glossary terms in the set: it does not exercise the glossary", terms)
	}
}

func TestParseSet_RefusesBadSets(t *testing.T) {
	for name, y := range map[string]string{
		"too few":       "cases:\n  - {id: a, src: ja, text: テスト, ref: Test}\n",
		"bad src":       "cases:\n  - {id: a, src: fr, text: x, ref: y}\n",
		"lost keep":     "cases:\n  - {id: a, src: en, text: S7-1500 PLC, ref: PLC, keep: [S7-1500]}\n",
		"unknown field": "cases:\n  - {id: a, src: en, txt: x, ref: y}\n",
	} {
		if _, err := ParseSet([]byte(y)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestChrF_KnownValues(t *testing.T) {
	tests := []struct {
		hyp, ref string
		want     float64
	}{
		{"同じ文です。", "同じ文です。", 100},
		{"", "reference", 0},
		{"xyz", "abc", 0},
		// Orders 1 and 2 only: F2(1, 2/3) = 10/14, F2(1, 1/2) = 5/9.
		{"ab", "abc", 100 * (10.0/14 + 5.0/9) / 2},
		// Whitespace does not count.
		{"a b", "ab c", 100 * (10.0/14 + 5.0/9) / 2},
	}
	for _, tc := range tests {
		got := newChrfStats(tc.hyp, tc.ref).score()
		if math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("chrF(%q, %q) = %v, want %v", tc.hyp, tc.ref, got, tc.want)
		}
	}
	if s := newChrfStats("工場のファイアウォール", "工場ネットワークのファイアウォール").score(); s <= 50 || s >= 100 {
		t.Errorf("a close Japanese translation scores %.1f", s)
	}
}
