package prompts

import (
	"strings"
	"testing"
)

func TestRedact_MasksIdentifiersAndRestoresThem(t *testing.T) {
	tests := []struct {
		text    string
		words   []string
		secrets []string
		kinds   []string
	}{
		{"PLC at 192.168.1.10 and 10.0.0.0/8 behind the FW.", nil, []string{"192.168.1.10", "10.0.0.0/8"}, []string{"⟦IP1⟧", "⟦IP2⟧"}},
		{"Prefix 2001:db8:: is ours", nil, []string{"2001:db8::"}, []string{"⟦IP1⟧"}},
		{"Historian fe80::1ff:fe23:4567:890a and ::1.", nil, []string{"fe80::1ff:fe23:4567:890a", "::1"}, []string{"⟦IP1⟧", "⟦IP2⟧"}},
		{"Modbus on 10.1.2.3:502, ip:172.16.0.9", nil, []string{"10.1.2.3", "172.16.0.9"}, []string{"⟦IP1⟧", "⟦IP2⟧"}},
		{"Mail ot-admin@factory.example.co.jp now", nil, []string{"ot-admin@factory.example.co.jp"}, []string{"⟦EMAIL1⟧"}},
		{"EWSはews01.plant.localです。", nil, []string{"ews01.plant.local"}, []string{"⟦HOST1⟧"}},
		{"See vendor.com for firmware", nil, []string{"vendor.com"}, []string{"⟦HOST1⟧"}},
		{"SN: ABC-12345 と S/N 9876", nil, []string{"ABC-12345", "9876"}, []string{"⟦SN1⟧", "⟦SN2⟧"}},
		{"シリアル番号：X1234 の機器", nil, []string{"X1234"}, []string{"⟦SN1⟧"}},
		{"Replaced unit FX3U2211AB0947 yesterday", nil, []string{"FX3U2211AB0947"}, []string{"⟦SN1⟧"}},
		{"MAC 00:1A:2B:3C:4D:5E on switch", nil, []string{"00:1A:2B:3C:4D:5E"}, []string{"⟦MAC1⟧"}},
		{"Acme Plant Rayong and acme plant again", []string{"Acme Plant", "Rayong"}, []string{"Acme Plant", "Rayong", "acme plant"}, []string{"⟦WORD1⟧", "⟦WORD2⟧", "⟦WORD3⟧"}},
	}
	for _, tt := range tests {
		masked, restore := Redact(tt.text, tt.words)
		for _, s := range tt.secrets {
			if strings.Contains(masked, s) {
				t.Errorf("Redact(%q) = %q still holds %q", tt.text, masked, s)
			}
		}
		for _, k := range tt.kinds {
			if !strings.Contains(masked, k) {
				t.Errorf("Redact(%q) = %q lacks %s", tt.text, masked, k)
			}
		}
		if got := restore(masked); got != tt.text {
			t.Errorf("restore(%q) = %q, want %q", masked, got, tt.text)
		}
	}
}

func TestRedact_LeavesOrdinaryTextAlone(t *testing.T) {
	for _, text := range []string{
		"Item 3-5: meeting at 10:30 on 2026-01-15, version 1.5, 62443-3-3.",
		"See IEC62443 and CVE-2021-44228; edit config.yaml with Node.js.",
		"e.g. the FW i.e. firewall; シリアル通信のPLC、Windows10",
		"serial communication is used; snapshot taken",
		"add:: is not an address",
	} {
		if masked, _ := Redact(text, nil); masked != text {
			t.Errorf("Redact(%q) = %q, want it unchanged", text, masked)
		}
	}
}

func TestRedact_SameValueGetsSamePlaceholderAcrossTexts(t *testing.T) {
	r := newRedactor(nil, "a 10.0.0.1", "b 10.0.0.1 c 10.0.0.2")
	if a, b := r.mask("a 10.0.0.1"), r.mask("b 10.0.0.1 c 10.0.0.2"); a != "a ⟦IP1⟧" || b != "b ⟦IP1⟧ c ⟦IP2⟧" {
		t.Errorf("masked %q and %q", a, b)
	}
}

func TestRedact_DoesNotReusePlaceholderTextAlreadyInTheText(t *testing.T) {
	text := "literal ⟦IP1⟧ and 10.0.0.1"
	masked, restore := Redact(text, nil)
	if masked != "literal ⟦IP1⟧ and ⟦IP2⟧" {
		t.Errorf("masked = %q", masked)
	}
	if got := restore(masked); got != text {
		t.Errorf("restore = %q, want %q", got, text)
	}
	if got := restore("⟦IP9⟧ invented"); got != "⟦IP9⟧ invented" {
		t.Errorf("restore changed an unknown placeholder: %q", got)
	}
}

func TestRedact_WordsThatAreNotUTF8AreMaskedWithoutPanicking(t *testing.T) {
	text := "Comment on Pl\xbcant-C and PL\xbcANT-c, near Rayong"
	masked, restore := Redact(text, []string{"Pl\xbcant-C", "\xbc", "rayong"})
	if strings.Contains(masked, "\xbc") || strings.Contains(masked, "Rayong") {
		t.Errorf("masked = %q, want every word masked", masked)
	}
	if got := restore(masked); got != text {
		t.Errorf("restore = %q, want %q", got, text)
	}
}

func TestRedact_WordsMatchCaseInsensitivelyAcrossScripts(t *testing.T) {
	masked, _ := Redact("ΣΊΣΥΦΟΣ Kelvin ｱｸﾒ 工場A", []string{"σίσυφος", "kelvin", "ｱｸﾒ", "工場a"})
	if masked != "⟦WORD1⟧ ⟦WORD2⟧ ⟦WORD3⟧ ⟦WORD4⟧" {
		t.Errorf("masked = %q", masked)
	}
}
