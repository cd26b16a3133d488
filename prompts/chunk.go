package prompts

import (
	"strings"
	"unicode/utf8"
)

// estimateTokens guesses how many tokens s costs, without a tokenizer: a
// quarter of a token per ASCII byte (English runs at about 4 characters per
// token) and one token per other character. For Japanese that is more than
// the chars/3 often quoted: current tokenizers spend 0.7–1.2 tokens per
// kana or kanji, and a chunk that overruns a small local model's context is
// silently truncated, while one that is too small only costs an extra call.
func estimateTokens(s string) int {
	ascii, other := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			ascii++
		} else {
			other++
		}
	}
	return (ascii+3)/4 + other
}

// splitText cuts s into pieces of at most budget estimated tokens, at a
// line break or sentence end when one falls in the second half of a piece,
// and never inside a ⟦…⟧ placeholder.
func splitText(s string, budget int) []string {
	budget = max(budget, 1)
	var out []string
	for estimateTokens(s) > budget {
		cut := prefixWithin(s, budget)
		if soft := softBreak(s[:cut]); soft > cut/2 {
			cut = soft
		}
		// Never cut through a placeholder such as ⟦IP1⟧.
		if open := strings.LastIndex(s[:cut], "⟦"); open > 0 && open > strings.LastIndex(s[:cut], "⟧") {
			cut = open
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// prefixWithin is the byte length of the longest prefix of s (at least one
// rune) whose estimate is within budget.
func prefixWithin(s string, budget int) int {
	ascii, other, end := 0, 0, 0
	for i, r := range s {
		if r < utf8.RuneSelf {
			ascii++
		} else {
			other++
		}
		if (ascii+3)/4+other > budget && end > 0 {
			return end
		}
		end = i + utf8.RuneLen(r)
	}
	return end
}

// softBreak is the byte offset just after the last line break or sentence
// end in s, or 0.
func softBreak(s string) int {
	best := 0
	for _, sep := range []string{"\n", "。", ". ", "！", "？", "! ", "? "} {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	return best
}

// group splits units, in order, into runs whose estimated cost stays within
// budget, except that every run takes at least least units (a last run may
// hold fewer). With least 1, a unit over budget makes a run of its own
// (callers split such units first); with least 2, merging each run of a
// list longer than one always shrinks it.
func group[T any](units []T, cost func(T) int, budget, least int) [][]T {
	var out [][]T
	var cur []T
	used := 0
	for _, u := range units {
		c := cost(u)
		if len(cur) >= least && used+c > budget {
			out = append(out, cur)
			cur, used = nil, 0
		}
		cur = append(cur, u)
		used += c
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
