package catalog

import "github.com/otassess/otassess/assessment"

// evidenceMessages are the sentences of evidence in chat: files kept per
// item, the assessors' on-site notes, and their lists.
var evidenceMessages = map[string]assessment.Text{
	"help_evidence": {
		JA: "証跡：evidence [<項目番号|site>]（一覧）・ファイルを添えて「evidence 3-5」（登録）・質問への返信としてファイルを送る（その項目に登録）・observe <項目番号|site> <本文>（担当コンサルタントの現地メモ）",
		EN: "Evidence: evidence [<item id|site>] (list) · evidence 3-5 with a file attached (keep it) · a file sent as the reply to a question (kept with that item) · observe <item id|site> <text> (an assessor's on-site note)",
	},
	"evidence_usage": {
		JA: "「evidence」で証跡の一覧、「evidence 3-5」でその項目の証跡を表示します。ファイルを登録するときは、ファイルを添えて「evidence 3-5」と送ってください（コンソールでは「evidence 3-5 ファイルのパス」）。",
		EN: "evidence lists the evidence, evidence 3-5 that of one item. To keep a file, send evidence 3-5 with the file attached (in the console: evidence 3-5 PATH).",
	},
	"evidence_unknown_item": {
		JA: "「%s」という項目はありません。項目番号（例：3-5）か、現地全体についてはsiteを指定してください。",
		EN: "There is no item \"%s\". Give an item id (for example 3-5), or site for the site as a whole.",
	},
	"evidence_kept": {
		JA: "%sを%sの証跡として登録しました（%dKiB、SHA-256は%s…）。",
		EN: "%s is kept as evidence of %s (%d KiB, SHA-256 %s…).",
	},
	"evidence_too_large": {
		JA: "%sは大きすぎるため登録できません。証跡のファイルは%dMiBまでです。サイズを小さくしてから送ってください。",
		EN: "%s is too large to keep: evidence files may be up to %d MiB. Send a smaller copy.",
	},
	"evidence_empty": {
		JA: "%sは空のファイルのため登録しませんでした。",
		EN: "%s is empty, so it was not kept.",
	},
	"evidence_unreadable": {
		JA: "%sの中身を読み取れなかったため、登録しませんでした。ファイルを確認して、もう一度送ってください。",
		EN: "otassess could not read the contents of %s, so it was not kept. Check the file and send it again.",
	},
	"evidence_downloading": {
		JA: "%sを受け取りました。ダウンロードが済みしだい、%sの証跡として登録し、お知らせします。",
		EN: "%s is received. Once it is downloaded it is kept as evidence of %s, and you will be told.",
	},
	"evidence_download_failed": {
		JA: "%sをダウンロードできなかったため、登録しませんでした。もう一度送ってください。",
		EN: "%s could not be downloaded, so it was not kept. Please send it again.",
	},
	"evidence_which_item": {
		JA: "%sをどの項目の証跡にするか分かりません。ファイルを添えて「evidence 3-5」のように項目番号を送ってください。",
		EN: "Which item is %s evidence of? Send it again with evidence and the item id, for example evidence 3-5.",
	},
	"evidence_head": {
		JA: "証跡（番号・項目・内容・登録者・日時）",
		EN: "Evidence (number · item · what · by · when)",
	},
	"evidence_none": {
		JA: "%sの証跡はまだありません。",
		EN: "There is no evidence of %s yet.",
	},
	"evidence_none_at_all": {
		JA: "証跡はまだありません。質問への返信としてファイルを送るか、ファイルを添えて「evidence 3-5」と送ると登録されます。",
		EN: "There is no evidence yet. A file sent as the reply to a question, or with evidence 3-5, is kept as evidence.",
	},
	"evidence_file": {JA: "%s（%s、%dKiB、SHA-256：%s…）", EN: "%s (%s, %d KiB, SHA-256 %s…)"},
	"evidence_note": {JA: "現地メモ：%s", EN: "on-site note: %s"},
	"evidence_site": {JA: "現地全体", EN: "the site"},
	"observe_usage": {
		JA: "現地メモは「observe <項目番号|site> <本文>」の形で入力してください（例：「observe 3-5 制御盤のUSBポートは封印されていた。」）。",
		EN: "Type an on-site note as observe <item id|site> <text> (for example: observe 3-5 The USB ports of the control panel are sealed.).",
	},
	"observe_kept": {
		JA: "%sの現地メモを証跡として記録しました。所見の下書きでは現地で確認した事実として扱います。",
		EN: "The on-site note on %s is kept as evidence; the findings drafts take it as a fact seen on site.",
	},
}
