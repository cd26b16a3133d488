package catalog

import "github.com/otassess/otassess/assessment"

// assignMessages are the sentences of delegation: staff give items to
// plant staff, who are asked only those.
var assignMessages = map[string]assessment.Text{
	"assign_usage": {
		JA: "「assign 3-1..3-8 @担当者」のように、項目（範囲はカンマで複数指定できます）と担当する人を指定してください。担当を窓口担当者（SPOC）に戻すときは「assign 3-1..3-8 spoc」と入力してください。",
		EN: "Name the items (several ranges, separated by commas) and who answers them, for example assign 3-1..3-8 @it-lead. To give items back to the SPOC, type assign 3-1..3-8 spoc.",
	},
	"assign_bad_range": {
		JA: "「%s」は項目の範囲として読めません。「3-1..3-8」のように、前の項目から後の項目へ指定してください。",
		EN: "\"%s\" is not a range of items: give the first item, then the last, for example 3-1..3-8.",
	},
	"assigned": {
		JA: "%[1]s（%[2]d項目）の回答を%[3]sに依頼しました。依頼された人には、案件への参加に同意した後、担当の項目だけを質問します。",
		EN: "%[1]s (%[2]d items) are now answered by %[3]s. They will be asked only those items, once they have accepted the engagement.",
	},
	"assigned_one": {
		JA: "%[1]s（1項目）の回答を%[2]sに依頼しました。依頼された人には、案件への参加に同意した後、この項目だけを質問します。",
		EN: "%[1]s is now answered by %[2]s. They will be asked only that item, once they have accepted the engagement.",
	},
	"assigned_back": {
		JA: "%[1]s（%[2]d項目）の回答を窓口担当者（SPOC）に戻しました。",
		EN: "%[1]s (%[2]d items) are answered by the SPOC again.",
	},
	"assigned_back_one": {
		JA: "%s（1項目）の回答を窓口担当者（SPOC）に戻しました。",
		EN: "%s is answered by the SPOC again.",
	},
	"not_your_item": {
		JA: "%sは、あなたの担当の項目ではありません。担当の項目は「status」で確認できます。",
		EN: "%s is not one of the items given to you; status shows which are.",
	},
	"complete_delegate": {
		JA: "ご担当の項目にすべてご回答いただきました。ありがとうございました！回答を直したいときはgoto %sのように項目を指定してください。",
		EN: "That's every item given to you — thank you! To change an answer, name the item, for example goto %s.",
	},
	"holders_head": {
		JA: "担当（項目・担当者・回答済み）",
		EN: "Who answers what (items · who · answered)",
	},
	"holders_line": {
		JA: "%[1]s：%[2]s（%[3]d/%[4]d）",
		EN: "%[1]s: %[2]s (%[3]d/%[4]d)",
	},
	"holders_spoc": {
		JA: "その他の項目：窓口担当者（SPOC）%[1]s（%[2]d/%[3]d）",
		EN: "Every other item: the SPOC %[1]s (%[2]d/%[3]d)",
	},
	"consent_request_delegate": {
		JA: "%[1]sさんが、案件「%[2]s」（チャンネル%[3]s）のチェックリストのうち%[4]d項目（%[5]s）への回答をあなたに依頼しました。引き受けると、その項目の質問だけがここに届き、あなたの回答とコメントはこの案件のリードと担当コンサルタントが閲覧します。引き受けますか？",
		EN: "%[1]s asks you to answer %[4]d items (%[5]s) of the checklist of the engagement “%[2]s” in %[3]s. If you accept, only those questions come here, and its lead and assessors see your answers and comments. Do you accept?",
	},
	"consent_request_delegate_one": {
		JA: "%[1]sさんが、案件「%[2]s」（チャンネル%[3]s）のチェックリストのうち1項目（%[4]s）への回答をあなたに依頼しました。引き受けると、その項目の質問だけがここに届き、あなたの回答とコメントはこの案件のリードと担当コンサルタントが閲覧します。引き受けますか？",
		EN: "%[1]s asks you to answer one item (%[4]s) of the checklist of the engagement “%[2]s” in %[3]s. If you accept, only that question comes here, and its lead and assessors see your answer and comments. Do you accept?",
	},
	"delegate_accepted": {
		JA: "%[1]sさんが%[2]sの担当項目への回答を引き受けました。",
		EN: "%[1]s accepted answering their items of %[2]s.",
	},
	"delegate_declined": {
		JA: "%[1]sさんが%[2]sの担当項目への回答を断りました。assignで別の担当者を指定するか、spocで窓口担当者に戻してください。",
		EN: "%[1]s declined answering their items of %[2]s. Give the items to someone else with assign, or back to the SPOC with assign … spoc.",
	},
	"delegate_asked": {
		JA: "%[1]s：%[2]sさんに、担当項目への回答を引き受けるかどうかを確認しています。引き受けた時点で質問が届きます。",
		EN: "%[1]s: %[2]s was asked to accept answering the items given to them first; the questions go to them once they accept.",
	},
	"your_progress": {
		JA: "あなたの担当：%[1]d項目のうち%[2]d項目に回答済みです（%[3]s）。",
		EN: "Your items: %[2]d of %[1]d answered (%[3]s).",
	},
}
