package discord

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/text/unicode/norm"
)

// A subcommand's options, read back into the words the engine parses (the
// registration of the options is in command_options.go).

// optionsText builds the engine's text for a subcommand with options.
func optionsText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	switch sub.Name {
	case "reassess":
		return reassessText(sub)
	case "report":
		return optWords(sub, "report", optChoice("format", formatChoices), optChoice("lang", langChoices))
	case "approve":
		return approveText(sub)
	case "assign":
		return assignText(sub)
	case "edit":
		return optWords(sub, "edit", optNumber("number"), optField, optRest("text"))
	case "finding":
		return findingText(sub)
	case "priority":
		return optWords(sub, "priority", optNumber("number"), optNumber("rank"))
	case "summarize":
		return summarizeText(sub)
	case "notes":
		return optWords(sub, "notes", optItem)
	case "explain":
		return optWords(sub, "explain", optItem, optRest("question"))
	case "llm":
		return optWords(sub, "llm", optChoice("state", onOffChoices))
	case "lang":
		return langText(sub)
	}
	return "", &optionError{textBadCommand}
}

// optPart reads one word (or, last, free text) of a command from an option;
// "" when the option is absent.
type optPart func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error)

// optWords is the command word followed by the parts that are present.
func optWords(sub *discordgo.ApplicationCommandInteractionDataOption, word string, parts ...optPart) (string, error) {
	words := []string{word}
	for _, p := range parts {
		w, err := p(sub)
		if err != nil {
			return "", err
		}
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " "), nil
}

func reassessText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	return optWords(sub, "reassess", optRequired(optItem), optRequired(optChoice("level", levelChoices)), optRest("reason"))
}

func approveText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	first, err := optNumber("number")(sub)
	if err != nil {
		return "", err
	}
	words := []string{"approve", first}
	for _, w := range strings.FieldsFunc(stringOption(sub, "more"), isSeparator) {
		w = strings.TrimPrefix(norm.NFKC.String(w), "#")
		if n, err := strconv.Atoi(w); err != nil || n < 1 {
			return "", &optionError{textBadMore}
		}
		words = append(words, w)
	}
	return strings.Join(words, " "), nil
}

// findingText builds finding add [good] <items|site> <text>.
func findingText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	kind, err := optChoice("kind", kindChoices)(sub)
	if err != nil {
		return "", err
	}
	if kind == "improvement" {
		kind = ""
	}
	return optWords(sub, "finding add", optValue(kind), optRequired(optItems), optRequired(optRest("text")))
}

// citedPattern is what the items option may hold: site, or item ids and
// ranges joined by commas (full-width forms read as ASCII).
var citedPattern = regexp.MustCompile(`^(site|[0-9]+-[0-9]+([,、~～〜][0-9]+-[0-9]+)*)$`)

// optItems reads the items option of finding: one word of ids, or site.
func optItems(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	v := norm.NFKC.String(stringOption(sub, "items"))
	if v != "" && !citedPattern.MatchString(strings.ToLower(v)) {
		return "", &optionError{textBadItems}
	}
	return v, nil
}

// optField reads edit's field: "direction", or nothing for the risk factor.
func optField(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	f, err := optChoice("field", fieldChoices)(sub)
	if f == "risk" {
		f = ""
	}
	return f, err
}

// summarizeText builds summarize [thread|here|last <window>] [lang]. A
// window alone means scope last.
func summarizeText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	scope, err := optChoice("scope", scopeChoices)(sub)
	if err != nil {
		return "", err
	}
	window, err := optWord("window", textBadWindow)(sub)
	if err != nil {
		return "", err
	}
	if window != "" && scope == "" {
		scope = "last"
	}
	if (scope == "last") != (window != "") {
		return "", &optionError{textWindowScope}
	}
	return optWords(sub, "summarize", optValue(scope), optValue(window), optChoice("lang", langChoices))
}

func langText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	l, o := stringOption(sub, "lang"), stringOption(sub, "order")
	switch {
	case (l == "") == (o == ""):
		return "", &optionError{textLangOrOrder}
	case o != "":
		return optWords(sub, "lang order", optChoice("order", orderChoices))
	}
	return optWords(sub, "lang", optChoice("lang", langChoices))
}

// itemPattern is the shape every pack's item ids have (assessment checks
// packs against it). Full-width digits read as ASCII, as the engine reads them.
var itemPattern = regexp.MustCompile(`^[0-9]+-[0-9]+$`)

// optItem reads the item option: one id such as 3-5.
func optItem(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	id := norm.NFKC.String(stringOption(sub, "item"))
	if id != "" && !itemPattern.MatchString(id) {
		return "", &optionError{textBadItem}
	}
	return id, nil
}

// optWord reads an option that must be a single word; bad says so.
func optWord(name string, bad text) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		v := stringOption(sub, name)
		if len(strings.Fields(v)) > 1 {
			return "", &optionError{bad}
		}
		return v, nil
	}
}

// optChoice reads an option with fixed choices; a value that is not one of
// them (only a forged or outdated command sends one) is refused.
func optChoice(name string, cs []choice) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		v := stringOption(sub, name)
		if v != "" && !slices.ContainsFunc(cs, func(c choice) bool { return c.value == v }) {
			return "", &optionError{textBadCommand}
		}
		return v, nil
	}
}

// optNumber reads a required integer option: a finding number or rank from 1.
func optNumber(name string) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		n, ok := intOption(sub, name)
		if !ok || n < 1 {
			return "", &optionError{textBadNumber}
		}
		return strconv.Itoa(n), nil
	}
}

// optRest reads free text that ends the command (a reason, a question): the
// engine takes every word after the ones before it, so it shifts nothing.
func optRest(name string) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		return stringOption(sub, name), nil
	}
}

// optValue is a word the subcommand itself decided ("" for none).
func optValue(w string) optPart {
	return func(*discordgo.ApplicationCommandInteractionDataOption) (string, error) { return w, nil }
}

// optRequired refuses a part that is absent: Discord enforces required
// options, so only a forged or outdated command lacks one.
func optRequired(p optPart) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		w, err := p(sub)
		if err == nil && w == "" {
			err = &optionError{textBadCommand}
		}
		return w, err
	}
}

// intOption is an integer option's value; false when it is absent or not
// a whole number.
func intOption(sub *discordgo.ApplicationCommandInteractionDataOption, name string) (int, bool) {
	o := sub.GetOption(name)
	if o == nil {
		return 0, false
	}
	f, ok := o.Value.(float64)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return 0, false
	}
	return int(f), true
}

func isSeparator(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '、' || r == '，' }

func assignOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		option(discordgo.ApplicationCommandOptionString, "items", "Item ids and ranges, e.g. 3-1..3-8,2-4", "項目番号と範囲（例：3-1..3-8,2-4）", true),
		option(discordgo.ApplicationCommandOptionUser, "to", "Who answers them (none: back to the SPOC)", "回答する人（指定なしで窓口担当者に戻す）", false),
		option(discordgo.ApplicationCommandOptionString, "also", "More people, as @mentions", "ほかに回答する人（@メンション）", false),
	}
}

// assignPattern is what assign's items option may hold: item ids and
// ranges joined by commas (full-width forms read as ASCII).
var assignPattern = regexp.MustCompile(`^[0-9]+-[0-9]+((\.{2,3}|[,、~～〜])[0-9]+-[0-9]+)*$`)

// assignText builds assign <items> <@id>… , or assign <items> spoc when
// nobody is named: the items go back to the SPOC.
func assignText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	items := norm.NFKC.String(stringOption(sub, "items"))
	if !assignPattern.MatchString(items) {
		return "", &optionError{textBadAssign}
	}
	words := []string{"assign", items}
	to, err := optMention("to")(sub)
	if err != nil {
		return "", err
	}
	if to != "" {
		words = append(words, to)
	}
	more, err := mentions(stringOption(sub, "also"))
	if err != nil {
		return "", err
	}
	for _, id := range more {
		words = append(words, "<@"+id+">")
	}
	if len(words) == 2 {
		words = append(words, "spoc")
	}
	return strings.Join(words, " "), nil
}
