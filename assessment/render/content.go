package render

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// block is one piece of a report document. Markdown, HTML and DOCX are
// written from the same blocks, so the three carry the same content.
type block struct {
	Kind  blockKind
	Text  string   // heading, paragraph or note text
	Class string   // a style hint: total, draft, better, worse, stale
	Head  []string // table header
	Rows  []row    // table rows
	// Widths are the columns' relative widths, for formats that fix them
	// (DOCX); nil shares the width equally.
	Widths []int
	Items  []string // list entries
	Facts  [][2]string
	Thumbs []thumb // kThumbs: evidence pictures
	// PNG is a kChart's own picture; nil is the report's radar chart.
	PNG []byte
}

type blockKind int

const (
	kTitle blockKind = iota
	kFacts
	kSection // a numbered chapter heading
	kSub     // a heading inside a chapter
	kPara
	kNote
	kTable
	kList
	kChart
	kThumbs // evidence pictures as thumbnails (HTML, DOCX; Markdown names them)
)

// row is a table row; each cell may hold several lines.
type row struct {
	Cells [][]string
	Class []string // per cell, may be shorter than Cells
}

func (r row) class(i int) string {
	if i < len(r.Class) {
		return r.Class[i]
	}
	return ""
}

// document lays the report out in lang: cover facts, executive summary
// (sentences, table, footnotes, chart), findings, countermeasure
// directions and the annex (interview list, answers, history).
func document(r *assessment.Report, lang assessment.Lang) []block {
	doc := []block{{Kind: kTitle, Text: label(lang, "title") + " — " + r.Engagement.Name}, {Kind: kFacts, Facts: header(r, lang)}}
	doc = append(doc, summaryBlocks(r, lang)...)
	doc = append(doc, trendBlocks(r, lang)...)
	doc = append(doc, findingBlocks(r, lang)...)
	doc = append(doc, directionBlocks(r, lang)...)
	doc = append(doc, planBlocks(r, lang)...)
	doc = append(doc, annexBlocks(r, lang)...)
	return append(doc, block{Kind: kNote, Text: label(lang, "source") + ": " + strings.Join(lines(r.Pack.Source, lang), " ")})
}

func summaryBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSection, Text: label(lang, "summary")}}
	for _, l := range lines(r.Overview, lang) {
		out = append(out, block{Kind: kPara, Text: l})
	}
	t := block{Kind: kTable, Head: []string{label(lang, "category"), label(lang, "self"), label(lang, "after"), label(lang, "reference"), label(lang, "direction")},
		Widths: []int{20, 22, 22, 18, 18}}
	for _, sr := range r.Summary {
		rw := row{Cells: [][]string{{sr.Label.Inline(lang)}, {figure(sr.Self, lang)}, {figure(sr.After, lang)}, {reference(sr.Reference)}, {direction(sr.Direction, lang)}},
			Class: []string{"", "", "", "", sr.Direction}}
		if sr.Category == "" {
			rw.Class[0] = "total"
		}
		t.Rows = append(t.Rows, rw)
	}
	out = append(out, t)
	for _, n := range footnotes(r, lang) {
		out = append(out, block{Kind: kNote, Text: n})
	}
	return append(out, block{Kind: kNote, Text: referenceNote(r, lang)}, block{Kind: kChart, Text: chartCaption(r, lang)})
}

// footnotes explain provisional figures and name the open items of each
// round that has them.
func footnotes(r *assessment.Report, lang assessment.Lang) []string {
	if !provisional(r) {
		return nil
	}
	out := []string{label(lang, "provisional_note")}
	for _, round := range []struct {
		key  string
		open []assessment.OpenItem
	}{{"open_self", r.Open.Self}, {"open_after", r.Open.After}} {
		if len(round.open) > 0 {
			out = append(out, eachInline(lang, func(l assessment.Lang) string {
				return label(l, round.key, len(round.open), openList(round.open, l))
			}))
		}
	}
	return out
}

// eachInline is a line written in each language on its own and, for both,
// joined as labels are: a sentence that takes words of its language as
// arguments must be filled in one language at a time.
func eachInline(lang assessment.Lang, line func(assessment.Lang) string) string {
	if lang != assessment.Both {
		return line(lang)
	}
	return assessment.Text{JA: line(assessment.JA), EN: line(assessment.EN)}.Inline(assessment.Both)
}

// openList names open items in one language: "2-3 (not sure), 2-7 (unanswered)".
func openList(open []assessment.OpenItem, lang assessment.Lang) string {
	parts := make([]string, 0, len(open))
	for _, o := range open {
		why := label(lang, "unanswered")
		if o.Unsure {
			why = label(lang, "unsure")
		}
		parts = append(parts, fmt.Sprintf(label(lang, "open_entry"), o.Item, why))
	}
	return strings.Join(parts, label(lang, "list_sep"))
}

func findingBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSection, Text: label(lang, "findings")}}
	if len(r.Findings) == 0 {
		return append(out, block{Kind: kPara, Text: label(lang, "no_findings")})
	}
	t := block{Kind: kTable, Head: []string{"#", label(lang, "kind"), label(lang, "category"), label(lang, "items"), label(lang, "finding"), label(lang, "status")},
		Widths: []int{4, 13, 12, 11, 48, 12}}
	for i, f := range r.Findings {
		cls := ""
		if f.Draft() {
			cls = "draft"
		}
		t.Rows = append(t.Rows, row{Cells: [][]string{{fmt.Sprint(i + 1)}, {kindLabel(f.Kind, lang)}, {categoryLabel(r, f.Category, lang)},
			{citation(f, lang)}, findingLines(f.Risk, f, lang), {findingStatus(f.Status, lang)}}, Class: []string{"", string(f.Kind), "", "", "", cls}})
	}
	out = append(out, t)
	if hasDrafts(r) {
		out = append(out, block{Kind: kNote, Text: label(lang, "drafts_note")})
	}
	if hasStale(r, lang) {
		out = append(out, block{Kind: kNote, Text: label(lang, "stale_note")})
	}
	return out
}

func directionBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSection, Text: label(lang, "directions")}}
	ds := r.Directions()
	if len(ds) == 0 {
		return append(out, block{Kind: kPara, Text: label(lang, "no_directions")})
	}
	t := block{Kind: kTable, Head: []string{label(lang, "priority"), label(lang, "items"), label(lang, "direction_text")}, Widths: []int{10, 14, 76}}
	for _, f := range ds {
		t.Rows = append(t.Rows, row{Cells: [][]string{{fmt.Sprint(f.Priority)}, {citation(f, lang)}, findingLines(f.Direction, f, lang)}})
	}
	return append(out, t)
}

// findingLines is a finding's text in lang, with a draft mark first and a
// mark on each language whose text is out of date.
func findingLines(t assessment.Text, f assessment.Finding, lang assessment.Lang) []string {
	var out []string
	for _, l := range langsOf(lang) {
		text := t.In(l)
		if f.IsStale(l) {
			text = label(l, "stale_mark") + " " + text
		}
		out = append(out, strings.Split(text, "\n")...)
	}
	if f.Draft() {
		out[0] = "[" + label(lang, "draft") + "] " + out[0]
	}
	return out
}

func langsOf(lang assessment.Lang) []assessment.Lang {
	if lang == assessment.Both {
		return []assessment.Lang{assessment.JA, assessment.EN}
	}
	return []assessment.Lang{lang}
}

func annexBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSection, Text: label(lang, "annex")}, {Kind: kSub, Text: label(lang, "interview")}}
	if len(r.Interview) == 0 {
		out = append(out, block{Kind: kPara, Text: label(lang, "no_interview")})
	} else {
		t := block{Kind: kTable, Head: []string{label(lang, "item"), label(lang, "question"), label(lang, "self_answer"), label(lang, "review_answer")}, Widths: []int{7, 55, 22, 16}}
		for _, it := range r.Interview {
			t.Rows = append(t.Rows, row{Cells: [][]string{{it.Item}, lines(it.Question, lang), {answer(it.Self, lang)}, {reviewState(it, lang)}}})
		}
		out = append(out, t)
	}
	out = append(out, delegatedBlocks(r, lang)...)
	out = append(out, block{Kind: kSub, Text: label(lang, "answers")}, block{Kind: kNote, Text: label(lang, "weights_note")})
	t := block{Kind: kTable, Head: []string{label(lang, "item"), label(lang, "key"), label(lang, "weight"), label(lang, "question"),
		label(lang, "self_answer"), label(lang, "review_answer"), label(lang, "after_answer"), label(lang, "comment")},
		Widths: []int{6, 5, 7, 30, 13, 12, 13, 14}}
	var hist []string
	for _, a := range r.Answers {
		t.Rows = append(t.Rows, row{Cells: [][]string{{a.Item}, {keyMark(a.Key)}, {fmt.Sprint(a.Weight)}, lines(a.Question, lang),
			{answer(a.Self, lang)}, {reviewAnswer(a, lang, "–")}, {answer(a.After, lang)}, noteLines(a.Notes, lang)}})
		for _, c := range a.History {
			hist = append(hist, changeLine(c, lang))
		}
	}
	out = append(out, t)
	if len(hist) > 0 {
		out = append(out, block{Kind: kSub, Text: label(lang, "history")}, block{Kind: kNote, Text: label(lang, "history_zone", r.Engagement.Timezone)}, block{Kind: kList, Items: hist})
	}
	return append(out, evidenceBlocks(r, lang)...)
}

func keyMark(key bool) string {
	if key {
		return "★"
	}
	return ""
}

// delegatedBlocks list the items staff gave to people other than the
// SPOCs, with who answers them and how many are answered; none when no
// item was given.
func delegatedBlocks(r *assessment.Report, lang assessment.Lang) []block {
	if len(r.Delegated) == 0 {
		return nil
	}
	t := block{Kind: kTable, Head: []string{label(lang, "items"), label(lang, "delegated_who"), label(lang, "delegated_done")}, Widths: []int{40, 40, 20}}
	for _, d := range r.Delegated {
		t.Rows = append(t.Rows, row{Cells: [][]string{{assessment.CiteItems(d.Items).Inline(lang)}, {strings.Join(d.Holders, ", ")},
			{fmt.Sprintf("%d/%d", d.Answered, len(d.Items))}}})
	}
	return []block{{Kind: kSub, Text: label(lang, "delegated")}, t}
}
