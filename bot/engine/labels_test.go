package engine

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

// fullWidth writes ASCII letters, digits and punctuation full-width, as a
// Japanese input method in full-width mode does.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r + 0xFEE0
		}
		return r
	}, s)
}

func TestTypedLevel_EveryLabelOfTheScaleInBothLanguagesAndWidths(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	for _, o := range p.Scale {
		for _, typed := range []string{o.Label.JA, o.Label.EN, strings.ToUpper(o.Label.EN), fullWidth(o.Label.EN),
			"「" + o.Label.JA + "」", o.Label.JA + "。", " " + o.Label.EN + ". "} {
			v, comment, ok := typedLevel(p, typed)
			if !ok || v != o.Value || comment != "" {
				t.Errorf("typedLevel(%q) = %q %q %v, want %s", typed, v, comment, ok, o.Value)
			}
		}
	}
}

func TestTypedLevel_CommonVariantsAndComments(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	tests := []struct {
		typed   string
		want    assessment.Value // "" for not a level
		comment string
	}{
		{"該当なし", assessment.NA, ""},
		{"対象外", assessment.NA, ""},
		{"対象外です", "", ""}, // a sentence, kept as a comment
		{"N/A", assessment.NA, ""},
		{"Ｎ／Ａ", assessment.NA, ""},
		{"n.a.", assessment.NA, ""},
		{"not applicable", assessment.NA, ""},
		{"未実施", "0", ""},
		{"実施していません", "0", ""},
		{"Not implemented", "0", ""},
		{"一部実施", "1", ""},
		{"一部実施、USBメモリのみ管理しています", "1", "USBメモリのみ管理しています"},
		{"Partly: only line A", "1", "only line A"},
		{"partially", "1", ""},
		{"Partly because of the budget", "", ""},
		{"実施済み", "2", ""},
		{"ｉｎ ｐｌａｃｅ", "2", ""},
		{"ファイアウォールはありません", "", ""},
		{"we have no firewall", "", ""},
	}
	for _, tc := range tests {
		v, comment, ok := typedLevel(p, tc.typed)
		if ok != (tc.want != "") || v != tc.want || comment != tc.comment {
			t.Errorf("typedLevel(%q) = %q %q %v, want %q %q", tc.typed, v, comment, ok, tc.want, tc.comment)
		}
	}
}

func TestWithoutLabel_DropsACommentThatRepeatsTheLabel(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	if got := withoutLabel(p, "2", "実施している"); got != "" {
		t.Errorf("2 実施している kept the comment %q", got)
	}
	if got := withoutLabel(p, "2", "一部実施"); got != "一部実施" {
		t.Errorf("a label of another level is a real comment, got %q", got)
	}
}

func TestParseInput_NotSurePhrases(t *testing.T) {
	for _, s := range []string{"not sure", "Not sure.", "I'm not sure", "わかりません", "分かりません", "不明"} {
		if in := parseInput(s); in.kind != inCommand || in.cmd != "unsure" {
			t.Errorf("parseInput(%q) = kind %d cmd %q, want unsure", s, in.kind, in.cmd)
		}
	}
	if in := parseInput("不明な機器が2台ある"); in.kind != inComment {
		t.Errorf("a sentence starting with 不明 is a comment, got kind %d", in.kind)
	}
}
