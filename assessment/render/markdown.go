package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// MarkdownReport renders the report as Markdown (GitHub tables). The chart
// is left out, its caption kept: Markdown has no place for an image
// without a second file.
func MarkdownReport(r *assessment.Report, lang assessment.Lang) []byte {
	return markdown(document(r, lang))
}

func mdBlock(b *bytes.Buffer, bl block) {
	switch bl.Kind {
	case kTitle:
		fmt.Fprintf(b, "# %s\n", mdCell(bl.Text))
	case kFacts:
		for _, kv := range bl.Facts {
			fmt.Fprintf(b, "- **%s**: %s\n", kv[0], mdCell(kv[1]))
		}
	case kSection:
		fmt.Fprintf(b, "## %s\n", mdCell(bl.Text))
	case kSub:
		fmt.Fprintf(b, "### %s\n", mdCell(bl.Text))
	case kPara:
		b.WriteString(mdCell(bl.Text) + "\n")
	case kNote, kChart:
		b.WriteString("> " + mdCell(bl.Text) + "\n")
	case kList:
		for _, it := range bl.Items {
			b.WriteString("- " + mdCell(it) + "\n")
		}
	case kTable:
		mdTable(b, bl)
	case kThumbs:
		b.WriteString("> " + mdCell(thumbsNote(bl)) + "\n")
	}
}

func mdTable(b *bytes.Buffer, bl block) {
	mdRow(b, bl.Head...)
	sep := make([]string, len(bl.Head))
	for i := range sep {
		sep[i] = "---"
	}
	b.WriteString("| " + strings.Join(sep, " | ") + " |\n")
	for _, rw := range bl.Rows {
		cells := make([]string, len(rw.Cells))
		for i, c := range rw.Cells {
			cells[i] = strings.Join(c, "\n")
			if rw.class(i) == "total" {
				cells[i] = "**" + cells[i] + "**"
			}
		}
		mdRow(b, cells...)
	}
}

// header lists the report's key facts as label/value pairs.
func header(r *assessment.Report, lang assessment.Lang) [][2]string {
	kv := [][2]string{{label(lang, "engagement"), r.Engagement.Name + " (" + r.Engagement.ID + ")"}}
	for _, f := range []struct{ key, v string }{{"client", r.Engagement.Client}, {"site", r.Engagement.Site}, {"firm", r.Engagement.Firm}, {"author", r.Engagement.Author}} {
		if f.v != "" {
			kv = append(kv, [2]string{label(lang, f.key), f.v})
		}
	}
	return append(kv,
		[2]string{label(lang, "pack"), r.Pack.Title.Inline(lang) + " — " + r.Pack.ID + "@" + r.Pack.Version},
		[2]string{label(lang, "status"), statusLabel(r.Engagement.Status, lang)},
		[2]string{label(lang, "reviewed"), fmt.Sprintf("%d/%d", r.Reviewed, len(r.Answers))},
		[2]string{label(lang, "as_of"), r.AsOf.Format(timeFormat)},
	)
}

// noteLines prints comments as "[review] author: text".
func noteLines(notes []assessment.Note, lang assessment.Lang) []string {
	var out []string
	for _, n := range notes {
		out = append(out, fmt.Sprintf("[%s] %s: %s", roundLabel(n.Round, lang), n.Author, n.Text))
	}
	return out
}

// changeLine prints a history row: "2026-11-25 09:00 JST 3-5 review 1 (author)".
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
