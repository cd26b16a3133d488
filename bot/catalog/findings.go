package catalog

import "github.com/otassess/otassess/assessment"

// findingMessages are the sentences of findings in chat: the list, adding,
// editing, reordering and approving them, and their drafts.
var findingMessages = map[string]assessment.Text{
	"help_findings": {
		JA: "所見：findings（一覧）・finding add [good] <項目番号|site> <本文>（追加）・edit <番号> [direction] <本文>（修正）・priority <番号> <順位>（優先度）・approve <番号>（承認）・drafts（下書きの作り直し）",
		EN: "Findings: findings (list) · finding add [good] <item ids|site> <text> (add) · edit <number> [direction] <text> (rewrite) · priority <number> <rank> · approve <number> · drafts (redraft)",
	},
	"findings_head": {
		JA: "所見（approve <番号>で承認、edit <番号> <本文>で修正、priority <番号> <順位>で優先度を変更できます）",
		EN: "Findings (approve <number> to approve, edit <number> <text> to rewrite, priority <number> <rank> to reorder)",
	},
	"findings_none": {
		JA: "所見はまだありません。自己診断が完了すると下書きが作成されます（draftsで今すぐ作成できます）。",
		EN: "There are no findings yet. Drafts are made when the self-assessment is complete (or now, with drafts).",
	},
	"findings_nothing": {
		JA: "所見の対象となる項目はありません（目標のレベル3に届かない項目も、レベル3以上の重要項目もありません）。",
		EN: "No item calls for a finding: none is below the target level 3, and no key item is at level 3 or above.",
	},
	"findings_drafted": {
		JA: "再評価を受けて所見の下書きを作成しました。「findings」で確認できます。",
		EN: "Draft findings are made from the re-evaluation; findings lists them.",
	},
	"findings_refreshed": {
		JA: "所見の下書きを再評価に合わせて更新しました（承認済み・手修正済みの所見はそのままです）。「findings」で確認できます。",
		EN: "The draft findings now follow the re-evaluation (approved and hand-written ones stay as they are); findings lists them.",
	},
	"findings_usage": {
		JA: "findingsと入力すると、所見を番号付きで一覧表示します。",
		EN: "Type findings to list the findings with their numbers.",
	},
	"finding_improvement": {JA: "改善点", EN: "Improvement"},
	"finding_good":        {JA: "良い点", EN: "Good point"},
	"finding_priority":    {JA: "優先度%d", EN: "priority %d"},
	"finding_site":        {JA: "現地調査", EN: "Site visit"},
	"status_draft":        {JA: "下書き", EN: "DRAFT"},
	"status_approved":     {JA: "承認済み", EN: "APPROVED"},
	"author_offline":      {JA: "自動作成", EN: "drafted by otassess"},
	"author_model":        {JA: "言語モデル%s", EN: "language model %s"},
	"author_person":       {JA: "%sが記入", EN: "written by %s"},
	"lang_ja":             {JA: "日本語", EN: "Japanese"},
	"lang_en":             {JA: "英語", EN: "English"},
	"finding_stale": {
		JA: "⚠ %sの本文は修正前のままです",
		EN: "⚠ its %s text predates the last edit",
	},
	"finding_history_head":    {JA: "変更履歴", EN: "History"},
	"finding_history_add":     {JA: "作成", EN: "added"},
	"finding_history_change":  {JA: "変更", EN: "changed"},
	"finding_history_migrate": {JA: "リスクコメントから移行", EN: "converted from a risk comment"},
	"finding_field_risk":      {JA: "リスク要因", EN: "risk factor"},
	"finding_field_direction": {JA: "対策の方向性", EN: "direction"},

	"finding_usage": {
		JA: "「finding <番号>」で所見とその変更履歴を表示します。追加するときは「finding add [good] <項目番号|site> <本文>」の形で入力してください（例：「finding add 3-5,3-6 情報系ネットワークと工場ネットワークの境界にファイアウォールがない。」、良い点なら「finding add good site 5Sが徹底されている。」）。項目は1〜5個、現地調査での所見ならsiteです。",
		EN: "finding <number> shows a finding and its history. To add one, type finding add [good] <item ids|site> <text> (for example: finding add 3-5,3-6 There is no firewall between the IT network and the factory network. For a good point: finding add good site 5S is practised throughout.). Give one to five items, or site for an observation made during the site visit.",
	},
	"finding_no_items": {
		JA: "項目番号（例：3-5、1-1～1-4）を1〜5個、または現地調査での所見ならsiteを指定してください。",
		EN: "Name one to five items (for example 3-5 or 1-1~1-4), or site for an observation made during the site visit.",
	},
	"finding_unknown_item": {
		JA: "指定された項目（%s）はこのチェックリストにありません。項目番号は1-1や3-5の形です。",
		EN: "The items given (%s) are not all in this checklist. Item ids look like 1-1 or 3-5.",
	},
	"finding_too_many_items": {
		JA: "1つの所見で挙げられる項目は%d個までです。分けて追加してください。",
		EN: "One finding cites at most %d items. Please split it into several.",
	},
	"finding_added": {
		JA: "所見 #%[1]dを下書きとして追加しました（優先度%[2]d）。%[3]sの本文はまだありません。edit %[1]dで入力できます。",
		EN: "Finding #%[1]d is added as a draft (priority %[2]d). It has no %[3]s text yet; edit %[1]d adds it.",
	},
	"finding_added_translating": {
		JA: "所見 #%[1]dを下書きとして追加しました（優先度%[2]d）。%[3]sへの翻訳を依頼しました。",
		EN: "Finding #%[1]d is added as a draft (priority %[2]d), and its %[3]s translation was requested.",
	},
	"finding_not_sure": {
		JA: "項目%[1]sは「わからない」のままのため、所見には挙げられません。ヒアリングで回答を得るか、reassess %[1]s <レベル> <理由>で再評価してください。",
		EN: "Item %[1]s is still \"not sure\", so no finding may cite it. Get its answer in the interview, or re-evaluate it with reassess %[1]s <level> <reason>.",
	},
	"finding_unknown": {
		JA: "番号%dの所見はありません。findingsで番号を確認してください。",
		EN: "There is no finding number %d. findings lists the numbers.",
	},
	"approve_usage": {
		JA: "approve <番号>の形で入力してください（例：approve 3、複数ならapprove 1 2）。番号はfindingsで確認できます。",
		EN: "Type approve <number> (for example approve 3, or approve 1 2 for several). findings lists the numbers.",
	},
	"finding_approved": {
		JA: "所見 #%dを承認しました。報告書にはこの内容が載ります。",
		EN: "Finding #%d is approved; the report will use it.",
	},
	"finding_already_approved": {
		JA: "所見 #%dは既に承認済みです。",
		EN: "Finding #%d was already approved.",
	},
	"edit_usage": {
		JA: "「edit <番号> <本文>」の形で入力してください。対策の方向性を直すときは「edit <番号> direction <本文>」です（例：「edit 3 情報系ネットワークと工場ネットワークの境界にファイアウォールがない。」）。",
		EN: "Type edit <number> <text>; for the direction, edit <number> direction <text> (for example: edit 3 There is no firewall between the IT network and the factory network.).",
	},
	"finding_edited": {
		JA: "所見 #%[1]dの%[2]s（%[3]s）を修正しました。%[4]sの本文は修正前のままです。確認後approve %[1]dで承認してください。",
		EN: "Finding #%[1]d: the %[3]s %[2]s is updated; the %[4]s text predates the edit. Approve it with approve %[1]d when ready.",
	},
	"finding_edited_translating": {
		JA: "所見 #%[1]dの%[2]s（%[3]s）を修正し、%[4]sへの翻訳を依頼しました。確認後approve %[1]dで承認してください。",
		EN: "Finding #%[1]d: the %[3]s %[2]s is updated and its %[4]s translation was requested. Approve it with approve %[1]d when ready.",
	},
	"finding_items_followed": {
		JA: "本文に合わせて、挙げる項目を%sに変更しました。",
		EN: "The cited items now follow the text: %s.",
	},
	"priority_usage": {
		JA: "priority <番号> <順位>の形で入力してください（例：priority 4 1で所見 #4を最優先にします）。",
		EN: "Type priority <number> <rank> (for example priority 4 1 makes finding #4 the most important).",
	},
	"priority_set": {
		JA: "所見 #%[1]dの優先度を%[2]dにしました。ほかの所見の順位も繰り下げ・繰り上げています。",
		EN: "Finding #%[1]d now has priority %[2]d; the other findings moved up or down around it.",
	},
	"finding_translate_failed": {
		JA: "所見%[1]dの%[2]s訳を作れませんでした。edit %[1]dで、その言語の文を直接入力してください。",
		EN: "Finding %[1]d could not be translated into %[2]s. Use edit %[1]d to write that language's text yourself.",
	},

	// Drafts.
	"drafts_usage": {
		JA: "draftsと入力すると、評価後の回答から所見の下書きを作り直します（承認済み・手修正済みの所見はそのまま残ります）。",
		EN: "Type drafts to redraft the findings from the after-assessment answers (approved and hand-edited ones stay as they are).",
	},
	"drafts_model_queued": {
		JA: "言語モデルが所見の下書きを書き直しています。できあがり次第ここに投稿します（それまでは以下のチェックリストに基づく下書きが有効です）。",
		EN: "The language model is redrafting the findings; I will post its drafts here when they are ready (until then the checklist-based drafts below stand).",
	},
	"drafts_model_pending": {
		JA: "言語モデルがすでに所見の下書きを作成中です。できあがり次第、案件のチャンネルに投稿します。新たな依頼は行っていません。現在の所見は次のとおりです。",
		EN: "The language model is already drafting the findings; I will post its drafts in the engagement channel when they are ready. Nothing new was queued. The current findings:",
	},
	"drafts_model_ready": {
		JA: "%[1]s：言語モデルによる所見の下書きが%[2]d件できました。内容を確認し、approve <番号>で承認してください。",
		EN: "%[1]s: draft findings from the language model: %[2]d. Please review each and approve it with approve <number>.",
	},
	"drafts_model_kept": {
		JA: "%s：言語モデルの下書きは、その後に承認・修正された所見と重なるため採用しませんでした。",
		EN: "%s: the language model's drafts overlap findings approved or edited since, so they were not used.",
	},
	"drafts_model_failed": {
		JA: "%s：言語モデルによる所見の下書きを作成できませんでした。チェックリストに基づく下書きがそのまま有効です（draftsで再試行できます）。",
		EN: "%s: the language model could not draft the findings. The checklist-based drafts stand (drafts tries again).",
	},
	"drafts_model_rejected": {
		JA: "%[1]s：言語モデルの下書きは、%[2]sため採用しませんでした。チェックリストに基づく下書きがそのまま有効です（draftsで再試行できます）。",
		EN: "%[1]s: the language model's drafts were not used because %[2]s. The checklist-based drafts stand (drafts tries again).",
	},
	"reject_unknown_item": {JA: "チェックリストにない項目%sを挙げていた", EN: "they cited item %s, which the checklist does not have"},
	"reject_not_gap":      {JA: "所見の対象でない項目%sを挙げていた", EN: "they cited item %s, which is neither a ranked gap nor a good point"},
	"reject_missed_top":   {JA: "優先度の高い項目%sを取り上げていなかった", EN: "they left out %s, one of the top-ranked gaps"},
	"reject_too_long":     {JA: "本文が長すぎた（%d文字まで）", EN: "a text was too long (at most %d characters)"},
	"reject_shape":        {JA: "形式が正しくなかった", EN: "a draft was malformed"},
}
