package eval

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/otassess/otassess/assessment"
)

//go:embed translate_set.yaml
var setYAML []byte

// MinCases is the least number of sentences a test set holds in each
// direction.
const MinCases = 30

// Case is one sentence of the test set, its language, the reference
// translation into the other language and the tokens that must pass
// unchanged.
type Case struct {
	ID   string          `yaml:"id" json:"id"`
	Src  assessment.Lang `yaml:"src" json:"src"`
	Text string          `yaml:"text" json:"text"`
	Ref  string          `yaml:"ref" json:"ref"`
	Keep []string        `yaml:"keep,omitempty" json:"keep,omitempty"`
}

// Dst is the language the case is translated into.
func (c Case) Dst() assessment.Lang {
	if c.Src == assessment.JA {
		return assessment.EN
	}
	return assessment.JA
}

// LoadSet returns the test set shipped with otassess.
func LoadSet() ([]Case, error) { return ParseSet(setYAML) }

// ParseSet reads and checks a test set: unique ids, ja or en sources, a
// text and a reference each, every keep token present in both, and at
// least MinCases sentences in each direction.
func ParseSet(data []byte) ([]Case, error) {
	var f struct {
		Cases []Case `yaml:"cases"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("eval: test set: %w", err)
	}
	seen := map[string]bool{}
	per := map[assessment.Lang]int{}
	for _, c := range f.Cases {
		if err := c.check(seen); err != nil {
			return nil, fmt.Errorf("eval: test set: %w", err)
		}
		per[c.Src]++
	}
	if per[assessment.JA] < MinCases || per[assessment.EN] < MinCases {
		return nil, fmt.Errorf("eval: test set: %d ja→en and %d en→ja sentences, want at least %d each", per[assessment.JA], per[assessment.EN], MinCases)
	}
	return f.Cases, nil
}

func (c Case) check(seen map[string]bool) error {
	switch {
	case c.ID == "" || seen[c.ID]:
		return fmt.Errorf("case %q: id missing or repeated", c.ID)
	case c.Src != assessment.JA && c.Src != assessment.EN:
		return fmt.Errorf("case %s: src must be ja or en, got %q", c.ID, c.Src)
	case strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Ref) == "":
		return fmt.Errorf("case %s: text and ref are both needed", c.ID)
	}
	seen[c.ID] = true
	for _, k := range c.Keep {
		if !strings.Contains(c.Text, k) || !strings.Contains(c.Ref, k) {
			return fmt.Errorf("case %s: keep token %q must appear in both text and ref", c.ID, k)
		}
	}
	return nil
}
