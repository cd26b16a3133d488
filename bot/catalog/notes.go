package catalog

import "github.com/otassess/otassess/assessment"

// notesMessages are the sentences of `notes`: the comment history of an
// item with the original words and their stored translations.
var notesMessages = map[string]assessment.Text{
	"notes_usage": {
		JA: "notes 3-5でその項目のコメント（原文と翻訳）を、notesだけでコメントのあるすべての項目を表示します。",
		EN: "Type notes 3-5 for the comments of that item (original and translations), or notes alone for every item that has comments.",
	},
	"notes_none": {
		JA: "表示できるコメントはまだありません。",
		EN: "There are no comments to show yet.",
	},
	"notes_none_item": {
		JA: "項目%sに表示できるコメントはまだありません。",
		EN: "There are no comments to show on item %s yet.",
	},
	"notes_head_item": {
		JA: "項目%[1]sのコメント（%[2]d件、原文と翻訳）：",
		EN: "Comments on item %[1]s (%[2]d, original and translations):",
	},
	"notes_head_all": {
		JA: "コメントのある項目%[1]d件・コメント%[2]d件（原文と翻訳）：",
		EN: "Comments on every item that has any — items: %[1]d, comments: %[2]d (original and translations):",
	},
	"notes_more": {
		JA: "古いコメント%d件は表示していません。notes <項目>で、その項目のコメントをすべて表示します。",
		EN: "Older comments not shown here: %d. notes <item> shows every comment of an item.",
	},
	"notes_round_self":   {JA: "自己診断", EN: "self-assessment"},
	"notes_round_review": {JA: "再評価の理由", EN: "re-evaluation reason"},
	"notes_engine":       {JA: "%s（%s）", EN: "%s (%s)"},
	"notes_glossary":     {JA: "用語集%s", EN: "glossary %s"},
	"notes_untranslated_on": {
		JA: "（%sの翻訳は保存されていません。翻訳中か、翻訳に失敗したか、コメントの時点で言語モデルがオフでした。）",
		EN: "(No %s translation is stored: it is still on its way, it failed, or the model was off when the comment was written.)",
	},
	"notes_untranslated_off": {
		JA: "（%sの翻訳はありません。この案件では言語モデルを使っていません。）",
		EN: "(No %s translation: this engagement does not use a language model.)",
	},
}
