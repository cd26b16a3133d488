package prompts

import (
	"unicode"
	"unicode/utf8"
)

// foldWord is a word to mask, found as a literal without a regular
// expression, so any configured text (even bytes that are not UTF-8) is
// safe: letters match case-insensitively by Unicode simple case folding,
// as (?i) does in a regexp, and a byte that is not UTF-8 matches only the
// same byte.
type foldWord string

// findAll returns the start and end of every non-overlapping match in text.
func (w foldWord) findAll(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		if n := w.matchAt(text[i:]); n > 0 {
			out = append(out, []int{i, i + n})
			i += n
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// matchAt is the length of the match of w at the start of s, or 0.
func (w foldWord) matchAt(s string) int {
	j := 0
	for k := 0; k < len(w); {
		if j >= len(s) {
			return 0
		}
		wr, wn := utf8.DecodeRuneInString(string(w[k:]))
		sr, sn := utf8.DecodeRuneInString(s[j:])
		if !sameUnit(wr, wn, sr, sn) || wr == utf8.RuneError && wn == 1 && w[k] != s[j] {
			return 0
		}
		k += wn
		j += sn
	}
	return j
}

// sameUnit compares two decoded units: two bytes that are not UTF-8 (the
// caller compares their values) or two runes equal under case folding.
func sameUnit(a rune, an int, b rune, bn int) bool {
	badA, badB := a == utf8.RuneError && an == 1, b == utf8.RuneError && bn == 1
	if badA || badB {
		return badA && badB
	}
	return equalFold(a, b)
}

// equalFold is true when b is in a's case-folding orbit (K, k and the
// Kelvin sign; Σ, σ and ς).
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
