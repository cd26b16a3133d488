package report

import (
	"errors"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// Args reads the report command's optional format and language. A
// word that is neither, or a second format or language, is not accepted:
// guessing which of two the user meant would send the wrong file.
func Args(args []string, langs assessment.Lang) (format string, lang assessment.Lang, ok bool) {
	var gotFormat, gotLang bool
	format, lang = bot.ReportFormats[0], langs
	for _, a := range args {
		a = strings.ToLower(a)
		if l, err := assessment.ParseLang(a); err == nil && !gotLang {
			lang, gotLang = l, true
			continue
		}
		if a == "markdown" {
			a = "md"
		}
		if gotFormat || !slices.Contains(bot.ReportFormats, a) {
			return "", "", false
		}
		format, gotFormat = a, true
	}
	return format, lang, true
}

// File renders the file a render request asks for from rep: the report
// in its format and language, or the radar chart, whose reply text is then
// the summary table (text is "" otherwise).
func File(rep *assessment.Report, renderer bot.Renderer, req bot.RenderRequest) (file bot.Attachment, text string, err error) {
	switch req.Kind {
	case bot.RenderReport:
		file, err = renderer.Report(rep, req.Format, req.Lang)
	case bot.RenderChart:
		file, err = renderer.Chart(rep, req.Lang)
		text = SummaryText(rep, req.Lang)
	default:
		err = errors.New("unknown kind")
	}
	return file, text, err
}
