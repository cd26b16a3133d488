package render

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"

	"github.com/otassess/otassess/assessment"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// HTMLReport renders the report as one self-contained HTML page: inline CSS
// laid out for A4 printing and the radar chart embedded as a data: PNG.
// Every value is escaped by html/template.
func HTMLReport(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	png, err := RadarPNG(r)
	if err != nil {
		return nil, err
	}
	v := htmlView{
		Lang: string(lang.Primary()), Title: label(lang, "title"), Name: r.Engagement.Name,
		Facts: header(r, lang), L: map[string]string{},
		RefNote: referenceNote(r, lang), Drafts: hasDrafts(r),
		Chart:      template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
		ChartWidth: ChartWidth, ChartHeight: ChartHeight,
		Source: strings.Join(lines(r.Pack.Source, lang), " "),
	}
	for k := range labels {
		v.L[k] = label(lang, k)
	}
	if partial(r) {
		v.Partial = label(lang, "partial")
	}
	for _, row := range r.Summary {
		v.Rows = append(v.Rows, htmlRow{Label: row.Label.Inline(lang), Self: figure(row.Self, lang), After: figure(row.After, lang),
			Reference: reference(row.Reference), Direction: direction(row.Direction, lang), Class: row.Direction, Total: row.Category == ""})
	}
	for _, c := range r.Comments {
		v.Comments = append(v.Comments, htmlComment{Category: categoryLabel(r, c.Category, lang), Items: strings.Join(c.Items, ", "),
			Lines: lines(c.Text, lang), Draft: c.Status != "approved"})
	}
	v.Interview, v.Answers, v.History = htmlItems(r, lang)
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("render: html: %w", err)
	}
	return b.Bytes(), nil
}

func htmlItems(r *assessment.Report, lang assessment.Lang) (interview []htmlInterview, answers []htmlAnswer, history []string) {
	for _, it := range r.Interview {
		interview = append(interview, htmlInterview{Item: it.Item, Question: lines(it.Question, lang), Self: answer(it.Self, lang), State: reviewState(it, lang)})
	}
	for _, a := range r.Answers {
		answers = append(answers, htmlAnswer{Item: a.Item, Question: lines(a.Question, lang), Self: answer(a.Self, lang), Review: reviewAnswer(a, lang, "–"), Notes: noteLines(a.Notes, lang)})
		for _, c := range a.History {
			history = append(history, changeLine(c, lang))
		}
	}
	return interview, answers, history
}

type htmlView struct {
	Lang, Title, Name string
	Facts             [][2]string
	L                 map[string]string
	Rows              []htmlRow
	Partial, RefNote  string
	Chart             template.URL
	ChartWidth        int
	ChartHeight       int
	Comments          []htmlComment
	Drafts            bool
	Interview         []htmlInterview
	Answers           []htmlAnswer
	History           []string
	Source            string
}

type htmlRow struct {
	Label, Self, After, Reference, Direction, Class string
	Total                                           bool
}

type htmlComment struct {
	Category, Items string
	Lines           []string
	Draft           bool
}

type htmlInterview struct {
	Item     string
	Question []string
	Self     string
	State    string
}

type htmlAnswer struct {
	Item     string
	Question []string
	Self     string
	Review   string
	Notes    []string
}
