package catalog

import "github.com/otassess/otassess/assessment"

// journeyMessages are the sentences added in the review of the users'
// journeys (after-assessment scores in chat).
var journeyMessages = map[string]assessment.Text{
	"help_spoc": {
		JA: "今は表示中の質問はありません。使えるコマンド：goto 2-6（回答を直す・確認する）・note 2-6 <コメント>（項目へのコメント）・unsure 2-6（ヒアリングで確認したい項目にする）・status（進捗）・review（未回答・わからない項目）・notes（コメント一覧）・lang ja|en|both（表示言語）",
		EN: "No question is shown right now. Your commands: goto 2-6 (see or change an answer) · note 2-6 <text> (a comment on an item) · unsure 2-6 (put an item on the interview list) · status (progress) · review (open and not-sure items) · notes (your comments) · lang ja|en|both (your language)",
	},
	"start_complete": {
		JA: "%sの自己診断はすべて回答済みのため、窓口担当者には何も送っていません。回答を直すときは、担当者がDMでgoto 2-6のように項目を指定できます。",
		EN: "Every item of %s's self-assessment is answered, so nothing was sent to the SPOC. To change an answer, they can name the item in their DM, for example goto 2-6.",
	},
	"scores_after_head": {
		JA: "%s：評価後のスコア（%s、担当コンサルタントの再評価を反映）",
		EN: "%s: scores after assessment (%s, with the assessors' re-evaluations)",
	},
}
