package catalog

import "github.com/otassess/otassess/assessment"

// consentMessages are the sentences of a SPOC's consent to an engagement
// and of choosing which engagement typed text is for.
var consentMessages = map[string]assessment.Text{
	"consent_request": {
		JA: "%[1]sさんが、案件「%[2]s」（チャンネル%[3]s）の窓口担当者（SPOC）としてあなたを指定しました。引き受けると、この案件のチェックリストの質問がここに届き、あなたの回答とコメントはこの案件のリードと担当コンサルタントが閲覧します。引き受けますか？",
		EN: "%[1]s named you the SPOC (client contact) of the engagement “%[2]s” in %[3]s. If you accept, its checklist questions come here, and its lead and assessors see your answers and comments. Do you accept?",
	},
	"consent_accept":  {JA: "引き受ける", EN: "Accept"},
	"consent_decline": {JA: "断る", EN: "Decline"},
	"consent_accepted_note": {
		JA: "案件「%s」を引き受けました。",
		EN: "You accepted the engagement “%s”.",
	},
	"consent_declined_note": {
		JA: "案件「%s」を断りました。この案件の質問は届きません。",
		EN: "You declined the engagement “%s”. None of its questions will be sent to you.",
	},
	"consent_asked": {
		JA: "%[1]s：%[2]sさんに、窓口担当者を引き受けるかどうかを確認しています。引き受けた時点でチェックリストが届きます。",
		EN: "%[1]s: %[2]s was asked to accept being the SPOC first; the checklist goes to them once they accept.",
	},
	"spoc_accepted": {
		JA: "%[1]sさんが%[2]sの窓口担当者を引き受けました。",
		EN: "%[1]s accepted being the SPOC of %[2]s.",
	},
	"spoc_declined": {
		JA: "%[1]sさんが%[2]sの窓口担当者を断りました。別の担当者を指定してください。",
		EN: "%[1]s declined being the SPOC of %[2]s. Please name another SPOC.",
	},
	"consent_first": {
		JA: "案件「%s」はまだ引き受けていません。先に確認メッセージの「引き受ける」を押してください。",
		EN: "You have not accepted the engagement “%s” yet. Press Accept on its request first.",
	},
	"route_ask": {
		JA: "複数の案件に回答中です。次のメッセージはどの案件に対するものですか？まだどこにも保存していません：「%s」",
		EN: "You are answering more than one engagement. Which one is this message for? It is not stored anywhere yet: “%s”",
	},
	"route_chosen": {
		JA: "案件「%[1]s」として受け付けました：「%[2]s」",
		EN: "Taken for the engagement “%[1]s”: “%[2]s”",
	},
	"route_gone": {
		JA: "この選択は期限切れか、すでに処理済みです。もう一度入力してください。",
		EN: "This choice has expired or was already made. Please type your message again.",
	},
}
