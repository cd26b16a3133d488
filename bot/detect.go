package bot

import (
	"unicode"

	"github.com/otassess/otassess/assessment"
)

// LangOther is the detected language of a text in neither Japanese nor
// English (a Thai or Vietnamese comment at an ASEAN site).
const LangOther assessment.Lang = "other"

// DetectLang guesses a text's language from its script, without a model:
// any kana, or more Han characters than Latin letters, is Japanese; Latin
// letters are English; other letters are LangOther. A text without letters
// (numbers, punctuation) has no language: "".
func DetectLang(s string) assessment.Lang {
	var kana, han, latin, other int
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case r < unicode.MaxLatin1 && unicode.IsLetter(r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	switch {
	case kana > 0 || (han > 0 && han >= latin):
		return assessment.JA
	case latin > 0 && latin >= other:
		return assessment.EN
	case other > 0:
		return LangOther
	}
	return ""
}

// TranslationTargets are the languages a text in src is translated into
// for an engagement that reads langs: its other language(s). A text
// already in the only language read needs none.
func TranslationTargets(langs assessment.Lang, src assessment.Lang) []assessment.Lang {
	var out []assessment.Lang
	for _, l := range []assessment.Lang{assessment.JA, assessment.EN} {
		if l != src && (langs == assessment.Both || langs == l) {
			out = append(out, l)
		}
	}
	if src == "" {
		return nil
	}
	return out
}

// TextLang is the language a text is written in when it is Japanese or
// English, else the primary language of fallback (Japanese for both).
func TextLang(s string, fallback assessment.Lang) assessment.Lang {
	if l := DetectLang(s); l == assessment.JA || l == assessment.EN {
		return l
	}
	return fallback.Primary()
}
