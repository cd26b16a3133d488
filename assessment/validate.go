package assessment

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ValidationError lists every problem found in a pack, so its author can fix
// them in one pass.
type ValidationError struct {
	File     string
	Problems []Problem
}

// Problem is one defect in a pack: where it is and what is wrong.
type Problem struct {
	Line  int    // 0 when unknown
	Item  string // item id, when the problem is in an item
	Field string // e.g. "question.en"
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Item != "" {
		fmt.Fprintf(&b, "item %s: ", p.Item)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "%s: ", p.Field)
	}
	b.WriteString(p.Msg)
	return b.String()
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.File + ": " + p.String()
	}
	return strings.Join(lines, "\n")
}

// yamlMessage drops the library's "yaml: " prefix; the rest already names
// the line.
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

var (
	itemIDPattern = regexp.MustCompile(`^[0-9]+-[0-9]+$`)
	slugPattern   = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// ProfileMETISelfcheck is the scoring profile of the public self-diagnosis tool.
const ProfileMETISelfcheck = "meti-selfcheck"

func (p *Pack) validate() []Problem {
	var probs []Problem
	add := func(line int, item, field, format string, args ...any) {
		probs = append(probs, Problem{Line: line, Item: item, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if !slugPattern.MatchString(p.ID) {
		add(0, "", "id", "must be a lowercase slug such as meti-factory, got %q", p.ID)
	}
	if p.Version == "" {
		add(0, "", "version", "is missing")
	}
	checkText := func(item, field string, t Text, line int) {
		if strings.TrimSpace(t.JA) == "" {
			add(line, item, field+".ja", "the Japanese text is missing")
		}
		if strings.TrimSpace(t.EN) == "" {
			add(line, item, field+".en", "the English text is missing")
		}
	}
	checkText("", "title", p.Title, 0)
	checkText("", "source.text", p.Source.Text, 0)
	probs = append(probs, p.validateScale(checkText)...)

	cats := map[string]bool{}
	for _, c := range p.Categories {
		if !slugPattern.MatchString(c.ID) {
			add(0, "", "categories", "category id %q must be a lowercase slug", c.ID)
		}
		if cats[c.ID] {
			add(0, "", "categories", "duplicate category id %q", c.ID)
		}
		cats[c.ID] = true
		checkText("", "categories."+c.ID+".title", c.Title, 0)
		checkText("", "categories."+c.ID+".short", c.Short, 0)
	}
	if len(p.Categories) == 0 {
		add(0, "", "categories", "a pack needs at least one category")
	}

	seen := map[string]int{}
	for _, it := range p.Items {
		if !itemIDPattern.MatchString(it.ID) {
			add(it.line, it.ID, "id", "item ids look like 3-5 (category number, dash, order)")
		}
		if first, dup := seen[it.ID]; dup {
			add(it.line, it.ID, "id", "duplicate item id (first defined on line %d)", first)
		}
		seen[it.ID] = it.line
		if !cats[it.Category] {
			add(it.line, it.ID, "category", "unknown category %q", it.Category)
		}
		if it.Weight <= 0 {
			add(it.line, it.ID, "weight", "must be greater than 0, got %d", it.Weight)
		}
		checkText(it.ID, "question", it.Question, it.line)
		checkText(it.ID, "help", it.Help, it.line)
		checkText(it.ID, "risk", it.Risk, it.line)
		checkText(it.ID, "direction", it.Direction, it.line)
		probs = append(probs, checkItemReport(it)...)
	}
	if len(p.Items) == 0 {
		add(0, "", "items", "a pack needs at least one item")
	}
	for _, c := range p.Categories {
		if !hasItemIn(p.Items, c.ID) {
			add(0, "", "categories", "category %q has no items", c.ID)
		}
	}
	probs = append(probs, p.validateGroups(seen)...)
	probs = append(probs, p.validateMaps(seen)...)
	return append(probs, p.validateScoring(cats)...)
}

func hasItemIn(items []Item, cat string) bool {
	for _, it := range items {
		if it.Category == cat {
			return true
		}
	}
	return false
}

func (p *Pack) validateScale(checkText func(item, field string, t Text, line int)) []Problem {
	var probs []Problem
	seen := map[Value]bool{}
	for _, o := range p.Scale {
		if _, err := ParseValue(string(o.Value)); err != nil {
			probs = append(probs, Problem{Field: "scale", Msg: err.Error()})
		}
		if seen[o.Value] {
			probs = append(probs, Problem{Field: "scale", Msg: fmt.Sprintf("value %q appears twice", o.Value)})
		}
		seen[o.Value] = true
		if o.Factor < 0 || o.Factor > 1 {
			probs = append(probs, Problem{Field: "scale." + string(o.Value) + ".factor", Msg: fmt.Sprintf("must be between 0 and 1, got %v", o.Factor)})
		}
		checkText("", "scale."+string(o.Value)+".label", o.Label, 0)
	}
	if !seen[NA] {
		probs = append(probs, Problem{Field: "scale", Msg: "the scale needs an na (not applicable) option"})
	}
	for _, l := range Levels {
		if !seen[l] {
			probs = append(probs, Problem{Field: "scale", Msg: fmt.Sprintf("the scale needs level %s", l)})
		}
	}
	return probs
}

func (p *Pack) validateScoring(cats map[string]bool) []Problem {
	var probs []Problem
	if p.Scoring.Profile != ProfileMETISelfcheck {
		probs = append(probs, Problem{Field: "scoring.profile", Msg: fmt.Sprintf("unknown profile %q (supported: %s)", p.Scoring.Profile, ProfileMETISelfcheck)})
	}
	for _, c := range p.Categories {
		if w, ok := p.Scoring.CategoryWeights[c.ID]; !ok || w <= 0 {
			probs = append(probs, Problem{Field: "scoring.category_weights." + c.ID, Msg: "needs a weight greater than 0"})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.Scoring.CategoryWeights)) {
		if !cats[id] {
			probs = append(probs, Problem{Field: "scoring.category_weights." + id, Msg: "names an unknown category"})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.Reference)) {
		if !cats[id] {
			probs = append(probs, Problem{Field: "reference." + id, Msg: "names an unknown category"})
		}
	}
	return probs
}
