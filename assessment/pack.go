package assessment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Pack is a checklist definition: its categories, items, answer scale and
// scoring profile. A Pack returned by ParsePack is valid and must not be
// modified.
type Pack struct {
	ID         string     `yaml:"id" json:"id"`
	Version    string     `yaml:"version" json:"version"`
	Title      Text       `yaml:"title" json:"title"`
	Source     Source     `yaml:"source" json:"source"`
	Scale      []Option   `yaml:"scale" json:"scale"`
	Categories []Category `yaml:"categories" json:"categories"`
	Items      []Item     `yaml:"items" json:"items"`
	Scoring    Scoring    `yaml:"scoring" json:"scoring"`
	// Reference holds optional reference averages per category id, shown
	// beside an engagement's scores in reports.
	Reference map[string]int `yaml:"reference,omitempty" json:"reference,omitempty"`
	// Mappings names other frameworks that items' maps_to entries refer to.
	Mappings []Mapping `yaml:"mappings,omitempty" json:"mappings,omitempty"`
	// Groups declares related items that one finding may cite together;
	// without groups, offline drafts group adjacent items of a category.
	Groups []Group `yaml:"groups,omitempty" json:"groups,omitempty"`
	// MapsFrom declares how older versions' items map onto this version's
	// (versionmap.go). It changes no question or score, so it is left out
	// of the content a pinned version is compared by.
	MapsFrom []VersionMap `yaml:"maps_from,omitempty" json:"maps_from,omitempty"`

	file   string // the name it was parsed from, for messages
	raw    []byte
	sha    string
	byID   map[string]int
	catIdx map[string]int
	group  map[string]int // item id → index in Groups
}

// Source says where a pack comes from, with attribution.
type Source struct {
	Text    Text   `yaml:"text" json:"text"`
	URL     string `yaml:"url,omitempty" json:"url,omitempty"`
	License string `yaml:"license,omitempty" json:"license,omitempty"`
}

// Mapping describes a framework that items map to.
type Mapping struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Option is one answer on the scale: "na" or an implementation level "0".."4".
type Option struct {
	Value  Value   `yaml:"value" json:"value"`
	Factor float64 `yaml:"factor" json:"factor"`
	Label  Text    `yaml:"label" json:"label"`
}

// Category groups items; ID is a short slug and Number the prefix of its item
// ids (category 1 holds items 1-1, 1-2, …).
type Category struct {
	ID     string `yaml:"id" json:"id"`
	Number int    `yaml:"number" json:"number"`
	Title  Text   `yaml:"title" json:"title"`
	// Short is the one-word row label of the executive summary
	// (People, Process, Technology, Supply chain).
	Short Text `yaml:"short" json:"short"`
}

// Item is one checklist question.
type Item struct {
	ID        string   `yaml:"id" json:"id"`
	Category  string   `yaml:"category" json:"category"`
	Weight    int      `yaml:"weight" json:"weight"`
	Key       bool     `yaml:"key,omitempty" json:"key,omitempty"`
	Step      string   `yaml:"step,omitempty" json:"step,omitempty"`
	MapsTo    []string `yaml:"maps_to,omitempty" json:"maps_to,omitempty"`
	Question  Text     `yaml:"question" json:"question"`
	Help      Text     `yaml:"help" json:"help"`
	Risk      Text     `yaml:"risk" json:"risk"`
	Direction Text     `yaml:"direction" json:"direction"`
	// Report holds the item's texts in report style, for findings.
	Report ItemReport `yaml:"report" json:"report"`

	line int
}

// ItemReport is what an item contributes to a finding, written as report
// text: Japanese in である style, English in the third person. Risk and
// Direction are for an improvement; Good says what a level of 3 or more
// shows, and is required of key items (they get good-point findings).
type ItemReport struct {
	// Topic names what the item is about in a few words ("asset
	// inventory"), to open a finding's sentence.
	Topic     Text `yaml:"topic" json:"topic"`
	Risk      Text `yaml:"risk" json:"risk"`
	Direction Text `yaml:"direction" json:"direction"`
	Good      Text `yaml:"good,omitempty" json:"good,omitempty"`
}

// Group is a set of related items (1 to MaxFindingItems, possibly of
// several categories) that a finding may cite together, with a title for
// the finding's opening.
type Group struct {
	ID    string   `yaml:"id" json:"id"`
	Title Text     `yaml:"title" json:"title"`
	Items []string `yaml:"items" json:"items"`
}

// itemFields are the keys an item may have; Node.Decode does not apply the
// decoder's KnownFields, so UnmarshalYAML checks them itself.
var itemFields = map[string]bool{"id": true, "category": true, "weight": true, "key": true, "step": true,
	"maps_to": true, "question": true, "help": true, "risk": true, "direction": true, "report": true}

// UnmarshalYAML records the item's line so validation errors can point at
// it, and rejects unknown keys.
func (it *Item) UnmarshalYAML(n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !itemFields[k.Value] {
			return fmt.Errorf("line %d: field %s not found in an item", k.Line, k.Value)
		}
	}
	type plain Item
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*it = Item(p)
	it.line = n.Line
	return nil
}

// Scoring names the scoring profile and its parameters.
type Scoring struct {
	Profile string `yaml:"profile" json:"profile"`
	// CategoryWeights weighs each category's score in the total.
	CategoryWeights map[string]int `yaml:"category_weights" json:"category_weights"`
}

// ParsePack decodes and validates a pack. name (usually the file name) is
// used in error messages. Unknown fields are errors, so a misspelt field is
// reported rather than silently ignored.
func ParsePack(name string, data []byte) (*Pack, error) {
	if line := InvalidUTF8Line(data); line > 0 {
		return nil, &ValidationError{File: name, Problems: []Problem{{Line: line, Msg: notUTF8}}}
	}
	var p Pack
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, &ValidationError{File: name, Problems: []Problem{{Msg: yamlMessage(err)}}}
	}
	if probs := p.validate(); len(probs) > 0 {
		return nil, &ValidationError{File: name, Problems: probs}
	}
	p.file = name
	p.raw = append([]byte(nil), data...)
	sum := sha256.Sum256(data)
	p.sha = hex.EncodeToString(sum[:])
	p.index()
	return &p, nil
}

func (p *Pack) index() {
	p.byID = make(map[string]int, len(p.Items))
	for i, it := range p.Items {
		p.byID[it.ID] = i
	}
	p.catIdx = make(map[string]int, len(p.Categories))
	for i, c := range p.Categories {
		p.catIdx[c.ID] = i
	}
	p.group = map[string]int{}
	for i, g := range p.Groups {
		for _, id := range g.Items {
			p.group[id] = i
		}
	}
}

// GroupOf returns the declared group an item belongs to.
func (p *Pack) GroupOf(id string) (Group, bool) {
	i, ok := p.group[id]
	if !ok {
		return Group{}, false
	}
	return p.Groups[i], true
}

// Bytes returns the pack's source bytes, which engagements store to pin it.
func (p *Pack) Bytes() []byte { return p.raw }

// SHA256 is the hex digest of the pack's source bytes.
func (p *Pack) SHA256() string { return p.sha }

// Item returns the item with the given id.
func (p *Pack) Item(id string) (Item, bool) {
	i, ok := p.byID[id]
	if !ok {
		return Item{}, false
	}
	return p.Items[i], true
}

// Index is the item's 0-based position in the pack, or -1.
func (p *Pack) Index(id string) int {
	if i, ok := p.byID[id]; ok {
		return i
	}
	return -1
}

// Category returns the category with the given id.
func (p *Pack) Category(id string) (Category, bool) {
	i, ok := p.catIdx[id]
	if !ok {
		return Category{}, false
	}
	return p.Categories[i], true
}

// ItemsIn returns the items of a category in pack order.
func (p *Pack) ItemsIn(category string) []Item {
	var out []Item
	for _, it := range p.Items {
		if it.Category == category {
			out = append(out, it)
		}
	}
	return out
}

// Option returns the scale option for a value.
func (p *Pack) Option(v Value) (Option, bool) {
	for _, o := range p.Scale {
		if o.Value == v {
			return o, true
		}
	}
	return Option{}, false
}

// String names the pack as id@version.
func (p *Pack) String() string { return fmt.Sprintf("%s@%s", p.ID, p.Version) }
