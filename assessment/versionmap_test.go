package assessment

import (
	"errors"
	"strings"
	"testing"
)

// versioned is a tiny pack at a version with the given items (id:category
// pairs such as "1-1:org") and a maps_from block (YAML, may be "").
func versioned(t *testing.T, version string, items []string, mapsFrom string) (*Pack, error) {
	t.Helper()
	head, _, _ := strings.Cut(tinyPack, "items:\n")
	head = strings.Replace(head, `version: "1"`, `version: "`+version+`"`, 1)
	head = strings.Replace(head, "  - {id: org, number: 1, title: {ja: 組織, en: Org}, short: {ja: 人, en: People}}",
		"  - {id: org, number: 1, title: {ja: 組織, en: Org}, short: {ja: 人, en: People}}\n  - {id: tech, number: 3, title: {ja: 技術, en: Tech}, short: {ja: 技術, en: Technology}}", 1)
	head = strings.Replace(head, "category_weights: {org: 1}", "category_weights: {org: 1, tech: 1}", 1)
	var b strings.Builder
	b.WriteString(head + mapsFrom + "items:\n")
	for _, it := range items {
		id, cat, _ := strings.Cut(it, ":")
		b.WriteString(`  - id: "` + id + `"
    category: ` + cat + `
    weight: 1
    question: {ja: 質問ですか？, en: "A question?"}
    help: {ja: ヘルプ, en: Help}
    risk: {ja: リスク, en: Risk}
    direction: {ja: 方針, en: Direction}
    report:
      topic: {ja: 題目, en: topic}
      risk: {ja: 影響がある。, en: The plant is exposed.}
      direction: {ja: 対策すべきである。, en: The plant should act.}
`)
	}
	return ParsePack("tiny-"+version+".yaml", []byte(b.String()))
}

func mustVersioned(t *testing.T, version string, items []string, mapsFrom string) *Pack {
	t.Helper()
	p, err := versioned(t, version, items, mapsFrom)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var oldItems = []string{"1-1:org", "1-2:org", "3-1:tech", "3-2:tech"}

func TestMapFrom_RenamedDroppedAndKeptItems(t *testing.T) {
	old := mustVersioned(t, "1", oldItems, "")
	p := mustVersioned(t, "2", []string{"1-1:org", "3-1:tech", "3-2:tech", "3-3:tech"},
		"maps_from:\n  - version: \"1\"\n    items: {\"1-2\": ~, \"3-2\": \"3-3\", \"3-1\": \"3-2\"}\n")
	m, err := p.MapFrom(old)
	if err != nil {
		t.Fatal(err)
	}
	for old, want := range map[string]string{"1-1": "1-1", "3-1": "3-2", "3-2": "3-3", "1-2": ""} {
		got, ok := m.Item(old)
		if got != want || ok != (want != "") {
			t.Errorf("Item(%s) = %q, %v; want %q", old, got, ok, want)
		}
	}
	if o, ok := m.Old("3-1"); ok {
		t.Errorf("3-1 is new in version 2, yet Old gives %q", o)
	}
	if o, _ := m.Old("3-3"); o != "3-2" {
		t.Errorf("Old(3-3) = %q, want 3-2", o)
	}
	if got := m.Items([]string{"3-2", "1-2", "3-1", "1-1"}); strings.Join(got, ",") != "1-1,3-2,3-3" {
		t.Errorf("Items = %v", got)
	}
	if c, ok := m.Category("tech"); !ok || c != "tech" {
		t.Errorf("Category(tech) = %q, %v", c, ok)
	}
}

func TestMapFrom_SameVersionAndEmbeddedPack(t *testing.T) {
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := reg.Get(DefaultPack)
	m, err := p.MapFrom(p)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := m.Item("3-5"); id != "3-5" {
		t.Errorf("the same version maps 3-5 to %q", id)
	}
	older := strings.Replace(string(p.Bytes()), `version: "`+p.Version+`"`, `version: "2026.1"`, 1)
	older = strings.Replace(older, "maps_from:\n  - version: \"2026.1\"\n", "", 1)
	old, err := ParsePack("old.yaml", []byte(older))
	if err != nil {
		t.Fatal(err)
	}
	if m, err = p.MapFrom(old); err != nil {
		t.Fatalf("the embedded pack must follow 2026.1 engagements: %v", err)
	}
	if id, _ := m.Item("2-11"); id != "2-11" {
		t.Errorf("2026.1 item 2-11 maps to %q", id)
	}
}

// TestMapFrom_ErrorsNameFileAndLine: a mapping that is missing or does not
// fit the old version's items is an error naming the pack file, the line
// and the item.
func TestMapFrom_ErrorsNameFileAndLine(t *testing.T) {
	old := mustVersioned(t, "1", oldItems, "")
	newItems := []string{"1-1:org", "3-1:tech", "3-2:tech", "3-3:tech"}
	tests := []struct {
		name, mapsFrom, want string
	}{
		{"no entry", "", `tiny-2.yaml: maps_from: tiny@2 declares no mapping from version 1`},
		{"other version", "maps_from:\n  - version: \"0.9\"\n", `declares no mapping from version 1`},
		{"unmapped item", "maps_from:\n  - version: \"1\"\n", `tiny-2.yaml: line 19: maps_from: item 1-2 of tiny@1 is not in tiny@2: map it to an item of 2, or to ~`},
		{"unknown old item", "maps_from:\n  - version: \"1\"\n    items:\n      \"1-2\": ~\n      \"9-9\": \"3-3\"\n", `tiny-2.yaml: line 22: maps_from: item 9-9 is not in tiny@1`},
		{"two onto one", "maps_from:\n  - version: \"1\"\n    items:\n      \"1-2\": \"3-1\"\n", `tiny-2.yaml: line 21: maps_from: items 1-2 and 3-1 of tiny@1 both come to 3-1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustVersioned(t, "2", newItems, tt.mapsFrom)
			_, err := p.MapFrom(old)
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParsePack_MapsFromDefects are the problems seen without the older
// pack, each with its line.
func TestParsePack_MapsFromDefects(t *testing.T) {
	tests := []struct{ mapsFrom, want string }{
		{"maps_from:\n  - version: \"2\"\n", `line 19: maps_from: version 2 is this pack's own version`},
		{"maps_from:\n  - version: \"1\"\n  - version: \"1\"\n", `line 20: maps_from: version 1 is mapped twice`},
		{"maps_from:\n  - items: {}\n", `maps_from: an entry needs the version it maps from`},
		{"maps_from:\n  - version: \"1\"\n    items:\n      \"1-2\": \"7-7\"\n", `line 21: maps_from: item 1-2 of 1 maps to 7-7, which this pack does not have`},
		{"maps_from:\n  - version: \"1\"\n    items:\n      \"1-2\": \"1-1\"\n      \"3-9\": \"1-1\"\n", `line 22: maps_from: items 1-2 and 3-9 of 1 both map to 1-1`},
		{"maps_from:\n  - version: \"1\"\n    items:\n      abc: \"1-1\"\n", `line 21: maps_from: "abc" is not an item id`},
		{"maps_from:\n  - version: \"1\"\n    old: x\n", `field old not found in a maps_from entry`},
		{"maps_from:\n  - version: \"1\"\n    items: [\"1-1\"]\n", `maps_from items map old item ids to new ones`},
	}
	for _, tt := range tests {
		_, err := versioned(t, "2", []string{"1-1:org", "3-1:tech"}, tt.mapsFrom)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.mapsFrom, err, tt.want)
		}
	}
}

func TestContentSHA256_IgnoresMapsFrom(t *testing.T) {
	a := mustVersioned(t, "2", []string{"1-1:org", "3-1:tech"}, "")
	b := mustVersioned(t, "2", []string{"1-1:org", "3-1:tech"}, "maps_from:\n  - version: \"1\"\n")
	if !a.SameContent(b) {
		t.Error("adding maps_from to a version in use changes its content")
	}
	if len(b.MapsFrom) != 1 || b.MapsFrom[0].Version != "1" {
		t.Errorf("maps_from = %+v", b.MapsFrom)
	}
}

func TestMapFrom_CategoryFromSeveralIsNone(t *testing.T) {
	old := mustVersioned(t, "1", oldItems, "")
	p := mustVersioned(t, "2", []string{"3-1:tech", "3-2:tech", "3-3:tech", "1-1:org"},
		"maps_from:\n  - version: \"1\"\n    items: {\"1-2\": \"3-3\"}\n")
	m, err := p.MapFrom(old)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := m.Category("tech"); ok {
		t.Errorf("tech now holds items of org and tech, yet compares with %q", c)
	}
	if c, ok := m.Category("org"); !ok || c != "org" {
		t.Errorf("Category(org) = %q, %v", c, ok)
	}
}
