package discord

import "strings"

// text is one of the adapter's own sentences in both languages. The engine
// words everything about assessments; these only concern Discord itself
// (acknowledging a command, a broken button, a bad command option).
type text struct{ ja, en string }

var (
	textAck          = text{"受け付けました。", "Got it."}
	textFailed       = text{"処理できませんでした。何も変更されていません。もう一度お試しください。", "That could not be processed and nothing was changed. Please try again."}
	textBadButton    = text{"このボタンは無効です。", "That button is not valid any more."}
	textUnsupported  = text{"この操作には対応していません。", "That action is not supported."}
	textNameColon    = text{"案件名に「:」は使えません。", "The engagement name cannot contain \":\"."}
	textBadAssessors = text{"assessors には @メンション（またはユーザー ID）を空白で区切って指定してください。", "assessors takes @mentions (or user ids) separated by spaces."}
	textBadTZ        = text{"tz にはタイムゾーン名を1語で指定してください（例：Asia/Tokyo）。", "tz takes a single time zone name, for example Asia/Tokyo."}
	textBadCommand   = text{"このコマンドは使えません。/otassess help を参照してください。", "That command is not known. See /otassess help."}
)

// in renders the sentence for a Discord locale: Japanese for ja, English
// for en-US and en-GB, both otherwise.
func (t text) in(locale string) string {
	switch lang(locale) {
	case "ja":
		return t.ja
	case "en":
		return t.en
	}
	return t.ja + "\n" + t.en
}

// lang maps a Discord locale to the engine's locale: "ja" → ja, "en-US" and
// "en-GB" → en; any other locale is unknown ("").
func lang(locale string) string {
	switch l := strings.ToLower(locale); {
	case l == "ja" || strings.HasPrefix(l, "ja-"):
		return "ja"
	case l == "en" || strings.HasPrefix(l, "en-"):
		return "en"
	}
	return ""
}
