package assessment

import (
	"unicode"
	"unicode/utf8"
)

// StraySpaces returns, for each space that sits between a Japanese character
// and a Latin letter or digit (in either order) or between two Japanese
// characters, the text around it, as "MIT ライセンス". Japanese typography
// sets no space there: 「MITライセンス」, 「PLCの設定」, 「です。採点」. A
// Japanese text should have none.
func StraySpaces(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == ' ' && i > 0 && i+size < len(s) {
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+size:])
			if isJapanese(before) && (isLatin(after) || isJapanese(after)) || isLatin(before) && isJapanese(after) {
				out = append(out, snippet(s, i))
			}
		}
		i += size
	}
	return out
}

// isJapanese is true for kana, kanji and Japanese punctuation (、。「」（）…).
func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF0F) || (r >= 0xFF1A && r <= 0xFF20)
}

func isLatin(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// snippet is up to four characters either side of byte offset i.
func snippet(s string, i int) string {
	start, end := i, i+1
	for n := 0; n < 4 && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:start])
		start -= size
	}
	for n := 0; n < 4 && end < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return s[start:end]
}
