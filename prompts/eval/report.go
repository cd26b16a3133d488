package eval

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints rep for a person: the figures per direction, then the
// worst sentences with what they lost.
func WriteText(w io.Writer, rep Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Translation check of %s (glossary %s): %d sentences, %d ja→en and %d en→ja\n",
		rep.Model, rep.Glossary, rep.Overall.Sentences, rep.JAEN.Sentences, rep.ENJA.Sentences)
	fmt.Fprintf(&b, "\n%-34s %8s %8s %8s\n", "", "all", "ja→en", "en→ja")
	row := func(name string, f func(Totals) string) {
		fmt.Fprintf(&b, "%-34s %8s %8s %8s\n", name, f(rep.Overall), f(rep.JAEN), f(rep.ENJA))
	}
	row("chrF (0-100, vs references)", func(t Totals) string { return fmt.Sprintf("%.1f", t.ChrF) })
	row("glossary terms kept", func(t Totals) string { return fmt.Sprintf("%.1f%%", t.TermRate) })
	row("  (kept/expected)", func(t Totals) string { return fmt.Sprintf("%d/%d", t.TermsKept, t.TermsExpected) })
	row("protected tokens unchanged", func(t Totals) string { return fmt.Sprintf("%.1f%%", t.TokenRate) })
	row("  (kept/expected)", func(t Totals) string { return fmt.Sprintf("%d/%d", t.TokensKept, t.TokensExpected) })
	row("sentences without a usable answer", func(t Totals) string { return fmt.Sprint(t.Failed) })
	fmt.Fprintf(&b, "\nModel calls: %d, tokens: %d prompt + %d completion\n", rep.Usage.Calls, rep.Usage.PromptTokens, rep.Usage.CompletionTokens)
	if len(rep.Worst) > 0 {
		fmt.Fprintf(&b, "\nWorst sentences:\n")
	}
	for _, r := range rep.Worst {
		writeResult(&b, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeResult(b *strings.Builder, r Result) {
	fmt.Fprintf(b, "\n  %s  %s→%s  chrF %.1f\n", r.ID, r.Src, r.Dst(), r.ChrF)
	fmt.Fprintf(b, "    source:      %s\n", r.Text)
	fmt.Fprintf(b, "    reference:   %s\n", r.Ref)
	if r.Error != "" {
		fmt.Fprintf(b, "    no answer:   %s\n", r.Error)
	} else {
		fmt.Fprintf(b, "    translation: %s\n", r.Hyp)
	}
	if len(r.LostTokens) > 0 {
		fmt.Fprintf(b, "    lost tokens: %s\n", strings.Join(r.LostTokens, ", "))
	}
	if len(r.MissingTerms) > 0 {
		fmt.Fprintf(b, "    missing glossary terms: %s\n", strings.Join(r.MissingTerms, "; "))
	}
}
