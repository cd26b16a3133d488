package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/otassess/otassess/assessment"
)

// levelWords are the common ways people write a level in words, besides the
// labels the pack's scale shows, in the folded form of foldLabel. The
// scale's meaning is fixed (design §2), so they hold for every pack.
var levelWords = map[assessment.Value][]string{
	assessment.NA: {"該当しない", "該当なし", "該当せず", "対象外", "非該当", "適用外", "na",
		"notapplicable", "notrelevant", "doesnotapply"},
	"0": {"実施していない", "実施していません", "未実施", "実施なし", "未対応", "notinplace", "notimplemented", "notdone"},
	"1": {"一部で実施している", "一部実施", "一部実施している", "一部実施しています", "一部実施済み", "一部のみ実施",
		"部分的に実施", "部分的に実施している", "partlyinplace", "partiallyinplace", "partly", "partially",
		"partlyimplemented", "partiallyimplemented", "partial"},
	"2": {"実施している", "実施しています", "実施済み", "実施済", "inplace", "implemented"},
}

// foldLabel is the form typed labels are compared in: NFKC (full-width
// letters, half-width kana), lower case, without spaces, punctuation or
// brackets, so 「該当しない。」, "Not applicable" and "N/A" match their
// labels however they are typed.
func foldLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, norm.NFKC.String(s))
}

// labelIndex maps every folded label and variant to its value.
func labelIndex(p *assessment.Pack) map[string]assessment.Value {
	idx := map[string]assessment.Value{}
	for v, words := range levelWords {
		for _, w := range words {
			idx[w] = v
		}
	}
	for _, o := range p.Scale {
		for _, l := range []string{o.Label.JA, o.Label.EN} {
			if f := foldLabel(l); f != "" {
				idx[f] = o.Value
			}
		}
	}
	return idx
}

// typedLevel reads text that is a level written in words: a label of the
// pack's scale in either language or a common variant, alone or followed by
// a comment after a separator ("一部実施、USBのみ管理", "Partly: only line A").
func typedLevel(p *assessment.Pack, text string) (assessment.Value, string, bool) {
	idx := labelIndex(p)
	if v, ok := idx[foldLabel(text)]; ok {
		return v, "", true
	}
	head, rest, found := cutLabel(text)
	if !found {
		return "", "", false
	}
	if v, ok := idx[foldLabel(head)]; ok {
		return v, rest, true
	}
	return "", "", false
}

// cutLabel splits text at its first separator: a comma, a colon or a
// Japanese comma or full stop. A space is no separator: "Partly because of
// the budget" is a comment, not level 1.
func cutLabel(text string) (string, string, bool) {
	text = strings.TrimSpace(norm.NFKC.String(text))
	i := strings.IndexAny(text, "、,:。")
	if i < 0 {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(text[i:])
	return text[:i], strings.TrimSpace(text[i+size:]), true
}

// withoutLabel drops a comment that only repeats the label of the value it
// came with ("2 実施している"), so no empty comment is stored.
func withoutLabel(p *assessment.Pack, v assessment.Value, comment string) string {
	if comment == "" {
		return ""
	}
	if w, ok := labelIndex(p)[foldLabel(comment)]; ok && w == v {
		return ""
	}
	return comment
}
