package engine

import (
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

func TestParseInput_Table(t *testing.T) {
	tests := []struct {
		in      string
		kind    inputKind
		value   assessment.Value
		cmd     string
		comment string
	}{
		{"3", inAnswer, "3", "", ""},
		{"３", inAnswer, "3", "", ""},
		{"NA", inAnswer, assessment.NA, "", ""},
		{"該当なし", inAnswer, assessment.NA, "", ""},
		{"2 we patch monthly", inAnswer, "2", "", "we patch monthly"},
		{"2\nreviewed yearly", inAnswer, "2", "", "reviewed yearly"},
		{"2\r\n\treviewed yearly\nby the lead", inAnswer, "2", "", "reviewed yearly\nby the lead"},
		{"na\tno PLC here", inAnswer, assessment.NA, "", "no PLC here"},
		{"３　年1回見直し", inAnswer, "3", "", "年1回見直し"},
		{"5\nreviewed", inBadNumber, "", "", ""},
		{"5", inBadNumber, "", "", ""},
		{"-1", inBadNumber, "", "", ""},
		{"2.5", inBadNumber, "", "", ""},
		{"back", inCommand, "", "back", ""},
		{"BACK", inCommand, "", "back", ""},
		{"戻る", inCommand, "", "back", ""},
		{"わからない", inCommand, "", "unsure", ""},
		{"状況", inCommand, "", "status", ""},
		{"ヘルプ", inCommand, "", "help", ""},
		{"goto 3-5", inCommand, "", "goto", ""},
		{"goto\n3-5", inCommand, "", "goto", ""},
		{"skp", inDidYouMean, "", "skip", ""},
		{"stauts", inDidYouMean, "", "status", ""},
		{"bakc", inDidYouMean, "", "back", ""},
		{"we have no firewall", inComment, "", "", "we have no firewall"},
		{"ファイアウォールはありません", inComment, "", "", "ファイアウォールはありません"},
		{"hello", inComment, "", "", "hello"},
	}
	for _, tc := range tests {
		got := parseInput(tc.in)
		if got.kind != tc.kind || got.value != tc.value || got.cmd != tc.cmd || got.comment != tc.comment {
			t.Errorf("parseInput(%q) = kind %d value %q cmd %q comment %q; want kind %d value %q cmd %q comment %q",
				tc.in, got.kind, got.value, got.cmd, got.comment, tc.kind, tc.value, tc.cmd, tc.comment)
		}
	}
}

func TestCutWord_AnyWhitespaceEndsTheWord(t *testing.T) {
	for _, s := range []string{"3-5 my note", "3-5\nmy note", " 3-5\t\r\nmy note "} {
		if w, rest, ok := bot.CutWord(s); w != "3-5" || rest != "my note" || !ok {
			t.Errorf("bot.CutWord(%q) = %q, %q, %v", s, w, rest, ok)
		}
	}
	if w, rest, ok := bot.CutWord(" 3-5 "); w != "3-5" || rest != "" || ok {
		t.Errorf("cutWord of one word = %q, %q, %v", w, rest, ok)
	}
}

func TestEditDistanceOne(t *testing.T) {
	yes := [][2]string{{"skp", "skip"}, {"skipp", "skip"}, {"sikp", "skip"}, {"stauts", "status"}, {"nexy", "next"}, {"statsu", "status"}}
	no := [][2]string{{"skip", "skip"}, {"sk", "skip"}, {"abcd", "skip"}, {"sutats", "status"}, {"stts", "status"}}
	for _, p := range yes {
		if !editDistanceOne(p[0], p[1]) {
			t.Errorf("%q vs %q: want one edit", p[0], p[1])
		}
	}
	for _, p := range no {
		if editDistanceOne(p[0], p[1]) {
			t.Errorf("%q vs %q: want not one edit", p[0], p[1])
		}
	}
}

func TestPress_EncodeDecodeRoundTrip(t *testing.T) {
	q := &bot.Question{Engagement: "ab12", Item: "3-5", Serial: 42}
	pr, err := bot.DecodePress(bot.EncodePress(q, "na"))
	if err != nil || pr.Engagement != "ab12" || pr.Item != "3-5" || pr.Serial != 42 || pr.Value != "na" {
		t.Errorf("round trip = %+v, %v", pr, err)
	}
	for _, bad := range []string{"", "a:b:c", "a:b:x:2"} {
		if _, err := bot.DecodePress(bad); err == nil {
			t.Errorf("DecodePress(%q) accepted a malformed value", bad)
		}
	}
}
