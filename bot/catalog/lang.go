package catalog

import "github.com/otassess/otassess/assessment"

// languageMessages are the sentences of the language features: the
// language model's status and switch, translated comments and the display
// order of translations.
var languageMessages = map[string]assessment.Text{
	"no_model": {
		JA: "このサーバーには言語モデルが設定されていないため、この機能は使えません。回答・コメント・スコアはこれまでどおり使えます。",
		EN: "No language model is configured on this server, so this feature is not available. Answers, comments and scores work as usual.",
	},
	"llm_usage": {
		JA: "llm（状態の確認）、llm on、llm offのいずれかを入力してください。",
		EN: "Type llm (to see its state), llm on or llm off.",
	},
	"llm_state_on":  {JA: "オン", EN: "on"},
	"llm_state_off": {JA: "オフ（この案件では使いません）", EN: "off (not used for this engagement)"},
	"llm_status": {
		JA: "言語モデル：%s（%s）— この案件では%s",
		EN: "Language model: %s (%s) — %s for this engagement",
	},
	"llm_usage_line": {
		JA: "利用量：呼び出し%d回・%dトークン・キャッシュ利用%d件",
		EN: "Usage: %d calls · %d tokens · %d served from the cache",
	},
	"llm_jobs_line": {
		JA: "処理：待機%d・完了%d・失敗%d・スキップ%d",
		EN: "Jobs: %d waiting · %d done · %d failed · %d skipped",
	},
	"llm_turned_on": {
		JA: "%sさんがこの案件の言語モデルをオンにしました。以後のコメントは翻訳のためモデルに送られます。",
		EN: "%s turned the language model on for this engagement. New comments will be sent to it for translation.",
	},
	"llm_turned_off": {
		JA: "%sさんがこの案件の言語モデルをオフにしました。待機中の処理%d件を取り消しました。以後、この案件のテキストはモデルに送られません。",
		EN: "%s turned the language model off for this engagement; %d waiting jobs were cancelled. No text of this engagement will be sent to it.",
	},
	"llm_on_no_model": {
		JA: "この案件の設定はオンにしましたが、このサーバーには言語モデルが設定されていないため、モデルは使われません。",
		EN: "The engagement's setting is on, but no language model is configured on this server, so none will be used.",
	},
	"job_failed": {
		JA: "言語モデルの処理を完了できませんでした（数回試しました）。少し時間をおいて、もう一度お試しください。",
		EN: "The language model could not finish this (it was tried several times). Please try again in a while.",
	},

	// Translated comments in the engagement channel.
	"translation_head": {
		JA: "項目%[1]sへの%[2]sさんのコメント：",
		EN: "Comment on %[1]s by %[2]s:",
	},
	"translation_head_review": {
		JA: "項目%[1]sの再評価理由（%[2]sさん）：",
		EN: "Re-evaluation reason on %[1]s by %[2]s:",
	},
	"original_label":    {JA: "原文", EN: "original"},
	"translation_label": {JA: "機械翻訳", EN: "machine translation"},
	"glossary_flags": {
		JA: "⚠ 用語の訳を確認してください：%s",
		EN: "⚠ Check these terms in the translation: %s",
	},
	"translate_failed": {
		JA: "（翻訳できませんでした。原文は保存されています。）",
		EN: "(The translation failed; the original is saved.)",
	},

	// Display order of translations.
	"lang_order_usage": {
		JA: "lang order original（原文を先に表示）またはlang order translation（翻訳を先に表示）と入力してください。",
		EN: "Type lang order original (original first) or lang order translation (translation first).",
	},
	"lang_order_set_original": {
		JA: "翻訳は原文を先に表示します。",
		EN: "Translations will be shown after the original.",
	},
	"lang_order_set_translation": {
		JA: "翻訳を先に、原文をその後に表示します。",
		EN: "Translations will be shown first, with the original after them.",
	},
}
