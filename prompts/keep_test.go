package prompts

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

func TestGlossary_ProtectedFindsNamesModelNumbersAndAddresses(t *testing.T) {
	g := mustGlossary(t)
	tests := []struct {
		text string
		want []string
	}{
		{"MELSEC iQ-RのFX5U-32MR（192.168.10.5/24）にCVE-2023-1234の修正を当てた", []string{"MELSEC", "iQ-R", "FX5U-32MR", "192.168.10.5/24", "CVE-2023-1234"}},
		{"The 1756-L83E and the S7-1500 talk Modbus and PROFINET.", []string{"1756-L83E", "S7-1500", "Modbus", "PROFINET"}},
		{"ＦＸ５Ｕ－３２ＭＲを更新", []string{"FX5U-32MR"}},
		{"Item 3-5 is at level 2; see https://example.com/a.", []string{"https://example.com/a."}},
		{"⟦IP1⟧ and ⟦SN2⟧ are placeholders, not model numbers", nil},
		{"ゾーンとコンジット", nil},
	}
	for _, tc := range tests {
		if got := g.Protected(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Protected(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestGlossary_CheckFlagsLostProtectedTokens(t *testing.T) {
	g := mustGlossary(t)
	src := "FactoryTalkのサーバ（10.1.2.3）を更新した。"
	if flags := g.Check(src, "The FactoryTalk server (10.1.2.3) was updated.", assessment.JA, assessment.EN); flags != nil {
		t.Errorf("kept tokens flagged: %v", flags)
	}
	flags := g.Check(src, "The Factory Talk server (10.1.2.4) was updated.", assessment.JA, assessment.EN)
	want := []GlossaryFlag{{"FactoryTalk", "FactoryTalk"}, {"10.1.2.3", "10.1.2.3"}}
	if !slices.Equal(flags, want) {
		t.Errorf("flags = %v, want %v", flags, want)
	}
}

func TestLoadGlossary_ExtraKeepTermsAndBadPatterns(t *testing.T) {
	g := mustGlossary(t, []byte("keep:\n  terms: [PlantNet Pro]\n"))
	if got := g.Protected("We run PlantNet Pro here."); !slices.Equal(got, []string{"PlantNet Pro"}) {
		t.Errorf("extra keep term not protected: %q", got)
	}
	for name, y := range map[string]string{
		"bad regex":  "keep:\n  patterns: [{name: x, regex: '(['}]\n",
		"no name":    "keep:\n  patterns: [{regex: 'A[0-9]+'}]\n",
		"empty term": "keep:\n  terms: [' ']\n",
	} {
		if _, err := LoadGlossary([]byte(y)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestTranslate_ShowsKeepEntriesButNeverAMaskedValue(t *testing.T) {
	c, f := newTestClient(t, Config{}, translations(1, "ja", "The ⟦IP1⟧ MELSEC PLC was patched."))
	_, _, err := c.Translate(context.Background(), TranslateRequest{
		Texts:  []string{"192.168.10.5 の MELSEC のPLCにパッチを当てた。"},
		Source: assessment.JA, Target: assessment.EN, Glossary: mustGlossary(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	sys := f.requests()[0].system()
	if !strings.Contains(sys, "- MELSEC (keep exactly as written") {
		t.Errorf("the prompt does not ask to keep MELSEC:\n%s", sys)
	}
	if strings.Contains(f.requests()[0].Raw, "192.168.10.5") {
		t.Error("the masked address reached the model through the glossary")
	}
}
