package discord

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// commandName is the application command every subcommand hangs under.
const commandName = "otassess"

// optionError is a bad command option, told to the user privately.
type optionError struct{ msg text }

func (e *optionError) Error() string { return e.msg.en }

// applicationCommand is /otassess with one subcommand per chat word the
// engine accepts in a channel (ping is a group of its settings). Options
// are typed where Discord can check them (users, integers, choices for
// levels, formats and languages), so the engine reads the same text as
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
			subcommand("scores", "Show scores and findings", "スコアと所見を表示"),
			subcommand("review", "List open and not-sure items", "未回答・わからない項目を表示"),
			subcommand("reassess", "Re-evaluate an item after the site visit", "現地調査後に項目を再評価", reassessOptions()...),
			subcommand("assign", "Give items to someone to answer", "項目の回答を依頼", assignOptions()...),
			subcommand("report", "Export the report as a file", "報告書をファイルで出力", reportOptions()...),
			subcommand("close", "Close the engagement", "案件をクローズ"),
			subcommand("findings", "List the findings with their numbers", "所見を番号付きで表示"),
			subcommand("finding", "Add a finding by hand", "所見を手で追加", findingOptions()...),
			subcommand("drafts", "Draft the findings again from the answers", "回答から所見の下書きを作り直す"),
			subcommand("approve", "Approve findings by number", "所見を番号で承認", approveOptions()...),
			subcommand("edit", "Rewrite a finding's risk factor or direction", "所見のリスク要因または対策の方向性を書き換える", editOptions()...),
			subcommand("priority", "Move a finding to a rank", "所見の優先度を変更", priorityOptions()...),
			subcommand("summarize", "Summarize this thread or channel", "スレッドやチャンネルの会話を要約", summarizeOptions()...),
			subcommand("notes", "Show the comments on the items, with translations", "項目へのコメントを翻訳とともに表示", itemOption(false)),
			subcommand("explain", "Explain an item in plain words", "項目をわかりやすく説明", explainOptions()...),
			pingGroup(),
			subcommand("llm", "Show or switch the language model for this engagement", "この案件での言語モデルの利用を表示・切り替え", llmOptions()...),
			subcommand("help", "List the commands", "コマンド一覧"),
			subcommand("lang", "Set your language or how translations are shown", "表示言語や翻訳の表示順を設定", langOptions()...),
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
	return choiceOption(name, en, ja, required, langChoices)
}

// commandText turns an /otassess invocation into the text command the
// engine reads. String options are checked so that none can smuggle in
// another option or shift the words after it (a name with ":", an item id
// or a time of two words); anything else wrong is an *optionError.
func commandText(data discordgo.ApplicationCommandInteractionData) (string, error) {
	if data.Name != commandName || len(data.Options) != 1 {
		return "", &optionError{textBadCommand}
	}
	sub := data.Options[0]
	switch {
	case sub.Type == discordgo.ApplicationCommandOptionSubCommandGroup && sub.Name == "ping":
		if len(sub.Options) != 1 || sub.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
			return "", &optionError{textBadCommand}
		}
		return pingText(sub.Options[0])
	case sub.Type != discordgo.ApplicationCommandOptionSubCommand:
		return "", &optionError{textBadCommand}
	}
	switch sub.Name {
	case "new":
		return newText(sub)
	case "start", "status", "scores", "review", "close", "findings", "drafts", "help":
		return sub.Name, nil
	}
	return optionsText(sub)
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
	if l, err := optChoice("lang", langChoices)(sub); err != nil {
		return "", err
	} else if l != "" {
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
	for _, w := range strings.FieldsFunc(s, isSeparator) {
		m := mentionToken.FindStringSubmatch(w)
		if m == nil {
			return nil, &optionError{textBadAssessors}
		}
		ids = append(ids, m[1]+m[2])
	}
	return ids, nil
}
