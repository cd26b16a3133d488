package discord

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// /otassess ping is a group with one subcommand per setting of the
// engine's ping command (bot/pingcmd.go), which changes one setting per
// call: ping show · daily [time] · weekly [day] [time] · off · quiet
// <window|off> · holidays <jp|none> · holiday <add|except|remove> <dates>
// · remind <days> · tz <zone> [user].

var (
	weekdayChoices = []choice{
		{"mon", "Monday", "月曜日"}, {"tue", "Tuesday", "火曜日"}, {"wed", "Wednesday", "水曜日"},
		{"thu", "Thursday", "木曜日"}, {"fri", "Friday", "金曜日"}, {"sat", "Saturday", "土曜日"}, {"sun", "Sunday", "日曜日"},
	}
	calendarChoices = []choice{{"jp", "Japanese public holidays", "日本の祝日"}, {"none", "No public holidays", "祝日なし"}}
	holidayChoices  = []choice{
		{"add", "Add days off", "休日として追加"},
		{"except", "Working days despite the calendar", "祝日でも稼働日にする"},
		{"remove", "Remove from both lists", "追加・例外から外す"},
	}
)

// maxRemind is the engine's limit on idle working days before a reminder,
// offered as the option's maximum.
const maxRemind = 20

// pingGroup registers the ping settings.
func pingGroup() *discordgo.ApplicationCommandOption {
	g := option(discordgo.ApplicationCommandOptionSubCommandGroup, "ping", "Progress updates to the lead and reminders to the SPOC", "リードへの進捗のお知らせと窓口担当者へのリマインド", false)
	timeOpt := func() *discordgo.ApplicationCommandOption {
		return option(discordgo.ApplicationCommandOptionString, "time", "Time of day, e.g. 09:00 (default: as set)", "時刻（例：09:00、省略時は現在の設定）", false)
	}
	zero, days := 0.0, option(discordgo.ApplicationCommandOptionInteger, "days", "Idle working days before a reminder (0: never)", "リマインドまでの無回答の営業日数（0 で送らない）", true)
	days.MinValue, days.MaxValue = &zero, maxRemind
	g.Options = []*discordgo.ApplicationCommandOption{
		subcommand("show", "Show the settings", "設定を表示"),
		subcommand("daily", "Send progress updates every working day", "営業日ごとに進捗をお知らせ", timeOpt()),
		subcommand("weekly", "Send progress updates once a week", "週に1回進捗をお知らせ",
			choiceOption("day", "Day of the week (default: as set)", "曜日（省略時は現在の設定）", false, weekdayChoices), timeOpt()),
		subcommand("off", "Stop progress updates", "進捗のお知らせを止める"),
		subcommand("quiet", "Hours without pings", "お知らせを送らない時間帯",
			option(discordgo.ApplicationCommandOptionString, "window", "e.g. 22:00-07:00, or off", "例：22:00-07:00（解除は off）", true)),
		subcommand("holidays", "Public holidays without pings", "お知らせを送らない祝日",
			choiceOption("calendar", "Holiday calendar", "祝日のカレンダー", true, calendarChoices)),
		subcommand("holiday", "Add or remove single days", "個別の日を追加・除外",
			choiceOption("action", "What to do with the dates", "日付の扱い", true, holidayChoices),
			option(discordgo.ApplicationCommandOptionString, "dates", "Dates such as 2026-12-29, separated by spaces", "日付（例：2026-12-29、空白区切り）", true)),
		subcommand("remind", "When the SPOC is reminded", "窓口担当者へのリマインドの時期", days),
		subcommand("tz", "Time zone of the engagement, or of one person", "案件または個人のタイムゾーン",
			option(discordgo.ApplicationCommandOptionString, "zone", "e.g. Asia/Bangkok; default clears a person's own", "例：Asia/Bangkok（default で個人の設定を解除）", true),
			option(discordgo.ApplicationCommandOptionUser, "user", "Set it for this person's reminders only", "この人のリマインドだけに設定", false)),
	}
	return g
}

// pingText builds the engine's ping command from one ping subcommand.
func pingText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	switch sub.Name {
	case "show":
		return "ping", nil
	case "daily":
		return optWords(sub, "ping daily", optWord("time", textBadTime))
	case "weekly":
		return optWords(sub, "ping weekly", optChoice("day", weekdayChoices), optWord("time", textBadTime))
	case "off":
		return "ping off", nil
	case "quiet":
		return optWords(sub, "ping quiet", optRequired(optSqueezed("window")))
	case "holidays":
		return optWords(sub, "ping holidays", optRequired(optChoice("calendar", calendarChoices)))
	case "holiday":
		return optWords(sub, "ping holiday", optRequired(optChoice("action", holidayChoices)), optDates)
	case "remind":
		return remindText(sub)
	case "tz":
		return optWords(sub, "ping tz", optMention("user"), optRequired(optWord("zone", textBadZone)))
	}
	return "", &optionError{textBadCommand}
}

// optSqueezed reads an option with its spaces removed: 22:00 - 07:00 is one
// window, 22:00-07:00.
func optSqueezed(name string) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		return strings.Join(strings.Fields(stringOption(sub, name)), ""), nil
	}
}

// optDates reads the dates of ping holiday, separated by spaces or commas.
func optDates(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	ds := strings.FieldsFunc(stringOption(sub, "dates"), isSeparator)
	if len(ds) == 0 {
		return "", &optionError{textBadDates}
	}
	return strings.Join(ds, " "), nil
}

// optMention reads a user option as the engine's mention, <@id>.
func optMention(name string) optPart {
	return func(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
		id := stringOption(sub, name)
		if id == "" {
			return "", nil
		}
		if ids, err := mentions(id); err != nil || len(ids) != 1 {
			return "", &optionError{textBadCommand}
		}
		return "<@" + id + ">", nil
	}
}

func remindText(sub *discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	n, ok := intOption(sub, "days")
	if !ok { // Discord requires a whole number; the engine checks the range
		return "", &optionError{textBadCommand}
	}
	return "ping remind " + strconv.Itoa(n), nil
}
