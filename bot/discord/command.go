package discord

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
)

// commandName is the application command every subcommand hangs under.
const commandName = "otassess"

// optionError is a bad command option, told to the user privately.
type optionError struct{ msg text }

func (e *optionError) Error() string { return e.msg.en }

// applicationCommand is /otassess with one subcommand per chat word the
// engine accepts in a channel. Options are typed where Discord can check
// them (users, language choices), so the engine reads the same text as
// from Slack: new Plant-A spoc:<@1> lead:<@2> assessor:<@3> lang:en.
func applicationCommand() *discordgo.ApplicationCommand {
	contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	return &discordgo.ApplicationCommand{
		Name:                     commandName,
		Type:                     discordgo.ChatApplicationCommand,
		Description:              "OT security assessment",
		DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.Japanese: "OT セキュリティ診断"},
		Contexts:                 &contexts,
		Options: []*discordgo.ApplicationCommandOption{
			subcommand("new", "Create an engagement bound to this channel", "このチャンネルに案件を作成", newOptions()...),
			subcommand("start", "Send the checklist to the SPOC", "窓口担当者への質問を開始"),
			subcommand("status", "Show progress", "進捗を表示"),
			subcommand("scores", "Show scores and draft risk comments", "スコアとリスクコメント案を表示"),
			subcommand("review", "List open and not-sure items", "未回答・わからない項目を表示"),
			subcommand("help", "List the commands", "コマンド一覧"),
			subcommand("lang", "Set your language", "表示言語を設定", langOption("lang", "Language", "言語", true)),
		},
	}
}

func newOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		option(discordgo.ApplicationCommandOptionString, "name", "Engagement name", "案件名", true),
		option(discordgo.ApplicationCommandOptionUser, "spoc", "Client contact who answers the checklist", "チェックリストに回答する窓口担当者", true),
		option(discordgo.ApplicationCommandOptionUser, "lead", "Project lead", "プロジェクトリード", true),
		option(discordgo.ApplicationCommandOptionString, "assessors", "More assessors, as @mentions", "追加のアセッサー（@メンション）", false),
		langOption("lang", "Languages of the engagement", "案件の言語", false),
		option(discordgo.ApplicationCommandOptionString, "tz", "Time zone, e.g. Asia/Tokyo", "タイムゾーン（例：Asia/Tokyo）", false),
	}
}

func subcommand(name, en, ja string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	o := option(discordgo.ApplicationCommandOptionSubCommand, name, en, ja, false)
	o.Options = opts
	return o
}

func option(typ discordgo.ApplicationCommandOptionType, name, en, ja string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: typ, Name: name, Description: en, Required: required,
		DescriptionLocalizations: map[discordgo.Locale]string{discordgo.Japanese: ja},
	}
}

func langOption(name, en, ja string, required bool) *discordgo.ApplicationCommandOption {
	o := option(discordgo.ApplicationCommandOptionString, name, en, ja, required)
	o.Choices = []*discordgo.ApplicationCommandOptionChoice{
		{Name: "日本語", Value: "ja"}, {Name: "English", Value: "en"}, {Name: "日本語 + English", Value: "both"},
	}
	return o
}

// commandText turns an /otassess invocation into the text command the
// engine reads. String options are checked so that none can smuggle in
// another option (a name with ":" or a tz with spaces).
func commandText(data discordgo.ApplicationCommandInteractionData) (string, error) {
	if data.Name != commandName || len(data.Options) != 1 || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return "", &optionError{textBadCommand}
	}
	sub := data.Options[0]
	switch sub.Name {
	case "new":
		return newText(sub)
	case "lang":
		return "lang " + stringOption(sub, "lang"), nil
	case "start", "status", "scores", "review", "help":
		return sub.Name, nil
	}
	return "", &optionError{textBadCommand}
}

// newText builds: new <name> spoc:<@id> lead:<@id> [assessor:<@id> …] [lang:…] [tz:…].
func newText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	name := strings.Join(strings.Fields(stringOption(sub, "name")), " ")
	if strings.ContainsAny(name, ":：") {
		return "", &optionError{textNameColon}
	}
	words := []string{"new", name}
	for _, role := range []string{"spoc", "lead"} {
		if id := stringOption(sub, role); id != "" {
			words = append(words, role+":<@"+id+">")
		}
	}
	ids, err := mentions(stringOption(sub, "assessors"))
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		words = append(words, "assessor:<@"+id+">")
	}
	if l := stringOption(sub, "lang"); l != "" {
		words = append(words, "lang:"+l)
	}
	if tz := stringOption(sub, "tz"); tz != "" {
		if len(strings.Fields(tz)) != 1 || strings.Contains(tz, ":") {
			return "", &optionError{textBadTZ}
		}
		words = append(words, "tz:"+strings.TrimSpace(tz))
	}
	return strings.Join(words, " "), nil
}

// stringOption is a subcommand option's value as text ("" when absent).
// User options carry the user id.
func stringOption(sub *discordgo.ApplicationCommandInteractionDataOption, name string) string {
	o := sub.GetOption(name)
	if o == nil || o.Value == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(o.Value))
}

// mentionToken is one user in the assessors option: <@123>, <@!123> or 123.
var mentionToken = regexp.MustCompile(`^(?:<@!?(\d+)>|(\d+))$`)

// mentions reads a string of user mentions separated by spaces or commas.
func mentions(s string) ([]string, error) {
	var ids []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '、' }) {
		m := mentionToken.FindStringSubmatch(w)
		if m == nil {
			return nil, &optionError{textBadAssessors}
		}
		ids = append(ids, m[1]+m[2])
	}
	return ids, nil
}
