package assessment

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed terms.yaml
var termsYAML []byte

// Term is one concept and the single word each language uses for it
// (terms.yaml). NotJA and NotEN are the words it replaced, which texts in
// that language must not use.
type Term struct {
	Concept string   `yaml:"concept"`
	JA      string   `yaml:"ja"`
	EN      string   `yaml:"en"`
	NotJA   []string `yaml:"not_ja"`
	NotEN   []string `yaml:"not_en"`
	// AllowJA are phrases that contain a replaced word but name another
	// concept (安全上の事故 is a safety accident, not an incident).
	AllowJA []string `yaml:"allow_ja"`
	// Glossary is false for states the bot shows (complete, closed), which
	// are words of otassess rather than of the field; every other concept
	// has a glossary entry pairing JA and EN.
	Glossary *bool  `yaml:"glossary"`
	Why      string `yaml:"why"`
}

// Terms is the table of one word per concept that the pack, the message
// catalogue, the reports and the glossary are checked against.
type Terms struct {
	Terms []Term `yaml:"terms"`
}

// InGlossary reports whether the glossary must pair the term's JA and EN.
func (t Term) InGlossary() bool { return t.Glossary == nil || *t.Glossary }

// Misuse is a word a text uses where the terms table asks for another.
type Misuse struct {
	Found string // the word the text uses
	Want  string // the table's word for the concept
}

func (m Misuse) String() string { return fmt.Sprintf("%q (say %q)", m.Found, m.Want) }

// LoadTerms parses the terms table shipped with otassess.
func LoadTerms() (Terms, error) {
	var t Terms
	dec := yaml.NewDecoder(bytes.NewReader(termsYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return t, fmt.Errorf("assessment: load terms: %w", err)
	}
	for i, term := range t.Terms {
		if term.JA == "" || term.EN == "" || term.Concept == "" {
			return t, fmt.Errorf("assessment: load terms: entry %d needs concept, ja and en", i+1)
		}
	}
	return t, nil
}

// Misuses lists the replaced words that text, written in lang (JA or EN),
// uses. Japanese words match as substrings; English words as whole words,
// case-insensitively, with an optional plural s.
func (t Terms) Misuses(text string, lang Lang) []Misuse {
	var out []Misuse
	for _, term := range t.Terms {
		avoid, want, in := term.NotJA, term.JA, text
		if lang == EN {
			avoid, want = term.NotEN, term.EN
		} else {
			for _, a := range term.AllowJA {
				in = strings.ReplaceAll(in, a, "")
			}
		}
		for _, w := range avoid {
			if found := findWord(in, w, lang); found != "" {
				out = append(out, Misuse{Found: found, Want: want})
			}
		}
	}
	return out
}

func findWord(text, word string, lang Lang) string {
	if lang != EN {
		if strings.Contains(text, word) {
			return word
		}
		return ""
	}
	re := regexp.MustCompile(`(?i)(?:^|[^\pL\pN-])(` + regexp.QuoteMeta(word) + `s?)(?:$|[^\pL\pN-])`)
	if m := re.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// Texts are the texts of a pack a person reads, keyed by where they are
// ("3-5 question", "scale 4", "group g1"): its title and source, the scale
// labels, the categories, each item's question, help, risk, direction and
// report texts, and the group titles. The terms table and the glossary are
// checked against them.
func (p *Pack) Texts() map[string]Text {
	out := map[string]Text{"title": p.Title, "source": p.Source.Text}
	for _, o := range p.Scale {
		out["scale "+string(o.Value)] = o.Label
	}
	for _, c := range p.Categories {
		out["category "+c.ID] = c.Title
		out["category "+c.ID+" short"] = c.Short
	}
	for _, it := range p.Items {
		out[it.ID+" question"] = it.Question
		out[it.ID+" help"] = it.Help
		out[it.ID+" risk"] = it.Risk
		out[it.ID+" direction"] = it.Direction
		out[it.ID+" report topic"] = it.Report.Topic
		out[it.ID+" report risk"] = it.Report.Risk
		out[it.ID+" report direction"] = it.Report.Direction
		out[it.ID+" report good"] = it.Report.Good
	}
	for _, g := range p.Groups {
		out["group "+g.ID] = g.Title
	}
	return out
}
