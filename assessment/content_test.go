package assessment

import (
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestContentSHA256_SameForReformattedAndExportedPacks(t *testing.T) {
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, err := reg.Get(DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	asJSON, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var y strings.Builder
	enc := yaml.NewEncoder(&y)
	enc.SetIndent(2)
	if err := enc.Encode(p); err != nil {
		t.Fatal(err)
	}
	commented := "# a comment the original lacks\n" + string(p.Bytes())
	for name, data := range map[string][]byte{"json": asJSON, "yaml": []byte(y.String()), "commented": []byte(commented)} {
		q, err := ParsePack(name, data)
		if err != nil {
			t.Fatalf("%s export does not parse: %v", name, err)
		}
		if q.SHA256() == p.SHA256() {
			t.Errorf("%s: the bytes should differ from the source file's", name)
		}
		if !q.SameContent(p) {
			t.Errorf("%s export: content differs from the pack it was exported from", name)
		}
	}
}

func TestContentSHA256_DiffersWhenAnyTextChanges(t *testing.T) {
	base, err := ParsePack("tiny.yaml", []byte(tinyPack))
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range [][2]string{
		{"質問ですか？", "別の質問ですか？"},
		{"factor: 0.4", "factor: 0.45"},
		{"weight: 2", "weight: 3"},
		{"en: Partly}", "en: Partly in place}"},
	} {
		src := strings.Replace(tinyPack, edit[0], edit[1], 1)
		if src == tinyPack {
			t.Fatalf("edit %q did not apply", edit[0])
		}
		q, err := ParsePack("tiny.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if q.SameContent(base) {
			t.Errorf("changing %q to %q left the content digest unchanged", edit[0], edit[1])
		}
	}
}
