package prompts

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRedact checks that masking never panics, whatever the text and the
// words, that restore gives the text back, and that no configured word is
// left in the masked text.
func FuzzRedact(f *testing.F) {
	f.Add("PLC at 192.168.1.10, SN: ABC-12345, ews01.plant.local", "Acme Plant")
	f.Add("Comment on Pl\xbcant-C and PL\xbcANT-c", "Pl\xbcant-C")
	f.Add("ΣΊΣΥΦΟΣ Kelvin 工場A ⟦WORD1⟧ ⟦IP1⟧", "σίσυφος")
	f.Add("fe80::1ff:fe23:4567:890a and ::1. mail a@b.co", "::")
	f.Fuzz(func(t *testing.T, text, word string) {
		masked, restore := Redact(text, []string{word})
		if got := restore(masked); got != text {
			t.Fatalf("restore(Redact(%q, %q)) = %q", text, word, got)
		}
		// The placeholders themselves (⟦SN1⟧) may hold the word ("1").
		w, bare := strings.TrimSpace(word), placeholderRE.ReplaceAllString(masked, "⟦⟧")
		if w != "" && utf8.ValidString(w) && !strings.ContainsAny(w, "⟦⟧") && len(foldWord(w).findAll(bare)) > 0 && !strings.Contains(text, "⟦") {
			t.Fatalf("Redact(%q, %q) = %q still holds the word", text, word, masked)
		}
	})
}

// FuzzFoldWord compares the literal matcher with the regexp it replaced on
// valid UTF-8, where the regexp was safe.
func FuzzFoldWord(f *testing.F) {
	f.Add("Acme Plant and acme plant", "ACME plant")
	f.Add("ΣΊΣΥΦΟΣ Kelvin", "ς")
	f.Add("aaaa", "aa")
	f.Fuzz(func(t *testing.T, text, word string) {
		if word == "" || !utf8.ValidString(text) || !utf8.ValidString(word) {
			return
		}
		want := regexp.MustCompile(`(?i)`+regexp.QuoteMeta(word)).FindAllStringIndex(text, -1)
		if got := foldWord(word).findAll(text); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findAll(%q, %q) = %v, regexp finds %v", text, word, got, want)
		}
	})
}
