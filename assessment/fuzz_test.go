package assessment

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParsePack checks that any bytes either parse into a valid pack, which
// scores its own empty answers and parses again from its kept bytes, or
// fail with a *ValidationError naming the file; never a panic.
func FuzzParsePack(f *testing.F) {
	f.Add([]byte(tinyPack))
	f.Add([]byte(metiPack(f).Bytes()))
	f.Add([]byte(strings.Replace(tinyPack, "A question?", "A qu\xbcestion?", 1)))
	f.Add([]byte("id: x\nitems: [{id: 1-1, weight: -1}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePack("fuzz.yaml", data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.HasPrefix(err.Error(), "fuzz.yaml: ") {
				t.Fatalf("err = %v (%T), want a *ValidationError naming the file", err, err)
			}
			return
		}
		Score(p, map[string]Answer{})
		if _, err := ParsePack("again.yaml", p.Bytes()); err != nil {
			t.Fatalf("a parsed pack's bytes do not parse again: %v", err)
		}
	})
}

// FuzzReadAnswersCSV checks that any answers file either reads into answers
// of the pack's items with valid values, or fails with a *CSVError naming a
// line of the file; never a panic.
func FuzzReadAnswersCSV(f *testing.F) {
	p := metiPack(f)
	f.Add("item,answer,comment\n1-1,3,\"yes, yearly\"\n1-2,NA\n1-3,\n")
	f.Add("\ufeffitem,answer\n1-1,2\n1-1,3\n")
	f.Add("item,answer,comment\n1-2,2,\"Pl\xbcant\"\n")
	f.Add("item,answer\n\"1-1\n,2\n")
	f.Fuzz(func(t *testing.T, src string) {
		answers, err := ReadAnswersCSV(p, strings.NewReader(src))
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line < 1 || ce.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("err = %v (%T), want a *CSVError on a line of the file", err, err)
			}
			return
		}
		for id, a := range answers {
			if _, ok := p.Item(id); !ok {
				t.Fatalf("answer for unknown item %q", id)
			}
			if _, err := ParseValue(string(a.Value)); err != nil {
				t.Fatalf("item %s: value %q: %v", id, a.Value, err)
			}
		}
	})
}
