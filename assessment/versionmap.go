package assessment

import (
	"fmt"
	"maps"
	"slices"

	"go.yaml.in/yaml/v3"
)

// VersionMap is a pack's maps_from entry: how the items of an older
// version of the same pack map onto this one, so a re-assessment on this
// version can follow an engagement on that one (last year's answers, its
// open actions and the trend). Items maps an old item id to its new id,
// or to ~ (null) when the item has no counterpart; an old item that is
// not listed keeps its id, which this version must then have. An empty
// Items says the two versions have the same items.
//
//	maps_from:
//	  - version: "2026.1"        # same ids
//	  - version: "2025.2"
//	    items: {"3-5": "3-6", "2-11": ~}
type VersionMap struct {
	Version string            `yaml:"version" json:"version"`
	Items   map[string]string `yaml:"items,omitempty" json:"items,omitempty"`

	line  int
	lines map[string]int // old id → the line it is mapped on
}

// UnmarshalYAML reads an entry, recording its line and each item's, and
// takes ~ as "no counterpart".
func (m *VersionMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a maps_from entry is a mapping with version and items", n.Line)
	}
	*m = VersionMap{line: n.Line, lines: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "version":
			if err := v.Decode(&m.Version); err != nil {
				return err
			}
		case "items":
			if err := m.decodeItems(v); err != nil {
				return err
			}
		default:
			return fmt.Errorf("line %d: field %s not found in a maps_from entry", k.Line, k.Value)
		}
	}
	return nil
}

func (m *VersionMap) decodeItems(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: maps_from items map old item ids to new ones (\"3-5\": \"3-6\", or ~ for none)", n.Line)
	}
	m.Items = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: item %s maps to one item id or ~", v.Line, k.Value)
		}
		if _, dup := m.lines[k.Value]; dup {
			return fmt.Errorf("line %d: item %s is mapped twice", k.Line, k.Value)
		}
		m.lines[k.Value] = k.Line
		if v.Tag != "!!null" {
			m.Items[k.Value] = v.Value
		} else {
			m.Items[k.Value] = ""
		}
	}
	return nil
}

// validateMaps checks what can be checked without the older pack: a
// version other than this one, once; ids that look like ids; targets this
// pack has (items: its item ids), each the target of one old item at most.
func (p *Pack) validateMaps(items map[string]int) []Problem {
	var probs []Problem
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{Line: line, Field: "maps_from", Msg: fmt.Sprintf(format, args...)})
	}
	versions := map[string]bool{}
	for _, m := range p.MapsFrom {
		switch {
		case m.Version == "":
			add(m.line, "an entry needs the version it maps from")
		case m.Version == p.Version:
			add(m.line, "version %s is this pack's own version", m.Version)
		case versions[m.Version]:
			add(m.line, "version %s is mapped twice", m.Version)
		}
		versions[m.Version] = true
		into := map[string]string{}
		for _, old := range slices.Sorted(maps.Keys(m.Items)) {
			line, to := m.lineOf(old), m.Items[old]
			switch {
			case !itemIDPattern.MatchString(old):
				add(line, "%q is not an item id (ids look like 3-5)", old)
			case to == "":
			case !hasKey(items, to):
				add(line, "item %s of %s maps to %s, which this pack does not have", old, m.Version, to)
			case into[to] != "":
				add(line, "items %s and %s of %s both map to %s; an item takes one old answer", into[to], old, m.Version, to)
			}
			if to != "" && into[to] == "" {
				into[to] = old
			}
		}
	}
	return probs
}

func (m VersionMap) lineOf(old string) int {
	if l, ok := m.lines[old]; ok {
		return l
	}
	return m.line
}

// ItemMap carries what an engagement on an older version of a pack holds
// (answers, the items of actions, category results) onto a newer version.
type ItemMap struct {
	fwd  map[string]string // old id → new id
	back map[string]string // new id → old id
	cat  map[string]string // new category → the one old category its mapped items came from
}

// MapFrom is the map from old, an older (or the same) version of this
// pack, onto this one. Another pack, a version this pack declares no
// maps_from for, or a mapping that does not fit old's items is an error
// naming this pack's file and the line to fix.
func (p *Pack) MapFrom(old *Pack) (*ItemMap, error) {
	fail := func(line int, format string, args ...any) error {
		return &ValidationError{File: p.file, Problems: []Problem{{Line: line, Field: "maps_from", Msg: fmt.Sprintf(format, args...)}}}
	}
	if old.ID != p.ID {
		return nil, fmt.Errorf("%s is another pack than %s", old, p)
	}
	if old.Version == p.Version {
		return p.buildMap(old, VersionMap{}, fail)
	}
	for _, m := range p.MapsFrom {
		if m.Version == old.Version {
			return p.buildMap(old, m, fail)
		}
	}
	return nil, fail(0, "%s declares no mapping from version %s; add an entry such as maps_from: [{version: %q, items: {\"3-5\": \"3-6\"}}] (an entry without items keeps every id)",
		p, old.Version, old.Version)
}

// buildMap checks m against old's items and builds the map.
func (p *Pack) buildMap(old *Pack, m VersionMap, fail func(int, string, ...any) error) (*ItemMap, error) {
	im := &ItemMap{fwd: map[string]string{}, back: map[string]string{}, cat: map[string]string{}}
	for _, id := range slices.Sorted(maps.Keys(m.Items)) {
		if old.Index(id) < 0 {
			return nil, fail(m.lineOf(id), "item %s is not in %s", id, old)
		}
	}
	mixed := map[string]bool{}
	for _, it := range old.Items {
		to, listed := m.Items[it.ID]
		if !listed {
			if p.Index(it.ID) < 0 {
				return nil, fail(m.line, "item %s of %s is not in %s: map it to an item of %s, or to ~ if it has no counterpart", it.ID, old, p, p.Version)
			}
			to = it.ID
		}
		if to == "" {
			continue
		}
		if prev, taken := im.back[to]; taken {
			line := m.lineOf(it.ID)
			if !listed {
				line = m.lineOf(prev)
			}
			return nil, fail(line, "items %s and %s of %s both come to %s; map one of them elsewhere or to ~", prev, it.ID, old, to)
		}
		im.fwd[it.ID], im.back[to] = to, it.ID
		newItem, _ := p.Item(to)
		if c, seen := im.cat[newItem.Category]; seen && c != it.Category {
			mixed[newItem.Category] = true
		}
		im.cat[newItem.Category] = it.Category
	}
	for c := range mixed {
		delete(im.cat, c)
	}
	return im, nil
}

// Item is an old item's id in the new version; ok is false when it has no
// counterpart.
func (m *ItemMap) Item(old string) (string, bool) {
	id, ok := m.fwd[old]
	return id, ok
}

// Old is the old id of a new item; ok is false for an item new in this
// version.
func (m *ItemMap) Old(id string) (string, bool) {
	old, ok := m.back[id]
	return old, ok
}

// Items maps old item ids, leaving out those without a counterpart, and
// sorts them.
func (m *ItemMap) Items(old []string) []string {
	var out []string
	for _, id := range old {
		if to, ok := m.fwd[id]; ok && !slices.Contains(out, to) {
			out = append(out, to)
		}
	}
	SortItemIDs(out)
	return out
}

// Category is the old category a new category's results compare with:
// the one all its mapped items came from; ok is false when they came
// from several or none.
func (m *ItemMap) Category(id string) (string, bool) {
	c, ok := m.cat[id]
	return c, ok
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
