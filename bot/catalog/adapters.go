package catalog

import "github.com/otassess/otassess/assessment"

// adapterMessages are the sentences of the loose ends between the chat
// adapters and the engine: transcripts downloaded after the ack, a second
// drafts while the model is drafting, and every refusal of new.
var adapterMessages = map[string]assessment.Text{
	"transcript_download_failed": {
		JA: "%sをダウンロードできませんでした。もう一度投稿してください。",
		EN: "I could not download %s. Please post it again.",
	},
	"new_no_name": {
		JA: "案件の名前がありません。%s",
		EN: "The engagement needs a name. %s",
	},
	"new_bad_tz": {
		JA: "タイムゾーン「%s」が見つかりません。tz:Asia/Tokyoやtz:Asia/BangkokのようにIANAの名前で指定してください。案件は作成していません。",
		EN: "I do not know the time zone \"%s\". Give an IANA name such as tz:Asia/Tokyo or tz:Asia/Bangkok. No engagement was created.",
	},
	"new_bad_lang": {
		JA: "言語「%s」は使えません。lang:ja、lang:en、lang:bothのいずれかを指定してください。案件は作成していません。",
		EN: "\"%s\" is not a language I use: give lang:ja, lang:en or lang:both. No engagement was created.",
	},
	"new_bad_pack": {
		JA: "チェックリスト「%s」が見つかりません。pack: を省くと標準の%sを使います。案件は作成していません。",
		EN: "There is no checklist pack \"%s\". Leave out pack: to use the default, %s. No engagement was created.",
	},
	"new_bad_user": {
		JA: "%s: に指定された「%s」はユーザーではありません。「%[1]s:@名前」のようにメンションで指定してください。案件は作成していません。",
		EN: "\"%[2]s\" given for %[1]s: is not a user. Mention them, as in %[1]s:@name. No engagement was created.",
	},
	"new_bad_option": {
		JA: "newに%s: という項目はありません。%s",
		EN: "new has no option %s:. %s",
	},
}
