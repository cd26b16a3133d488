package prompts

import (
	"fmt"

	"github.com/otassess/otassess/assessment"
)

// Auto, as a translation source, asks the model to detect each text's
// language.
const Auto assessment.Lang = "auto"

// Other is the detected language of a text that is neither Japanese nor
// English.
const Other assessment.Lang = "other"

// outputLangs lists the languages an answer is written in: Both means
// Japanese and English.
func outputLangs(l assessment.Lang) ([]assessment.Lang, error) {
	switch l {
	case assessment.JA, assessment.EN:
		return []assessment.Lang{l}, nil
	case assessment.Both:
		return []assessment.Lang{assessment.JA, assessment.EN}, nil
	}
	return nil, fmt.Errorf("unsupported language %q (use ja, en or both)", l)
}

// langName is how prompts name a language.
func langName(l assessment.Lang) string {
	switch l {
	case assessment.JA:
		return "Japanese (日本語)"
	case assessment.EN:
		return "English"
	}
	return string(l)
}

// textIn returns t's text in lang (JA or EN).
func textIn(t assessment.Text, lang assessment.Lang) string {
	if lang == assessment.EN {
		return t.EN
	}
	return t.JA
}

// missingLang names the first of langs in which t is blank, or "".
func missingLang(t assessment.Text, langs []assessment.Lang) assessment.Lang {
	for _, l := range langs {
		if isBlank(textIn(t, l)) {
			return l
		}
	}
	return ""
}
