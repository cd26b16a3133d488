package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/otassess/otassess/bot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func choices(pairs ...string) []bot.Choice {
	var cs []bot.Choice
	for i := 0; i+1 < len(pairs); i += 2 {
		cs = append(cs, bot.Choice{Value: pairs[i], Label: pairs[i+1]})
	}
	return cs
}

// sampleQuestion is item 3-5 as the engine builds it, in English.
func sampleQuestion() *bot.Question {
	return &bot.Question{
		Engagement: "a1b2c3d4e5", Item: "3-5", Serial: 7, Number: 12, Total: 32, Done: 11,
		Category: "Technical measures", Text: "Are OT and IT networks separated by a firewall or DMZ (zone & conduit)?",
		Current: "Partly in place",
		Choices: choices("0", "Not in place", "1", "Partly in place", "2", "In place",
			"3", "In place, documented or automated, and reviewed regularly",
			"4", "All of that, and adapted whenever the outside world changes", "na", "Not applicable"),
		Controls: choices("unsure", "Not sure", "skip", "Skip", "back", "Back"),
	}
}

// bothQuestion is the same item shown in Japanese and English.
func bothQuestion() *bot.Question {
	return &bot.Question{
		Engagement: "a1b2c3d4e5", Item: "3-5", Serial: 7, Number: 12, Total: 32, Done: 11,
		Category: "技術的対策\nTechnical measures", Text: "OT と IT のネットワークは分離されていますか？\nAre OT and IT networks separated?",
		Choices: choices("0", "実施していない\nNot in place", "1", "一部で実施している\nPartly in place", "2", "実施している\nIn place",
			"3", "実施し、手順を文書化・自動化して定期的に見直している\nIn place, documented or automated, and reviewed regularly",
			"4", "さらに外部環境の変化に合わせて随時見直している\nAll of that, and adapted whenever the outside world changes",
			"na", "該当しない\nNot applicable"),
		Controls: choices("unsure", "わからない\nNot sure", "skip", "スキップ\nSkip", "back", "戻る\nBack"),
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestQuestionBlocks_Golden(t *testing.T) {
	golden(t, "question_en", marshal(t, questionBlocks(sampleQuestion())))
	golden(t, "question_both", marshal(t, questionBlocks(bothQuestion())))
}

func TestQuestionBlocks_ButtonValuesDecodeToThePress(t *testing.T) {
	q := sampleQuestion()
	js, _ := json.Marshal(questionBlocks(q))
	for _, c := range append(q.Choices, q.Controls...) {
		v := bot.EncodePress(q, c.Value)
		if !strings.Contains(string(js), `"value":"`+v+`"`) {
			t.Errorf("no button with value %s", v)
		}
		p, err := bot.DecodePress(v)
		if err != nil || p.Item != q.Item || p.Serial != q.Serial || p.Value != c.Value {
			t.Errorf("press %+v, %v", p, err)
		}
	}
}

func TestEscape_KeepsUserMentionsDefusesBroadcasts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"R&D <b>", "R&amp;D &lt;b&gt;"},
		{"hi <@U123> and <@W9|bob>", "hi <@U123> and <@W9|bob>"},
		{"<!channel> <!here|here>", "&lt;!channel&gt; &lt;!here|here&gt;"},
		{"see <#C42|general>", "see <#C42|general>"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnescape_ReadsWhatThePersonTyped(t *testing.T) {
	tests := []struct{ in, want string }{
		{"R&amp;D", "R&D"},
		{"&lt;b&gt;", "<b>"},
		{"&amp;lt;", "&lt;"},
		{"spoc:<@U1|a>", "spoc:<@U1|a>"},
	}
	for _, tt := range tests {
		if got := unescape(tt.in); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripMention_RemovesTheLeadingBotMention(t *testing.T) {
	tests := []struct{ in, user, want string }{
		{"<@UBOT> start", "", "start"},
		{"<@UBOT|otassess>: status", "", "status"},
		{"  <@UBOT>   new X", "UBOT", "new X"},
		{"<@UOTHER> hi", "UBOT", "<@UOTHER> hi"},
		{"start", "", "start"},
	}
	for _, tt := range tests {
		if got := stripMention(tt.in, tt.user); got != tt.want {
			t.Errorf("stripMention(%q, %q) = %q, want %q", tt.in, tt.user, got, tt.want)
		}
	}
}

func TestSplitEscaped_PiecesFitAndKeepEverything(t *testing.T) {
	text := strings.Repeat("a&b ", 2000) + "\n" + strings.Repeat("line\n", 700)
	parts := splitEscaped(text, maxSection)
	if len(parts) < 2 {
		t.Fatalf("%d parts", len(parts))
	}
	var joined strings.Builder
	for _, p := range parts {
		if n := utf8.RuneCountInString(p); n > maxSection {
			t.Fatalf("part of %d characters", n)
		}
		if strings.HasSuffix(p, "&am") || strings.HasSuffix(p, "&") {
			t.Fatalf("part cut inside an escape: …%q", p[len(p)-5:])
		}
		joined.WriteString(p)
	}
	if got, want := strings.Count(joined.String(), "&amp;"), 2000; got != want {
		t.Fatalf("%d escaped ampersands, want %d", got, want)
	}
}

func TestClip_NeverExceedsTheLimit(t *testing.T) {
	s := strings.Repeat("&", 100)
	if got := clip(s, 50); utf8.RuneCountInString(got) > 50 || !strings.HasSuffix(got, "…") {
		t.Fatalf("clip = %q", got)
	}
	if got := clip("short", 50); got != "short" {
		t.Fatalf("clip = %q", got)
	}
}
