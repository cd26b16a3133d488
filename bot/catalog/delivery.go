package catalog

import "github.com/otassess/otassess/assessment"

// deliveryMessages are the sentences about messages the dispatcher could
// not deliver. Arguments: whom and/or where the message was for (for the
// chart, the engagement's name), then the short reason code (a platform's
// error code, or unreachable / attempts_exhausted / report_render /
// chart_render).
var deliveryMessages = map[string]assessment.Text{
	"undelivered_dm": {
		JA: "%[1]sさんへのダイレクトメッセージを配信できませんでした（理由: %[2]s）。このメッセージは記録として残しますが、再送はしません。本人がこのアプリからメッセージを受け取れるかをご確認ください。以降のメッセージは通常どおり配信します。",
		EN: "A direct message to %[1]s could not be delivered (reason: %[2]s). It is kept on record but will not be sent again. Please check that they can receive messages from this app; later messages are delivered as usual.",
	},
	"undelivered_reply": {
		JA: "%[2]sでの%[1]sさんへの返信を配信できませんでした（理由: %[3]s）。このメッセージは記録として残しますが、再送はしません。アプリがその会話に参加していて投稿できるかをご確認ください。以降のメッセージは通常どおり配信します。",
		EN: "A reply to %[1]s in %[2]s could not be delivered (reason: %[3]s). It is kept on record but will not be sent again. Please check that the app is still in that conversation and may post there; later messages are delivered as usual.",
	},
	"undelivered_channel": {
		JA: "%[1]sへのメッセージを配信できませんでした（理由: %[2]s）。このメッセージは記録として残しますが、再送はしません。アプリがその会話に参加していて投稿できるかをご確認ください。以降のメッセージは通常どおり配信します。",
		EN: "A message in %[1]s could not be delivered (reason: %[2]s). It is kept on record but will not be sent again. Please check that the app is still in that conversation and may post there; later messages are delivered as usual.",
	},
	"report_not_made": {
		JA: "%[1]sさんが依頼した報告書を作成できませんでした（理由: %[2]s）。少し時間をおいて、もう一度reportを実行してください。再び失敗する場合は、管理者にサーバーのログの確認を依頼してください。",
		EN: "The report %[1]s asked for could not be made (reason: %[2]s). Please run report again in a moment; if it fails again, ask your administrator to check the server log.",
	},
	"chart_not_made": {
		JA: "案件「%[1]s」の評価結果の表とレーダーチャートを作成できませんでした（理由: %[2]s）。scoresで評価結果を、reportで報告書を確認できます。",
		EN: "The score table and radar chart of the engagement %[1]s could not be made (reason: %[2]s). Type scores to see the scores, or report to get the report.",
	},
}
