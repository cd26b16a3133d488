package engine

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// FuzzParseInput checks the chat parser on any text: no panic; an answer
// has a valid level; a text whose first word (ended by any whitespace) is
// a level is an answer; the comment and the rest are trimmed.
func FuzzParseInput(f *testing.F) {
	for _, s := range []string{"3", "2 we patch monthly", "2\nreviewed yearly", "na\tno PLC", "goto\n3-5", "該当なし",
		"３　年1回", "5\nx", "skp", "note 3-5\nmy note", "\xbc2", "2\xbc", " \u2028 2\u00a0x", "?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := parseInput(s)
		if in.comment != strings.TrimSpace(in.comment) || in.rest != strings.TrimSpace(in.rest) {
			t.Fatalf("parseInput(%q): untrimmed comment %q or rest %q", s, in.comment, in.rest)
		}
		if in.kind == inAnswer {
			if _, err := assessment.ParseValue(string(in.value)); err != nil {
				t.Fatalf("parseInput(%q): answer with a bad level %q", s, in.value)
			}
		}
		fields := strings.FieldsFunc(norm.NFKC.String(s), unicode.IsSpace)
		if len(fields) > 0 {
			if _, err := assessment.ParseValue(strings.ToLower(fields[0])); err == nil && in.kind != inAnswer {
				t.Fatalf("parseInput(%q) = kind %d; the first word %q is a level", s, in.kind, fields[0])
			}
		}
	})
}

// FuzzDecodePress checks that any button value decodes or is refused, and
// that what decodes encodes back to the same press.
func FuzzDecodePress(f *testing.F) {
	f.Add(bot.EncodePress(&bot.Question{Engagement: "ab12", Item: "3-5", Serial: 42}, "na"))
	f.Add("a:b:x:2")
	f.Add("::::")
	f.Fuzz(func(t *testing.T, v string) {
		pr, err := bot.DecodePress(v)
		if err != nil {
			return
		}
		again, err := bot.DecodePress(bot.EncodePress(&bot.Question{Engagement: pr.Engagement, Item: pr.Item, Serial: pr.Serial}, pr.Value))
		if err != nil || *again != *pr {
			t.Fatalf("DecodePress(%q) = %+v; encoded again it decodes to %+v, %v", v, pr, again, err)
		}
	})
}
