package discord

import (
	"github.com/bwmarrin/discordgo"
)

// The subcommands with options beyond new: their registration and how
// their options become the words the engine reads (bot/commands.go and the
// cmd* functions it names). Every value is checked for its shape only; the
// engine checks the meaning (does the item exist, is the time of day
// valid) and answers in the user's language.

// Sentences for options the adapter cannot turn into a command.
var (
	textBadItem     = text{"item には 3-5 のような項目番号を1つ指定してください。", "item takes one item id, such as 3-5."}
	textBadNumber   = text{"所見の番号と順位は 1 以上の整数です。番号は /otassess findings で確認できます。", "Finding numbers and ranks are whole numbers from 1. /otassess findings lists them."}
	textBadMore     = text{"more には承認する所見の番号を空白で区切って指定してください（例：2 5）。", "more takes further finding numbers separated by spaces, for example 2 5."}
	textBadItems    = text{"items には 3-5,3-6 や 1-1～1-4 のような項目番号を空白なしで指定するか、現地調査での所見なら site と指定してください。", "items takes item ids without spaces, such as 3-5,3-6 or 1-1~1-4, or site for an observation made on site."}
	textBadAssign   = text{"items には 3-1..3-8,2-4 のような項目番号と範囲を空白なしで指定してください。", "items takes item ids and ranges without spaces, such as 3-1..3-8,2-4."}
	textBadWindow   = text{"window には 30m・2h・1d のような期間を1つ指定してください。", "window takes one period, such as 30m, 2h or 1d."}
	textWindowScope = text{"期間（window）は scope の last と一緒に指定してください（例：scope:last window:2h）。", "A window goes with scope last, for example scope:last window:2h."}
	textLangOrOrder = text{"lang（表示言語）か order（翻訳の表示順）のどちらか一方を指定してください。", "Give either lang (your language) or order (how translations are shown), not both."}
	textBadTime     = text{"time には 09:00 のような時刻を1つ指定してください。", "time takes one time of day, such as 09:00."}
	textBadDates    = text{"dates には 2026-12-29 のような日付を空白で区切って指定してください。", "dates takes dates such as 2026-12-29, separated by spaces."}
	textBadZone     = text{"zone にはタイムゾーン名を1語で指定してください（例：Asia/Bangkok、個人の設定を戻すときは default）。", "zone takes a single time zone name, for example Asia/Bangkok (or default, to clear a person's own)."}
)

// choice is one fixed value of an option, with its label in both languages.
type choice struct{ value, en, ja string }

var (
	levelChoices = []choice{
		{"0", "0 · Not in place", "0 · 実施していない"},
		{"1", "1 · Partly in place", "1 · 一部で実施している"},
		{"2", "2 · In place", "2 · 実施している"},
		{"3", "3 · In place, documented or automated, and reviewed regularly", "3 · 実施し、文書化または自動化したうえで定期的に見直している"},
		{"4", "4 · Documented or automated, reviewed regularly and on external change", "4 · 文書化または自動化し、定期的に、また外部環境の変化に応じて随時見直している"},
		{"na", "na · Not applicable", "na · 該当しない"},
	}
	formatChoices = []choice{
		{"html", "HTML", "HTML"}, {"xlsx", "Excel (xlsx)", "Excel（xlsx）"},
		{"md", "Markdown (md)", "Markdown（md）"}, {"json", "JSON", "JSON"},
	}
	scopeChoices = []choice{
		{"thread", "This thread", "このスレッド"},
		{"here", "This channel, last 24 hours", "このチャンネルの直近24時間"},
		{"last", "A window of this channel (set window)", "このチャンネルの指定期間（window で指定）"},
	}
	langChoices = []choice{
		{"ja", "日本語", "日本語"}, {"en", "English", "English"}, {"both", "日本語 + English", "日本語 + English"},
	}
	onOffChoices = []choice{{"on", "On", "使う"}, {"off", "Off", "使わない"}}
	kindChoices  = []choice{{"improvement", "Improvement", "改善点"}, {"good", "Good point", "良い点"}}
	fieldChoices = []choice{{"risk", "Risk factor", "リスク要因"}, {"direction", "Direction", "対策の方向性"}}
	orderChoices = []choice{{"original", "Original first", "原文を先に表示"}, {"translation", "Translation first", "翻訳を先に表示"}}
)

func reassessOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		itemOption(true),
		choiceOption("level", "Level after the assessment", "再評価後のレベル", true, levelChoices),
		option(discordgo.ApplicationCommandOptionString, "reason", "Why (kept as a review comment)", "理由（再評価のコメントとして残ります）", true),
	}
}

func reportOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		choiceOption("format", "File format (default HTML)", "ファイル形式（既定は HTML）", false, formatChoices),
		langOption("lang", "Language of the report (default: the engagement's)", "報告書の言語（既定は案件の言語）", false),
	}
}

func findingNumber() *discordgo.ApplicationCommandOption {
	return numberOption("number", "Number of the finding, from /otassess findings", "所見の番号（/otassess findings で確認）")
}

func approveOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		findingNumber(),
		option(discordgo.ApplicationCommandOptionString, "more", "More numbers, separated by spaces", "ほかの番号（空白区切り）", false),
	}
}

func editOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		findingNumber(),
		option(discordgo.ApplicationCommandOptionString, "text", "The new text, in Japanese or English", "新しい本文（日本語または英語）", true),
		choiceOption("field", "What to rewrite (default: the risk factor)", "書き換える部分（既定はリスク要因）", false, fieldChoices),
	}
}

func findingOptions() []*discordgo.ApplicationCommandOption {
	items := option(discordgo.ApplicationCommandOptionString, "items", "Item ids such as 3-5,3-6 or 1-1~1-4, or site", "項目番号（例：3-5,3-6、1-1～1-4）または site", true)
	items.MaxLength = 40
	return []*discordgo.ApplicationCommandOption{
		items,
		option(discordgo.ApplicationCommandOptionString, "text", "The risk factor (or, for a good point, what is in place)", "リスク要因（良い点なら評価できる取り組み）", true),
		choiceOption("kind", "Improvement (default) or good point", "改善点（既定）または良い点", false, kindChoices),
	}
}

func priorityOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		findingNumber(),
		numberOption("rank", "Its new rank: 1 is the most important", "新しい順位（1 が最優先）"),
	}
}

func summarizeOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		choiceOption("scope", "What to summarize (default: this thread, else the last 24 hours)", "要約する範囲（既定はこのスレッド、それ以外は直近24時間）", false, scopeChoices),
		option(discordgo.ApplicationCommandOptionString, "window", "With scope last: how far back, e.g. 2h, 30m, 1d", "scope が last のときの期間（例：2h、30m、1d）", false),
		langOption("lang", "Language of the summary (default: the engagement's)", "要約の言語（既定は案件の言語）", false),
	}
}

func explainOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		itemOption(false),
		option(discordgo.ApplicationCommandOptionString, "question", "What you want to know about it", "知りたいこと", false),
	}
}

func llmOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		choiceOption("state", "Turn it on or off (lead or assessor); leave out to see its state", "使う・使わないの切り替え（リード・アセッサー）。省略すると状態を表示", false, onOffChoices),
	}
}

func langOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		langOption("lang", "Your language", "表示言語", false),
		choiceOption("order", "Which comes first: the original or its translation", "原文と翻訳のどちらを先に表示するか", false, orderChoices),
	}
}

// itemOption is the string option of an item id.
func itemOption(required bool) *discordgo.ApplicationCommandOption {
	o := option(discordgo.ApplicationCommandOptionString, "item", "Item id, e.g. 3-5", "項目番号（例：3-5）", required)
	o.MaxLength = 16
	return o
}

// numberOption is a required comment number, from 1.
func numberOption(name, en, ja string) *discordgo.ApplicationCommandOption {
	o := option(discordgo.ApplicationCommandOptionInteger, name, en, ja, true)
	one := 1.0
	o.MinValue = &one
	return o
}

func choiceOption(name, en, ja string, required bool, cs []choice) *discordgo.ApplicationCommandOption {
	o := option(discordgo.ApplicationCommandOptionString, name, en, ja, required)
	for _, c := range cs {
		ch := &discordgo.ApplicationCommandOptionChoice{Name: c.en, Value: c.value}
		if c.ja != c.en {
			ch.NameLocalizations = map[discordgo.Locale]string{discordgo.Japanese: c.ja}
		}
		o.Choices = append(o.Choices, ch)
	}
	return o
}
