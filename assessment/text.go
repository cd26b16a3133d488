package assessment

import "fmt"

// Lang is a language a participant reads: "ja", "en" or "both".
type Lang string

// The languages otassess speaks. Both means Japanese and English together.
const (
	JA   Lang = "ja"
	EN   Lang = "en"
	Both Lang = "both"
)

// ParseLang reads a language setting; it accepts ja, en and both.
func ParseLang(s string) (Lang, error) {
	switch l := Lang(s); l {
	case JA, EN, Both:
		return l, nil
	}
	return "", fmt.Errorf("unknown language %q (use ja, en or both)", s)
}

// Primary is the single language used where only one fits (Both reads as
// Japanese first).
func (l Lang) Primary() Lang {
	if l == EN {
		return EN
	}
	return JA
}

// Text is a string authored in both languages.
type Text struct {
	JA string `yaml:"ja" json:"ja"`
	EN string `yaml:"en" json:"en"`
}

// In returns the text in lang; for Both it returns the Japanese and English
// texts on separate lines (one of them alone when they are equal).
func (t Text) In(lang Lang) string {
	switch lang {
	case EN:
		return t.EN
	case JA:
		return t.JA
	}
	if t.JA == t.EN {
		return t.JA
	}
	return t.JA + "\n" + t.EN
}

// Inline is In for short labels: with Both, the two texts on one line
// separated by " / ".
func (t Text) Inline(lang Lang) string {
	if lang != Both || t.JA == t.EN {
		return t.In(lang)
	}
	return t.JA + " / " + t.EN
}
