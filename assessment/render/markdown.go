package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// MarkdownReport renders the report as Markdown (GitHub tables). The chart
// is left out: Markdown has no place for an image without a second file.
func MarkdownReport(r *assessment.Report, lang assessment.Lang) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s — %s\n\n", label(lang, "title"), mdCell(r.Engagement.Name))
	for _, kv := range header(r, lang) {
		fmt.Fprintf(&b, "- **%s**: %s\n", kv[0], mdCell(kv[1]))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", label(lang, "summary"))
	mdRow(&b, label(lang, "category"), label(lang, "self"), label(lang, "after"), label(lang, "reference"), label(lang, "direction"))
	mdRow(&b, "---", "---", "---", "---", "---")
	for _, row := range r.Summary {
		name := row.Label.Inline(lang)
		if row.Category == "" {
			name = "**" + name + "**"
		}
		mdRow(&b, name, figure(row.Self, lang), figure(row.After, lang), reference(row.Reference), direction(row.Direction, lang))
	}
	b.WriteString("\n")
	if partial(r) {
		b.WriteString("> " + label(lang, "partial") + "\n>\n")
	}
	b.WriteString("> " + referenceNote(r, lang) + "\n")
	mdComments(&b, r, lang)
	mdInterview(&b, r, lang)
	mdAnswers(&b, r, lang)
	fmt.Fprintf(&b, "\n---\n\n%s: %s\n", label(lang, "source"), strings.Join(lines(r.Pack.Source, lang), " "))
	return b.Bytes()
}

// header lists the report's key facts as label/value pairs.
func header(r *assessment.Report, lang assessment.Lang) [][2]string {
	kv := [][2]string{{label(lang, "engagement"), r.Engagement.Name + " (" + r.Engagement.ID + ")"}}
	if r.Engagement.Client != "" {
		kv = append(kv, [2]string{label(lang, "client"), r.Engagement.Client})
	}
	if r.Engagement.Site != "" {
		kv = append(kv, [2]string{label(lang, "site"), r.Engagement.Site})
	}
	return append(kv,
		[2]string{label(lang, "pack"), r.Pack.Title.Inline(lang) + " — " + r.Pack.ID + "@" + r.Pack.Version},
		[2]string{label(lang, "status"), statusLabel(r.Engagement.Status, lang)},
		[2]string{label(lang, "reviewed"), fmt.Sprintf("%d/%d", r.Reviewed, len(r.Answers))},
		[2]string{label(lang, "as_of"), r.AsOf.Format(timeFormat)},
	)
}

func mdComments(b *bytes.Buffer, r *assessment.Report, lang assessment.Lang) {
	fmt.Fprintf(b, "\n## %s\n\n", label(lang, "comments"))
	if len(r.Comments) == 0 {
		b.WriteString(label(lang, "no_comments") + "\n")
		return
	}
	mdRow(b, label(lang, "category"), label(lang, "items"), label(lang, "comment"))
	mdRow(b, "---", "---", "---")
	for _, c := range r.Comments {
		text := strings.Join(lines(c.Text, lang), "\n")
		if c.Status != "approved" {
			text = "*[" + label(lang, "draft") + "]* " + text
		}
		mdRow(b, categoryLabel(r, c.Category, lang), strings.Join(c.Items, ", "), text)
	}
	if hasDrafts(r) {
		b.WriteString("\n" + label(lang, "drafts_note") + "\n")
	}
}

func mdInterview(b *bytes.Buffer, r *assessment.Report, lang assessment.Lang) {
	fmt.Fprintf(b, "\n## %s\n\n", label(lang, "interview"))
	if len(r.Interview) == 0 {
		b.WriteString(label(lang, "no_interview") + "\n")
		return
	}
	for _, it := range r.Interview {
		fmt.Fprintf(b, "- **%s** %s — %s (%s)\n", it.Item, mdCell(it.Question.Inline(lang)), answer(it.Self, lang), reviewState(it, lang))
	}
}

func mdAnswers(b *bytes.Buffer, r *assessment.Report, lang assessment.Lang) {
	fmt.Fprintf(b, "\n## %s\n\n", label(lang, "answers"))
	mdRow(b, label(lang, "item"), label(lang, "question"), label(lang, "self_answer"), label(lang, "review_answer"), label(lang, "comment"))
	mdRow(b, "---", "---", "---", "---", "---")
	for _, a := range r.Answers {
		mdRow(b, a.Item, strings.Join(lines(a.Question, lang), "\n"), answer(a.Self, lang), reviewAnswer(a, lang, "–"), strings.Join(noteLines(a.Notes, lang), "\n"))
	}
	var hist []string
	for _, a := range r.Answers {
		for _, c := range a.History {
			hist = append(hist, "- "+mdCell(changeLine(c, lang)))
		}
	}
	if len(hist) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n%s\n", label(lang, "history"), strings.Join(hist, "\n"))
	}
}

// noteLines prints comments as "[review] author: text".
func noteLines(notes []assessment.Note, lang assessment.Lang) []string {
	var out []string
	for _, n := range notes {
		out = append(out, fmt.Sprintf("[%s] %s: %s", roundLabel(n.Round, lang), n.Author, n.Text))
	}
	return out
}

// changeLine prints a history row: "2026-11-25 09:00 UTC 3-5 review 1 (author)".
func changeLine(c assessment.Change, lang assessment.Lang) string {
	v := string(c.Value)
	if c.Unsure {
		v = strings.TrimSpace(v + " " + label(lang, "unsure"))
	}
	return fmt.Sprintf("%s %s %s %s (%s)", c.At.Format(timeFormat), c.Item, roundLabel(c.Round, lang), v, c.Author)
}

func mdRow(b *bytes.Buffer, cells ...string) {
	for i := range cells {
		cells[i] = mdCell(cells[i])
	}
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// mdCell keeps a value on one table row and out of HTML: angle brackets
// and pipes escaped, line breaks as <br>.
var mdCell = strings.NewReplacer("<", "&lt;", ">", "&gt;", "|", `\|`, "\n", "<br>").Replace
