package slack

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
)

// Slack's limits, in characters.
const (
	maxSection   = 3000  // a section block's text
	maxMessage   = 40000 // a message's text
	maxBlocks    = 50    // blocks in a message
	maxHeader    = 150   // a header block's text
	maxButton    = 75    // a button's label
	maxFallback  = 3000  // what we put in text next to blocks
	levelsBlock  = "levels"
	controlBlock = "controls"
)

// questionBlocks renders a question as Block Kit: a header with progress
// and item id, the question, a context line with the category, the current
// answer and the help hint, the five levels and N/A as buttons, then not
// sure, skip and back. Each button's value is bot.EncodePress, so a press
// names the engagement, item and serial it was shown with. When a level's
// label is too long for a button (both languages), the button shows the
// short form and a legend above the buttons gives the full labels.
func questionBlocks(q *bot.Question) []slackgo.Block {
	id := fmt.Sprintf("q:%s:%s:%d:", q.Engagement, q.Item, q.Serial)
	if q.Total == 0 {
		return choiceBlocks(q, id)
	}
	header := fmt.Sprintf("%d/%d · %s", q.Number, q.Total, q.Item)
	info := []slackgo.MixedElement{mrkdwn(clip(oneLine(q.Category), maxSection))}
	if q.Current != "" {
		info = append(info, mrkdwn("✓ "+clip(oneLine(q.Current), maxSection)))
	}
	info = append(info, mrkdwn(":information_source: `help`"))
	blocks := []slackgo.Block{
		slackgo.NewHeaderBlock(plain(truncate(header, maxHeader))),
		slackgo.NewSectionBlock(mrkdwn(clip(q.Text, maxSection)), nil, nil),
		slackgo.NewContextBlock("", info...),
	}
	levels, full := levelButtons(q)
	if !full {
		blocks = append(blocks, slackgo.NewContextBlock("", mrkdwn(legend(q.Choices))))
	}
	return append(blocks,
		slackgo.NewActionBlock(id+levelsBlock, levels...),
		slackgo.NewActionBlock(id+controlBlock, controlButtons(q)...))
}

// choiceBlocks lays out a request with buttons that is not a checklist
// question (a consent request, the choice of an engagement): its text and
// a button per choice, labelled as given.
func choiceBlocks(q *bot.Question, id string) []slackgo.Block {
	els := make([]slackgo.BlockElement, 0, len(q.Choices))
	for i, c := range q.Choices {
		els = append(els, slackgo.NewButtonBlockElement(fmt.Sprintf("choice_%d", i), bot.EncodePress(q, c.Value),
			plain(truncate(oneLine(c.Label), maxButton))))
	}
	return []slackgo.Block{slackgo.NewSectionBlock(mrkdwn(clip(q.Text, maxSection)), nil, nil),
		slackgo.NewActionBlock(id+"choices", els...)}
}

// levelButtons labels each level "value label" when every label fits a
// button; otherwise each shows its first line, cut to fit. full reports
// whether the buttons show the labels whole.
func levelButtons(q *bot.Question) (els []slackgo.BlockElement, full bool) {
	full = true
	for _, c := range q.Choices {
		if utf8.RuneCountInString(choiceLabel(c)) > maxButton {
			full = false
		}
	}
	for _, c := range q.Choices {
		text := choiceLabel(c)
		if !full {
			first, _, _ := strings.Cut(c.Label, "\n")
			text = choiceLabel(bot.Choice{Value: c.Value, Label: first})
		}
		els = append(els, slackgo.NewButtonBlockElement("level_"+c.Value, bot.EncodePress(q, c.Value), plain(truncate(text, maxButton))))
	}
	return els, full
}

func controlButtons(q *bot.Question) []slackgo.BlockElement {
	els := make([]slackgo.BlockElement, 0, len(q.Controls))
	for _, c := range q.Controls {
		els = append(els, slackgo.NewButtonBlockElement("control_"+c.Value, bot.EncodePress(q, c.Value), plain(truncate(oneLine(c.Label), maxButton))))
	}
	return els
}

// choiceLabel is a level's button text: "2 In place"; N/A shows its label alone.
func choiceLabel(c bot.Choice) string {
	if c.Value == "na" || c.Value == c.Label {
		return oneLine(c.Label)
	}
	return c.Value + " " + oneLine(c.Label)
}

// legend lists the levels with their full labels, one per line.
func legend(cs []bot.Choice) string {
	lines := make([]string, 0, len(cs))
	for _, c := range cs {
		lines = append(lines, "*"+escape(c.Value)+"* "+escape(oneLine(c.Label)))
	}
	return truncate(strings.Join(lines, "\n"), maxSection)
}

// oneLine joins the lines of a two-language label.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " / ") }

// questionText is the plain fallback of a question (notifications,
// clients without blocks).
func questionText(q *bot.Question) string {
	if q.Total == 0 {
		return clip(q.Text, maxFallback)
	}
	return clip(fmt.Sprintf("%d/%d %s: %s", q.Number, q.Total, q.Item, q.Text), maxFallback)
}

// answeredBlocks is a pressed question after the press: its text, no buttons.
func answeredBlocks(text string) []slackgo.Block {
	return []slackgo.Block{slackgo.NewSectionBlock(mrkdwn(clip(text, maxSection)), nil, nil)}
}

// fallback is the escaped text sent next to blocks.
func fallback(text string) string { return clip(text, maxFallback) }

// textMessage is one message of a long text: its sections and fallback.
type textMessage struct {
	blocks []slackgo.Block
	text   string
}

// textMessages renders text as mrkdwn sections of at most 3000 characters,
// cut at line ends where possible, grouped into messages of at most 50
// blocks and 40,000 characters.
func textMessages(text string) []textMessage {
	var msgs []textMessage
	var cur textMessage
	size := 0
	for _, part := range splitEscaped(text, maxSection) {
		n := utf8.RuneCountInString(part)
		if len(cur.blocks) == maxBlocks || (len(cur.blocks) > 0 && size+n > maxMessage) {
			msgs = append(msgs, cur)
			cur, size = textMessage{}, 0
		}
		if len(cur.blocks) == 0 {
			cur.text = truncate(part, maxFallback)
		}
		cur.blocks = append(cur.blocks, slackgo.NewSectionBlock(mrkdwn(part), nil, nil))
		size += n
	}
	if len(cur.blocks) > 0 {
		msgs = append(msgs, cur)
	}
	return msgs
}

// splitEscaped escapes text and cuts it into pieces of at most max
// characters each, at line ends where a line fits, else inside the line
// (never inside an escape such as &amp;).
func splitEscaped(text string, max int) []string {
	var parts []string
	var b strings.Builder
	n := 0
	flush := func() {
		if s := strings.TrimRight(b.String(), "\n"); strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
		b.Reset()
		n = 0
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		esc := escape(line)
		m := utf8.RuneCountInString(esc)
		if n+m > max {
			flush()
		}
		for m > max {
			head, rest := cutRunes(line, max)
			parts = append(parts, escape(head))
			line = rest
			esc = escape(line)
			m = utf8.RuneCountInString(esc)
		}
		b.WriteString(esc)
		n += m
	}
	flush()
	return parts
}

// cutRunes splits s so that escape(head) has at most max characters.
func cutRunes(s string, max int) (head, rest string) {
	n := 0
	for i, r := range s {
		w := 1
		switch r {
		case '&':
			w = 5
		case '<', '>':
			w = 4
		}
		if n+w > max {
			return s[:i], s[i:]
		}
		n += w
	}
	return s, ""
}

// linkToken matches what stays as markup in text we post: user and channel
// mentions. Everything else (including <!channel> and <!here>, which
// would ping everyone) is escaped and shown as typed.
var linkToken = regexp.MustCompile(`<[@#][A-Z0-9]+(?:\|[^<>]*)?>`)

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes text safe for Slack's text fields, keeping user and channel mentions.
func escape(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkToken.FindAllStringIndex(s, -1) {
		b.WriteString(escaper.Replace(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(escaper.Replace(s[last:]))
	return b.String()
}

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// unescape turns Slack's escaped message text back into what the person
// typed (mentions stay as <@U…> markup).
func unescape(s string) string { return unescaper.Replace(s) }

// clip escapes s and cuts it so the result has at most max characters,
// never inside an escape.
func clip(s string, max int) string {
	if _, rest := cutRunes(s, max); rest == "" {
		return escape(s)
	}
	head, _ := cutRunes(s, max-1)
	return escape(head) + "…"
}

// truncate cuts s to at most max characters, marking the cut with an ellipsis.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

func plain(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.PlainTextType, s, true, false)
}

func mrkdwn(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.MarkdownType, s, false, false)
}
