package prompts

import (
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func mustGlossary(t testing.TB, extra ...[]byte) *Glossary {
	t.Helper()
	g, err := LoadGlossary(extra...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoadGlossary_ShipsTheCoreOTTerms(t *testing.T) {
	g := mustGlossary(t)
	if g.Version() == "" || len(g.Entries()) < 30 {
		t.Fatalf("version %q, %d entries", g.Version(), len(g.Entries()))
	}
	want := map[string]string{
		"zone": "ゾーン", "conduit": "コンジット", "PLC": "PLC", "DCS": "DCS", "SIS": "安全計装システム",
		"HMI": "HMI", "SCADA": "SCADA", "historian": "ヒストリアン",
		"engineering workstation": "エンジニアリングワークステーション",
		"remote maintenance":      "リモートメンテナンス", "asset ledger": "資産台帳", "firewall": "ファイアウォール",
		"VLAN": "VLAN", "patch": "パッチ", "allow-listing": "ホワイトリスト", "removable media": "外部記録媒体",
		"backup": "バックアップ", "incident response": "インシデント対応",
	}
	entries := g.Entries()
	for en, ja := range want {
		i := slices.IndexFunc(entries, func(e GlossaryEntry) bool { return e.Term(assessment.EN) == en })
		if i < 0 {
			t.Errorf("no entry for %q", en)
			continue
		}
		if got := entries[i].Term(assessment.JA); got != ja {
			t.Errorf("%s = %s, want %s", en, got, ja)
		}
	}
}

func TestGlossary_RelevantMatchesWholeWordsAndJapaneseSubstrings(t *testing.T) {
	g := mustGlossary(t)
	terms := func(text string, lang assessment.Lang) []string {
		var out []string
		for _, e := range g.Relevant(text, lang) {
			out = append(out, e.Term(assessment.EN))
		}
		return out
	}
	tests := []struct {
		text string
		lang assessment.Lang
		want []string
	}{
		{"Two PLCs and an HMI were patched.", assessment.EN, []string{"PLC", "HMI", "patch"}},
		{"We dispatch the team; the ozone sensor", assessment.EN, nil},
		{"Item ids look like 3-5; it is done.", assessment.EN, nil},
		{"The IDS and the OT network", assessment.EN, []string{"OT", "IDS"}},
		{"Security policies are reviewed.", assessment.EN, []string{"security policy"}},
		{"We use an allowlist on the EWS.", assessment.EN, []string{"engineering workstation", "allow-listing"}},
		{"ＰＬＣとヒストリアンの間にファイアウォールがない", assessment.JA, []string{"firewall", "PLC", "historian"}},
		{"ゾーンとコンジットを定義した", assessment.EN, nil},
		{"ゾーンを定義した firewall", Auto, []string{"zone", "firewall"}},
	}
	for _, tt := range tests {
		if got := terms(tt.text, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Relevant(%q, %s) = %v, want %v", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestGlossary_CheckFlagsTermsMissingFromTranslation(t *testing.T) {
	g := mustGlossary(t)
	tests := []struct {
		src, dst string
		from, to assessment.Lang
		want     []GlossaryFlag
	}{
		{"Backups of the historian are kept.", "ヒストリアンのバックアップを保管している。", assessment.EN, assessment.JA, nil},
		{"Backups of the historian are kept.", "履歴サーバのバックアップを保管している。", assessment.EN, assessment.JA,
			[]GlossaryFlag{{"historian", "ヒストリアン"}}},
		{"外部記録媒体の利用を制限している。", "Use of USB sticks is restricted.", assessment.JA, assessment.EN,
			[]GlossaryFlag{{"外部記録媒体", "removable media"}}},
		{"外部記録媒体の利用を制限している。", "Use of removable media is restricted.", assessment.JA, assessment.EN, nil},
		{"ＳＩＳは独立している。", "The safety instrumented system is separate.", assessment.JA, assessment.EN, nil},
		{"zone", "ゾーン", assessment.EN, assessment.EN, nil},
		{"zone", "エリア", Other, assessment.JA, nil},
	}
	for _, tt := range tests {
		if got := g.Check(tt.src, tt.dst, tt.from, tt.to); !slices.Equal(got, tt.want) {
			t.Errorf("Check(%q → %q) = %v, want %v", tt.src, tt.dst, got, tt.want)
		}
	}
}

func TestLoadGlossary_ExtraEntriesReplaceAddAndChangeVersion(t *testing.T) {
	base := mustGlossary(t)
	extra := []byte("entries:\n  - en: zone\n    ja: [ゾーン, 区画]\n  - en: [OPC UA]\n    ja: OPC UA\n")
	g := mustGlossary(t, extra)
	if g.Version() == base.Version() || !strings.HasPrefix(g.Version(), base.Version()+"+") {
		t.Errorf("version %q, base %q", g.Version(), base.Version())
	}
	if mustGlossary(t, extra).Version() != g.Version() {
		t.Error("the same extras give another version")
	}
	if len(g.Entries()) != len(base.Entries())+1 {
		t.Errorf("%d entries, want %d", len(g.Entries()), len(base.Entries())+1)
	}
	if flags := g.Check("the zone", "区画", assessment.EN, assessment.JA); flags != nil {
		t.Errorf("replaced entry's variant not accepted: %v", flags)
	}
	if got := g.Relevant("OPC UA server", assessment.EN); len(got) != 1 || got[0].Term(assessment.JA) != "OPC UA" {
		t.Errorf("added entry not found: %v", got)
	}
}

func TestLoadGlossary_RejectsBadExtras(t *testing.T) {
	for name, y := range map[string]string{
		"unknown field": "entries:\n  - en: zone\n    jp: ゾーン\n",
		"no ja":         "entries:\n  - en: zone\n",
		"empty term":    "entries:\n  - en: [zone, ' ']\n    ja: ゾーン\n",
		"not YAML":      "entries: [",
	} {
		if _, err := LoadGlossary([]byte(y)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
