package eval

import (
	"strings"
	"unicode"
)

// chrF parameters, as sacreBLEU's defaults (chrF2): character n-grams of
// orders 1 to 6, recall weighted twice as much as precision, whitespace
// ignored. Character n-grams suit Japanese, which has no spaces.
const (
	chrfOrder = 6
	chrfBeta  = 2.0
)

// chrfStats holds, for each order n, the n-grams of the hypothesis, of the
// reference and those they share. Stats of several sentences add up to the
// corpus statistics.
type chrfStats [chrfOrder][3]int // hyp, ref, match

func newChrfStats(hyp, ref string) chrfStats {
	h, r := chrfRunes(hyp), chrfRunes(ref)
	var s chrfStats
	for n := 1; n <= chrfOrder; n++ {
		hg, rg := ngrams(h, n), ngrams(r, n)
		match := 0
		for g, c := range hg {
			match += min(c, rg[g])
		}
		s[n-1] = [3]int{max(len(h)-n+1, 0), max(len(r)-n+1, 0), match}
	}
	return s
}

func (s *chrfStats) add(o chrfStats) {
	for n := range s {
		for i := range s[n] {
			s[n][i] += o[n][i]
		}
	}
}

// score is chrF on 0–100: the F-beta of each order whose hypothesis and
// reference both have n-grams, averaged over those orders (sacreBLEU 2's
// effective order); 0 when there are none.
func (s chrfStats) score() float64 {
	sum, orders := 0.0, 0
	for _, st := range s {
		hyp, ref, match := st[0], st[1], st[2]
		if hyp == 0 || ref == 0 {
			continue
		}
		orders++
		p, r := float64(match)/float64(hyp), float64(match)/float64(ref)
		if d := chrfBeta*chrfBeta*p + r; d > 0 {
			sum += (1 + chrfBeta*chrfBeta) * p * r / d
		}
	}
	if orders == 0 {
		return 0
	}
	return 100 * sum / float64(orders)
}

func chrfRunes(s string) []rune {
	return []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

func ngrams(rs []rune, n int) map[string]int {
	out := map[string]int{}
	for i := 0; i+n <= len(rs); i++ {
		out[string(rs[i:i+n])]++
	}
	return out
}
