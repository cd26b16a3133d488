package discord

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
)

// Discord's limits, in UTF-16 code units as Discord counts them.
const (
	maxContent     = 2000
	maxEmbedText   = 4096
	maxButtonLabel = 80
	maxCustomID    = 100
	rowSize        = 5
	questionColour = 0x2b6cb0
)

// allowUsers lets a message ping the users it mentions but never @everyone,
// @here or a role, whatever text a user typed into a name.
var allowUsers = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeUsers}}

// messages renders a reply as the Discord messages that carry it: a
// question as one message with an embed and button rows, text as plain
// content split at Discord's 2000-character limit.
func messages(r bot.Reply) ([]*discordgo.MessageSend, error) {
	var out []*discordgo.MessageSend
	for _, part := range split(r.Text, maxContent) {
		out = append(out, &discordgo.MessageSend{Content: part, AllowedMentions: allowUsers})
	}
	if q := r.Question; q != nil && q.Total == 0 {
		rows, err := choiceButtons(q)
		if err != nil {
			return nil, err
		}
		return append(out, &discordgo.MessageSend{Content: truncate(q.Text, maxContent), Components: rows, AllowedMentions: allowUsers}), nil
	}
	if r.Question != nil {
		rows, err := buttons(r.Question)
		if err != nil {
			return nil, err
		}
		out = append(out, &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{embed(r.Question)}, Components: rows, AllowedMentions: allowUsers})
	}
	return out, nil
}

// embed shows progress and item id as the title, the question, the current
// answer if there is one, a legend of the levels, and the category.
func embed(q *bot.Question) *discordgo.MessageEmbed {
	var b strings.Builder
	b.WriteString(q.Text)
	if q.Current != "" {
		fmt.Fprintf(&b, "\n\n**✔ %s**", q.Current)
	}
	b.WriteString("\n")
	for _, c := range q.Choices {
		if c.Value != "na" {
			fmt.Fprintf(&b, "\n`%s` %s", c.Value, oneLine(c.Label))
		}
	}
	return &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("%d/%d · %s", q.Number, q.Total, q.Item),
		Description: truncate(b.String(), maxEmbedText),
		Color:       questionColour,
		Footer:      &discordgo.MessageEmbedFooter{Text: truncate(oneLine(q.Category), 2048)},
	}
}

// buttons lays out the choices: the levels in rows of five (one row for
// the 0–4 scale), then N/A and the controls (not sure, skip, back). Each
// custom_id is bot.EncodePress of the question and the value.
func buttons(q *bot.Question) ([]discordgo.MessageComponent, error) {
	var levels, second []discordgo.MessageComponent
	for _, c := range q.Choices {
		if c.Value == "na" {
			second = append(second, button(q, c, oneLine(c.Label), discordgo.SecondaryButton))
			continue
		}
		levels = append(levels, button(q, c, c.Value, discordgo.PrimaryButton))
	}
	for _, c := range q.Controls {
		second = append(second, button(q, c, oneLine(c.Label), discordgo.SecondaryButton))
	}
	var rows []discordgo.MessageComponent
	for _, group := range [][]discordgo.MessageComponent{levels, second} {
		for len(group) > 0 {
			n := min(rowSize, len(group))
			rows = append(rows, discordgo.ActionsRow{Components: group[:n]})
			group = group[n:]
		}
	}
	if len(rows) > 5 {
		return nil, fmt.Errorf("discord: question %s has %d button rows (at most 5)", q.Item, len(rows))
	}
	for _, c := range append(q.Choices, q.Controls...) {
		if id := bot.EncodePress(q, c.Value); len(id) > maxCustomID {
			return nil, fmt.Errorf("discord: button id %q is longer than %d", id, maxCustomID)
		}
	}
	return rows, nil
}

// choiceButtons lays out a request that is not a checklist question (a
// consent request, the choice of an engagement): a button per choice,
// labelled as given, in rows of five.
func choiceButtons(q *bot.Question) ([]discordgo.MessageComponent, error) {
	var rows []discordgo.MessageComponent
	for i := 0; i < len(q.Choices); i += rowSize {
		var row []discordgo.MessageComponent
		for _, c := range q.Choices[i:min(i+rowSize, len(q.Choices))] {
			if id := bot.EncodePress(q, c.Value); len(id) > maxCustomID {
				return nil, fmt.Errorf("discord: button id %q is longer than %d", id, maxCustomID)
			}
			row = append(row, button(q, c, oneLine(c.Label), discordgo.PrimaryButton))
		}
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	if len(rows) > 5 {
		return nil, fmt.Errorf("discord: %s has %d button rows (at most 5)", q.Item, len(rows))
	}
	return rows, nil
}

func button(q *bot.Question, c bot.Choice, label string, style discordgo.ButtonStyle) discordgo.Button {
	return discordgo.Button{Label: truncate(label, maxButtonLabel), Style: style, CustomID: bot.EncodePress(q, c.Value)}
}

// oneLine joins the lines of a two-language label with " / ".
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " / ") }

// length is s's length as Discord counts it (UTF-16 code units).
func length(s string) int { return len(utf16.Encode([]rune(s))) }

// truncate shortens s to at most max units, marking the cut with "…".
func truncate(s string, max int) string {
	if length(s) <= max {
		return s
	}
	rs := []rune(s)
	return string(rs[:fit(rs, max-1)]) + "…"
}

// split cuts text into parts of at most max units, at the last line break
// (else space) that fits, else hard. Empty text has no parts.
func split(s string, max int) []string {
	var parts []string
	for strings.TrimSpace(s) != "" {
		if length(s) <= max {
			parts = append(parts, strings.TrimRight(s, " \n"))
			break
		}
		rs := []rune(s)
		n := fit(rs, max)
		cut := n
		if i := strings.LastIndexAny(string(rs[:n]), "\n"); i > 0 {
			cut = len([]rune(string(rs[:n])[:i]))
		} else if i := strings.LastIndexAny(string(rs[:n]), " "); i > 0 {
			cut = len([]rune(string(rs[:n])[:i]))
		}
		parts = append(parts, strings.TrimRight(string(rs[:cut]), " \n"))
		s = strings.TrimLeft(string(rs[cut:]), " \n")
	}
	return parts
}

// fit is how many runes of rs fit in max UTF-16 units.
func fit(rs []rune, max int) int {
	units := 0
	for i, r := range rs {
		w := utf16.RuneLen(r)
		if units+w > max {
			return i
		}
		units += w
	}
	return len(rs)
}
