package prompts

import (
	"strings"
	"testing"
)

func TestEstimateTokens(t *testing.T) {
	for s, want := range map[string]int{
		"":                       0,
		"abcd":                   1,
		"abcde":                  2,
		"ゾーン":                    3,
		"PLCとHMI":                3, // 6 ASCII bytes → 2, plus one kana
		strings.Repeat("a", 400): 100,
	} {
		if got := estimateTokens(s); got != want {
			t.Errorf("estimateTokens(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestSplitText_PiecesFitAndRejoin(t *testing.T) {
	texts := []string{
		strings.Repeat("制御ネットワークの境界にファイアウォールがない。", 20),
		strings.Repeat("The historian is reachable from the office LAN. ", 30),
		strings.Repeat("x", 1000),
	}
	for _, s := range texts {
		pieces := splitText(s, 50)
		if strings.Join(pieces, "") != s {
			t.Fatal("pieces do not rejoin to the text")
		}
		for _, p := range pieces {
			if estimateTokens(p) > 50 {
				t.Errorf("piece of %d tokens over budget 50", estimateTokens(p))
			}
		}
		if len(pieces) < 2 {
			t.Errorf("a long text was not split")
		}
	}
	// No piece ends inside a placeholder.
	for _, p := range splitText(strings.Repeat("host ⟦HOST12⟧ down ", 40), 20) {
		if strings.Count(p, "⟦") != strings.Count(p, "⟧") {
			t.Errorf("piece %q cuts a placeholder", p)
		}
	}
	// Japanese splits after a sentence end when one is near.
	if p := splitText(strings.Repeat("あいうえお。", 20), 50)[0]; !strings.HasSuffix(p, "。") {
		t.Errorf("first piece %q does not end at a sentence", p)
	}
}

func TestGroup_RespectsBudgetAndMinimum(t *testing.T) {
	cost := func(n int) int { return n }
	got := group([]int{3, 3, 3, 9, 1}, cost, 6, 1)
	if len(got) != 4 || len(got[0]) != 2 || got[2][0] != 9 {
		t.Errorf("group least 1 = %v, want [[3 3] [3] [9] [1]]", got)
	}
	// With least 2 every group but the last holds two or more, even over
	// budget, so merging always makes progress.
	pairs := group([]int{9, 9, 9, 9, 9}, cost, 6, 2)
	for _, g := range pairs[:len(pairs)-1] {
		if len(g) < 2 {
			t.Errorf("group least 2 = %v has a lone unit", pairs)
		}
	}
	if len(pairs) != 3 {
		t.Errorf("group least 2 = %v, want 3 groups", pairs)
	}
}
