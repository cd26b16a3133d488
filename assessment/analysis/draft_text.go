package analysis

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
)

// The most an offline draft quotes: remarks of each kind per finding, the
// items whose risk sentences it repeats, and the runes of one quote.
const (
	maxQuotes     = 2
	maxRiskItems  = 3
	maxQuoteRunes = 160
)

// improvementRisk is the risk-factor text of a group of gaps: where each
// item stands, what the assessors saw on site, what the client said, and
// what that exposes the plant to.
func improvementRisk(p *assessment.Pack, group []Gap, remarks map[string][]Remark) assessment.Text {
	var open assessment.Text
	clausesJA, clausesEN := levelClauses(p, group)
	if title, ok := groupTitle(p, group); ok {
		open = assessment.Text{JA: title.JA + "について、" + clausesJA + "である。", EN: "On " + title.EN + ", the assessment found " + clausesEN + "."}
	} else {
		open = assessment.Text{JA: clausesJA + "である。", EN: "The assessment found " + clausesEN + "."}
	}
	var risks []assessment.Text
	for _, g := range group[:min(maxRiskItems, len(group))] {
		it, _ := p.Item(g.Item)
		risks = append(risks, it.Report.Risk)
	}
	return fit(open, quotes(group, remarks), risks)
}

// fit joins the opening, the quotes and the risk sentences, dropping risk
// sentences (all but the first), then quotes, from the end, in both
// languages alike, until both languages fit MaxFindingRunes.
func fit(open assessment.Text, quotes, risks []assessment.Text) assessment.Text {
	for {
		all := append(append([]assessment.Text{open}, quotes...), risks...)
		var ja, en []string
		for _, t := range all {
			ja, en = append(ja, t.JA), append(en, t.EN)
		}
		out := assessment.Text{JA: strings.Join(ja, ""), EN: strings.Join(en, " ")}
		long := max(utf8.RuneCountInString(out.JA), utf8.RuneCountInString(out.EN)) > MaxFindingRunes
		switch {
		case long && len(risks) > 1:
			risks = risks[:len(risks)-1]
		case long && len(quotes) > 0:
			quotes = quotes[:len(quotes)-1]
		default:
			return out
		}
	}
}

// improvementDirection joins the items' report directions, most important
// first.
func improvementDirection(p *assessment.Pack, group []Gap) assessment.Text {
	var ja, en []string
	for _, g := range group {
		it, _ := p.Item(g.Item)
		ja, en = append(ja, it.Report.Direction.JA), append(en, it.Report.Direction.EN)
	}
	return assessment.Text{JA: strings.Join(ja, ""), EN: strings.Join(en, " ")}
}

// groupTitle names a group of more than one item: its declared group's
// title, else its category's title.
func groupTitle(p *assessment.Pack, group []Gap) (assessment.Text, bool) {
	if len(group) < 2 {
		return assessment.Text{}, false
	}
	if g, ok := p.GroupOf(group[0].Item); ok {
		return g.Title, true
	}
	c, _ := p.Category(group[0].Category)
	return assessment.Text{JA: c.Title.JA, EN: strings.ToLower(c.Title.EN[:1]) + c.Title.EN[1:]}, true
}

// levelClauses says where each item stands, and whether the assessors
// re-evaluated it on site.
func levelClauses(p *assessment.Pack, group []Gap) (ja, en string) {
	var js, es []string
	for _, g := range group {
		it, _ := p.Item(g.Item)
		label := levelLabel(p, g.Level)
		j := fmt.Sprintf("%s（%s）はレベル%d「%s」", it.Report.Topic.JA, g.Item, g.Level, label.JA)
		e := fmt.Sprintf("%s (%s) at level %d (\"%s\"", it.Report.Topic.EN, g.Item, g.Level, label.EN)
		if s, ok := g.Self.Level(); ok && g.Reviewed() && s != g.Level {
			j += fmt.Sprintf("（自己診断のレベル%dから現地調査後に再評価）", s)
			e += fmt.Sprintf(", re-evaluated on site from the self-assessed level %d", s)
		} else if g.Reviewed() {
			j += "（現地調査で確認）"
			e += ", confirmed on site"
		}
		js, es = append(js, j), append(es, e+")")
	}
	return strings.Join(js, "、"), strings.Join(es, "; ")
}

func levelLabel(p *assessment.Pack, level int) assessment.Text {
	o, _ := p.Option(assessment.Levels[level])
	return o.Label
}

// quotes are the latest assessor reasons (on-site facts) and client
// comments (the client's statements) on the group's items, at most
// maxQuotes of each, most important item first, each saying who said it.
func quotes(group []Gap, remarks map[string][]Remark) []assessment.Text {
	var out []assessment.Text
	for _, kind := range []assessment.SourceKind{assessment.SourceAssessor, assessment.SourceClient} {
		n := 0
		for _, g := range group {
			r, ok := latest(remarks[g.Item], kind)
			if !ok || n == maxQuotes {
				continue
			}
			n++
			out = append(out, quote(r))
		}
	}
	return out
}

func latest(rs []Remark, kind assessment.SourceKind) (Remark, bool) {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].Kind == kind {
			return rs[i], true
		}
	}
	return Remark{}, false
}

// quote is one remark as report text, in each language the remark's text
// in that language when known (marked as a machine translation when it is
// one), else its original (marked as such).
func quote(r Remark) assessment.Text {
	tj, te := clip(r.Text.JA), clip(r.Text.EN)
	noteJA, noteEN := "", ""
	switch {
	case tj == "":
		tj, noteJA = te, "英語原文、"
	case r.Lang == assessment.EN:
		noteJA = "機械翻訳、"
	}
	switch {
	case te == "":
		te, noteEN = tj, "in Japanese; "
	case r.Lang == assessment.JA:
		noteEN = "machine translation; "
	}
	if r.Kind == assessment.SourceAssessor {
		whatJA, whatEN := "再評価理由", "re-evaluation reason"
		if r.OnSite {
			whatJA, whatEN = "現地メモ", "on-site note"
		}
		return assessment.Text{JA: fmt.Sprintf("現地調査における診断者の所見は「%s」である（%s%s、%s）。", trimStop(tj), noteJA, r.Item, whatJA),
			EN: fmt.Sprintf("The assessors noted on site: \"%s\" (%s%s, %s).", trimStop(te), noteEN, r.Item, whatEN)}
	}
	return assessment.Text{JA: fmt.Sprintf("先方からは「%s」との説明があった（%s%s、SPOCのコメント）。", trimStop(tj), noteJA, r.Item),
		EN: fmt.Sprintf("The client stated: \"%s\" (%s%s, SPOC comment).", trimStop(te), noteEN, r.Item)}
}

// clip shortens a quote to maxQuoteRunes, marking the cut.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxQuoteRunes {
		return s
	}
	return string([]rune(s)[:maxQuoteRunes-1]) + "…"
}

// trimStop drops a final full stop, which the sentence around a quote
// supplies.
func trimStop(s string) string { return strings.TrimRight(s, "。.") }

// goodRisk is a good point's text: where the item stands, what it shows,
// and the remarks on it.
func goodRisk(p *assessment.Pack, g Gap, remarks map[string][]Remark) assessment.Text {
	it, _ := p.Item(g.Item)
	cj, ce := levelClauses(p, []Gap{g})
	open := assessment.Text{JA: cj + "である。" + it.Report.Good.JA, EN: "The assessment found " + ce + ". " + it.Report.Good.EN}
	return fit(open, quotes([]Gap{g}, remarks), nil)
}

// goodDirection is what a report advises on a good point: keep it, and at
// level 3 take it to level 4.
func goodDirection(level int) assessment.Text {
	if level >= 4 {
		return assessment.Text{JA: "現在の水準を維持するとともに、この取り組みを他の拠点や関連部門にも展開することが望ましい。",
			EN: "The current level should be maintained, and the practice extended to other sites and related departments."}
	}
	return assessment.Text{JA: "現在の取り組みを維持し、外部環境や脅威の変化に応じて随時見直す段階（レベル4）を目指すことが望ましい。",
		EN: "The practice should be maintained and taken to the next stage (level 4): revising it whenever threats or the outside world change."}
}
