package catalog

import "github.com/otassess/otassess/assessment"

// planMessages are the sentences of the countermeasure plan: its list, its
// actions and their changes, the owners' reminders and the channel's news.
var planMessages = map[string]assessment.Text{
	"help_plan": {
		JA: "対策計画：plan（承認済みの改善点から対策を作成して一覧）・「action <番号> owner:@担当者 due:2027-03-31 theme:<テーマ>」（設定）・「action <番号> doing｜done \"実施内容\"｜drop \"理由\"」（進捗）",
		EN: "Countermeasure plan: plan (actions from the approved improvements, then the list) · action <number> owner:@person due:2027-03-31 [theme:<theme>] (settings) · action <number> doing | done \"what was done\" | drop \"reason\" (progress)",
	},
	"plan_usage": {
		JA: "planと入力すると、承認済みの改善点から対策を作成し、対策計画を一覧表示します。",
		EN: "Type plan to turn the approved improvements into actions and list the countermeasure plan.",
	},
	"plan_nothing": {
		JA: "対策計画にする改善点がありません。所見の改善点を「approve <番号>」で承認してから、もう一度planを実行してください。",
		EN: "There is no improvement to plan yet. Approve improvement findings (approve <number>), then run plan again.",
	},
	"plan_head": {
		JA: "対策計画（新しく作成した対策：%d件）。「action <番号> owner:@担当者 due:2027-03-31」で担当者と期限を設定できます。",
		EN: "Countermeasure plan (new actions: %d). Set an owner and a due date with action <number> owner:@person due:2027-03-31.",
	},
	"plan_progress": {
		JA: "対策計画：全%d件（実施済み%d件、対応中%d件、未着手%d件、取りやめ%d件、期限超過%d件）",
		EN: "Countermeasure plan — actions: %d (%d done, %d in progress, %d open, %d dropped, %d overdue)",
	},
	"action_line": {
		JA: "#%d［%s］%s・%s・担当：%s・期限：%s",
		EN: "#%d [%s] %s · %s · owner %s · due %s",
	},
	"action_nobody":  {JA: "未定", EN: "none yet"},
	"action_no_due":  {JA: "未定", EN: "not set"},
	"action_overdue": {JA: "（期限超過）", EN: "(overdue)"},
	"action_note":    {JA: "記録：%s", EN: "Record: %s"},

	"action_status_open":    {JA: "未着手", EN: "open"},
	"action_status_doing":   {JA: "対応中", EN: "in progress"},
	"action_status_done":    {JA: "実施済み", EN: "done"},
	"action_status_dropped": {JA: "取りやめ", EN: "dropped"},

	"theme_governance":   {JA: "推進体制", EN: "Governance"},
	"theme_risk":         {JA: "リスク分析とルール", EN: "Risk analysis and rules"},
	"theme_training":     {JA: "教育", EN: "Training"},
	"theme_incident":     {JA: "インシデント対応", EN: "Incident response"},
	"theme_technology":   {JA: "技術的対策", EN: "Technology"},
	"theme_supply_chain": {JA: "サプライチェーン", EN: "Supply chain"},

	"action_usage": {
		JA: "「action <番号>」で対策とその履歴を表示します。設定は「action 2 owner:@担当者 due:2027-03-31 theme:<テーマ>」、進捗は「action 2 doing」「action 2 done \"実施内容\"」「action 2 drop \"理由\"」の形で入力してください。テーマは[governance|risk|training|incident|technology|supply_chain]のいずれかです。",
		EN: "action <number> shows an action and its history. Set it with action 2 owner:@person due:2027-03-31 [theme:<theme>]; report progress with action 2 doing, action 2 done \"what was done\" or action 2 drop \"reason\". Themes: [governance|risk|training|incident|technology|supply_chain].",
	},
	"action_unknown": {
		JA: "「%s」という番号の対策はありません。planで対策計画の番号を確認してください。",
		EN: "There is no action \"%s\". plan lists the actions with their numbers.",
	},
	"action_not_owner": {
		JA: "対策%dの進捗を変更できるのは、その担当者と担当コンサルタントです。",
		EN: "Only the owner of action %d and the assessors may change its progress.",
	},
	"action_closed": {
		JA: "対策%dはすでに「%s」のため、変更できません。",
		EN: "Action %d is already %s, so it cannot change.",
	},
	"action_already": {
		JA: "対策%dはすでに「%s」です。",
		EN: "Action %d is already %s.",
	},
	"action_done_usage": {
		JA: "実施した内容を添えてください（例：「action %d done \"境界にファイアウォールを設置した\"」）。",
		EN: "Say what was done (for example: action %d done \"A firewall now guards the boundary\").",
	},
	"action_drop_usage": {
		JA: "取りやめる理由を添えてください（例：「action %d drop \"設備の更新で不要になった\"」）。",
		EN: "Give the reason for dropping it (for example: action %d drop \"The equipment is being replaced\").",
	},
	"action_moved": {
		JA: "対策%dを「%s」にしました。",
		EN: "Action %d is now %s.",
	},
	"action_saved": {
		JA: "対策%dを更新しました。",
		EN: "Action %d is updated.",
	},
	"action_owner_not_participant": {
		JA: "%sはこの案件の参加者ではないため、担当者にできません。参加者（窓口担当者または担当コンサルタント）を指定してください。",
		EN: "%s does not take part in this engagement, so they cannot own an action. Name a participant (a SPOC or an assessor).",
	},
	"action_bad_due": {
		JA: "期限「%s」は日付として読めません。2027-03-31の形で入力してください。",
		EN: "The due date \"%s\" is not a date. Write it as 2027-03-31.",
	},
	"action_due_past": {
		JA: "期限%sはすでに過ぎています。今日以降の日付を指定してください。",
		EN: "The due date %s has passed. Give today or a later date.",
	},
	"action_bad_theme": {
		JA: "テーマ「%s」はありません。[governance|risk|training|incident|technology|supply_chain]のいずれかを指定してください。",
		EN: "There is no theme \"%s\". Use one of [governance|risk|training|incident|technology|supply_chain].",
	},
	"action_hist_created": {JA: "作成", EN: "created"},
	"action_hist_theme":   {JA: "テーマを%sに変更", EN: "theme set to %s"},
	"action_hist_owner":   {JA: "担当者を%sに変更", EN: "owner set to %s"},
	"action_hist_due":     {JA: "期限を%sに変更", EN: "due date set to %s"},
	"action_done_channel": {
		JA: "✅ 対策%dが実施済みになりました（%s）：%s",
		EN: "✅ Action %d is done (%s): %s",
	},
	"action_remind_before": {
		JA: "「%[2]s」の対策%[1]dの期限（%[3]s）が近づいています。進み具合を「action %[1]d doing」や「action %[1]d done \"実施内容\"」で知らせてください。\n%[4]s",
		EN: "Action %[1]d of %[2]s is due on %[3]s. Tell us how it stands with action %[1]d doing or action %[1]d done \"what was done\".\n%[4]s",
	},
	"action_remind_after": {
		JA: "「%[2]s」の対策%[1]dは期限（%[3]s）を過ぎています。状況を「action %[1]d done \"実施内容\"」で知らせるか、担当コンサルタントに期限の見直しを相談してください。\n%[4]s",
		EN: "Action %[1]d of %[2]s passed its due date (%[3]s). Report it with action %[1]d done \"what was done\", or ask an assessor to move the date.\n%[4]s",
	},
}

// planPingMessages head the leads' weekly ping on the plan.
var planPingMessages = map[string]assessment.Text{
	"new_bad_from": {
		JA: "「%s」を引き継ぎ元にできません。このワークスペースで同じチェックリストを使い、あなたが担当コンサルタントを務めた案件のIDか名前を指定してください。",
		EN: "\"%s\" cannot be followed up: give the id or name of an engagement in this workspace, on the same checklist, where you were an assessor.",
	},
	"new_bad_map": {
		JA: "「%s」は引き継げません。チェックリストの版が変わっており、前の版の項目を今の版の項目に対応づける表（maps_from）がないか、誤っています。チェックリストの管理者に次の内容を伝えてください：%s",
		EN: "\"%s\" cannot be followed up: the checklist's version has changed, and its table mapping the old version's items onto the current ones (maps_from) is missing or wrong. Pass this on to whoever maintains the checklist: %s",
	},
	"question_last_year": {
		JA: "前回（%s）の評価：%s %s",
		EN: "Last assessment (%s): %s %s",
	},
	"plan_ping_head": {
		JA: "「%s」の対策計画の進み具合です（毎週、最初の稼働日にお知らせします）。",
		EN: "How the countermeasure plan of %s stands (sent on the first working day of each week).",
	},
}
