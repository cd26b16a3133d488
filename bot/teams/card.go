package teams

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/otassess/otassess/bot"
)

// Teams limits: an activity may carry about 28 KB; texts are split well
// below that, leaving room for the envelope and markup.
const (
	maxText     = 20 << 10
	cardVersion = "1.5"
	cardType    = "application/vnd.microsoft.card.adaptive"
	cardSchema  = "http://adaptivecards.io/schemas/adaptive-card.json"
)

// card is an Adaptive Card as JSON.
type card = map[string]any

// questionCard shows progress and item id, the category, the question,
// the current answer if there is one and a legend of the levels, then two
// rows of Action.Submit buttons: the levels, and N/A with the controls
// (not sure, skip, back). Each button's data carries bot.EncodePress.
func questionCard(q *bot.Question) card {
	if q.Total == 0 {
		return choiceCard(q)
	}
	body := []any{
		textBlock(fmt.Sprintf("%d/%d · %s", q.Number, q.Total, q.Item), "weight", "Bolder", "size", "Medium"),
		textBlock(oneLine(q.Category), "isSubtle", true, "spacing", "None"),
		textBlock(q.Text),
	}
	if q.Current != "" {
		body = append(body, textBlock("✔ "+q.Current, "weight", "Bolder"))
	}
	var facts []any
	var levels, second []any
	for _, c := range q.Choices {
		if c.Value == "na" {
			second = append(second, submit(q, c, oneLine(c.Label)))
			continue
		}
		facts = append(facts, map[string]string{"title": c.Value, "value": oneLine(c.Label)})
		levels = append(levels, submit(q, c, c.Value))
	}
	for _, c := range q.Controls {
		second = append(second, submit(q, c, oneLine(c.Label)))
	}
	if len(facts) > 0 {
		body = append(body, map[string]any{"type": "FactSet", "facts": facts})
	}
	for _, row := range [][]any{levels, second} {
		if len(row) > 0 {
			body = append(body, map[string]any{"type": "ActionSet", "actions": row})
		}
	}
	return adaptive(body)
}

// choiceCard is a request that is not a checklist question (a consent
// request, the choice of an engagement): its text and a button per
// choice, titled as given.
func choiceCard(q *bot.Question) card {
	actions := make([]any, 0, len(q.Choices))
	for _, c := range q.Choices {
		actions = append(actions, submit(q, c, oneLine(c.Label)))
	}
	return adaptive([]any{textBlock(q.Text), map[string]any{"type": "ActionSet", "actions": actions}})
}

// answeredCard replaces a pressed question card: the answer, no buttons.
func answeredCard(text string) card {
	return adaptive([]any{textBlock(text)})
}

func adaptive(body []any) card {
	return card{"type": "AdaptiveCard", "$schema": cardSchema, "version": cardVersion, "body": body}
}

func submit(q *bot.Question, c bot.Choice, title string) map[string]any {
	return map[string]any{"type": "Action.Submit", "title": title, "data": map[string]string{submitKey: bot.EncodePress(q, c.Value)}}
}

// textBlock is a wrapping TextBlock with extra property pairs.
func textBlock(text string, props ...any) map[string]any {
	tb := map[string]any{"type": "TextBlock", "text": text, "wrap": true}
	for i := 0; i+1 < len(props); i += 2 {
		tb[props[i].(string)] = props[i+1]
	}
	return tb
}

// oneLine joins the lines of a two-language label with " / ".
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " / ") }

// cardActivity is a message carrying one card, with a text fallback for
// notifications.
func cardActivity(c card, summary string) *activity {
	return &activity{Type: "message", Text: html.EscapeString(clip(summary, 200)), TextFormat: "xml",
		Attachments: []attachment{{ContentType: cardType, Content: c}}}
}

var userMention = regexp.MustCompile(`<@([A-Za-z0-9_.:-]+)>`)

// textActivity renders plain engine text as Teams "xml" text: escaped,
// line breaks kept, and <@id> mentions of users whose name the adapter
// has seen turned into Teams mentions (others into @id).
func textActivity(text string, names *names) *activity {
	a := &activity{Type: "message", TextFormat: "xml"}
	var b strings.Builder
	last := 0
	for _, m := range userMention.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(escape(text[last:m[0]]))
		last = m[1]
		id := text[m[2]:m[3]]
		who, ok := names.get(id)
		if !ok {
			b.WriteString("@" + html.EscapeString(id))
			continue
		}
		tag := "<at>" + html.EscapeString(who.Name) + "</at>"
		b.WriteString(tag)
		a.Entities = append(a.Entities, entity{Type: "mention", Text: tag, Mentioned: &account{ID: who.ID, Name: who.Name}})
	}
	b.WriteString(escape(text[last:]))
	a.Text = b.String()
	return a
}

func escape(s string) string { return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>") }

// split cuts text into parts of at most max bytes, at the last line break
// (else space) that fits, else at a rune boundary. Empty text has none.
func split(s string, max int) []string {
	var parts []string
	for strings.TrimSpace(s) != "" {
		if len(s) <= max {
			parts = append(parts, strings.TrimRight(s, " \n"))
			break
		}
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if i := strings.LastIndexByte(s[:cut], '\n'); i > 0 {
			cut = i
		} else if i := strings.LastIndexByte(s[:cut], ' '); i > 0 {
			cut = i
		}
		parts = append(parts, strings.TrimRight(s[:cut], " \n"))
		s = strings.TrimLeft(s[cut:], " \n")
	}
	return parts
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
