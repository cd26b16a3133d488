package assessment

import (
	"fmt"
	"strings"
)

// overview writes the executive summary's sentences from the figures and
// findings: report style, Japanese である調 and English in the third person.
// Every number comes from the report, so the sentences never disagree with
// the table.
func overview(r *Report) Text {
	var ja, en []string
	add := func(t Text) {
		if t.JA != "" {
			ja, en = append(ja, t.JA), append(en, t.EN)
		}
	}
	total := r.Summary[len(r.Summary)-1]
	add(Text{
		JA: fmt.Sprintf("総合評価は、自己診断で%s、評価後で%sである。", figureJA(total.Self), figureJA(total.After)),
		EN: fmt.Sprintf("The overall result is %s in the self-assessment and %s after the assessment.", figureEN(total.Self), figureEN(total.After)),
	})
	add(againstReference(total))
	add(extremes(r))
	if r.Reviewed > 0 {
		add(Text{JA: fmt.Sprintf("現地調査後、アセッサーは%d項目を再評価した。", r.Reviewed),
			EN: fmt.Sprintf("The assessors re-evaluated %s after the site visit.", countEN(r.Reviewed, "item"))})
	}
	add(findingsSentence(r))
	if n := len(r.Open.Self); n > 0 {
		add(Text{JA: fmt.Sprintf("自己診断では%d項目が未確定（「わからない」または未回答）であり、ヒアリングで確認する必要がある。", n),
			EN: fmt.Sprintf("In the self-assessment %s open (not sure or unanswered) and %s to be confirmed in the interview.", countEN(n, "item")+verb(n, " remains", " remain"), verb(n, "is", "are"))})
	}
	return Text{JA: strings.Join(ja, ""), EN: strings.Join(en, " ")}
}

func againstReference(total SummaryRow) Text {
	if total.Reference == nil || total.Direction == "" {
		return Text{}
	}
	ref := *total.Reference
	g := GradeOf(ref)
	switch total.Direction {
	case Better:
		return Text{JA: fmt.Sprintf("評価後の結果は参考平均%s（%d%%）を上回る。", g, ref), EN: fmt.Sprintf("After the assessment the result is above the reference average of %s (%d%%).", g, ref)}
	case Worse:
		return Text{JA: fmt.Sprintf("評価後の結果は参考平均%s（%d%%）を下回る。", g, ref), EN: fmt.Sprintf("After the assessment the result is below the reference average of %s (%d%%).", g, ref)}
	}
	return Text{JA: fmt.Sprintf("評価後の結果は参考平均%s（%d%%）と同等である。", g, ref), EN: fmt.Sprintf("After the assessment the result is level with the reference average of %s (%d%%).", g, ref)}
}

// extremes names the lowest and the highest category after the
// assessment, when at least two show different scores.
func extremes(r *Report) Text {
	lo, hi := -1, -1
	var loV, hiV int
	for i, row := range r.Summary[:len(r.Summary)-1] {
		v, _, _, ok := row.After.Shown()
		if !ok {
			continue
		}
		if lo < 0 || v < loV {
			lo, loV = i, v
		}
		if hi < 0 || v > hiV {
			hi, hiV = i, v
		}
	}
	if lo < 0 || loV == hiV {
		return Text{}
	}
	l, h := r.Summary[lo].Label, r.Summary[hi].Label
	return Text{
		JA: fmt.Sprintf("評価後の結果が最も低いカテゴリは「%s」（%d%%）、最も高いカテゴリは「%s」（%d%%）である。", l.JA, loV, h.JA, hiV),
		EN: fmt.Sprintf("%s is the lowest category after the assessment (%d%%) and %s the highest (%d%%).", l.EN, loV, h.EN, hiV),
	}
}

func findingsSentence(r *Report) Text {
	imp, good := r.CountFindings()
	if imp+good == 0 {
		return Text{JA: "所見はまだ記載されていない。", EN: "No findings have been recorded yet."}
	}
	t := Text{JA: fmt.Sprintf("改善点は%d件、良い点は%d件である。", imp, good),
		EN: fmt.Sprintf("The report records %s and %s.", countEN(imp, "improvement"), countEN(good, "good point"))}
	if d := r.Directions(); len(d) > 0 && len(d[0].Items) > 0 {
		cite := CiteItems(d[0].Items)
		t.JA += fmt.Sprintf("最も優先度の高い改善点は項目%sに関するものである。", cite.JA)
		t.EN = strings.TrimSuffix(t.EN, ".") + fmt.Sprintf("; the highest-priority improvement concerns %s %s.", verb(len(d[0].Items), "item", "items"), cite.EN)
	}
	return t
}

func figureJA(f Figure) string {
	v, g, prov, ok := f.Shown()
	switch {
	case !ok:
		return "算出できない結果"
	case prov:
		return fmt.Sprintf("%s（%d%%、暫定）", g, v)
	}
	return fmt.Sprintf("%s（%d%%）", g, v)
}

func figureEN(f Figure) string {
	v, g, prov, ok := f.Shown()
	switch {
	case !ok:
		return "not determinable"
	case prov:
		return fmt.Sprintf("%s (%d%%, provisional)", g, v)
	}
	return fmt.Sprintf("%s (%d%%)", g, v)
}

// countEN is "1 item" or "4 items".
func countEN(n int, noun string) string {
	return fmt.Sprintf("%d %s", n, verb(n, noun, noun+"s"))
}

// verb picks the singular or plural form for n.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
