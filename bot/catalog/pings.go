package catalog

import "github.com/otassess/otassess/assessment"

// pingMessages are the sentences of the progress pings to the lead, the
// reminders to the SPOC and the ping command that sets them up.
var pingMessages = map[string]assessment.Text{
	// The ping (ping.go).
	"ping_head": {
		JA: "%s：進捗のお知らせ（%s時点）",
		EN: "%s: progress update (as of %s)",
	},
	"ping_since_start": {
		JA: "開始からの回答：%d件",
		EN: "Answers since the start: %d",
	},
	"ping_since": {
		JA: "前回のお知らせ以降の回答：%d件",
		EN: "Answers since the last update: %d",
	},
	"ping_idle_never": {
		JA: "%sさんはまだ回答していません。",
		EN: "%s has not answered yet.",
	},
	"ping_idle_today": {
		JA: "%sさんの最終回答：今日",
		EN: "%s last answered today.",
	},
	"ping_idle_yesterday": {
		JA: "%sさんの最終回答：昨日",
		EN: "%s last answered yesterday.",
	},
	"ping_idle_days": {
		JA: "%sさんの最終回答：%d日前（%s）",
		EN: "%s last answered %d days ago (%s).",
	},
	"ping_pace_none": {
		JA: "まだ回答がないため、完了予定日は算出できません。",
		EN: "There are no answers yet, so there is no forecast finish date.",
	},
	"ping_pace_done": {
		JA: "すべての項目に回答済みです。",
		EN: "Every item has an answer.",
	},
	"ping_pace": {
		JA: "ペース：1稼働日あたり%.1f項目。このペースでの完了予定：%s",
		EN: "Pace: %.1f items per working day. Forecast finish at this pace: %s",
	},
	"ping_blocked_none": {
		JA: "「わからない」の項目はありません。",
		EN: "No item is marked not sure.",
	},
	"ping_blocked": {
		JA: "「わからない」の項目（ヒアリングで確認）：%d件",
		EN: "Marked not sure (to settle in the interview): %d",
	},
	"ping_footer": {
		JA: "お知らせの設定は、案件のチャンネルでpingと入力すると確認・変更できます（停止はping off）。",
		EN: "To see or change these updates, type ping in the engagement channel (ping off stops them).",
	},

	// The reminder to an idle SPOC (remind.go).
	"remind_spoc": {
		JA: "お世話になっております。%sのセキュリティチェックリストは、現在%d/%d項目までご回答いただいています。お手すきの際に続きをお願いできますでしょうか。nextと入力していただくと、続きの質問をお送りします。",
		EN: "Hello! The security checklist for %s has %d of %d items answered so far. When you have a moment, could you carry on? Type next and I will send you the next question.",
	},

	// The ping command (pingcmd.go).
	"ping_usage": {
		JA: "使い方：ping（設定の表示）・ping daily 09:00・ping weekly mon 09:00・ping off・ping quiet 22:00-07:00（解除はping quiet off）・ping holidays jp|none・ping holiday add|except|remove 2026-12-29・ping remind 3（0で送らない）・ping tz Asia/Bangkok（案件のタイムゾーン）・「ping tz @担当者 Asia/Bangkok|default」（その人のリマインドの時刻）",
		EN: "Usage: ping (show the settings) · ping daily 09:00 · ping weekly mon 09:00 · ping off · ping quiet 22:00-07:00 (ping quiet off removes it) · ping holidays jp|none · ping holiday add|except|remove 2026-12-29 · ping remind 3 (0: never) · ping tz Asia/Bangkok (the engagement's time zone) · ping tz @user Asia/Bangkok|default (when that person's reminders go out)",
	},
	"ping_channel_only": {
		JA: "お知らせの設定は、案件のチャンネルでpingを実行して行ってください。",
		EN: "Progress updates are set up with ping in the engagement channel.",
	},
	"ping_saved": {
		JA: "お知らせの設定を変更しました。",
		EN: "The progress update settings are changed.",
	},
	"ping_bad_time": {
		JA: "「%s」は時刻として読めません。09:00のように入力してください。",
		EN: "\"%s\" is not a time of day. Type it like 09:00.",
	},
	"ping_bad_weekday": {
		JA: "「%s」は曜日として読めません。mon、tue … sun（または月、火 … 日）で指定してください。",
		EN: "\"%s\" is not a day of the week. Use mon, tue … sun.",
	},
	"ping_bad_quiet": {
		JA: "「%s」は時間帯として読めません。22:00-07:00のように開始と終了を入力してください（解除はping quiet off）。",
		EN: "\"%s\" is not a time window. Type its start and end like 22:00-07:00 (ping quiet off removes it).",
	},
	"ping_bad_holidays": {
		JA: "「%s」は使えません。ping holidays jp（日本の祝日）またはping holidays none（祝日なし）を指定してください。",
		EN: "\"%s\" is not a holiday list. Type ping holidays jp (Japanese public holidays) or ping holidays none.",
	},
	"ping_bad_date": {
		JA: "「%s」は日付として読めません。2026-12-29のように入力してください。",
		EN: "\"%s\" is not a date. Type it like 2026-12-29.",
	},
	"ping_bad_remind": {
		JA: "「%s」は使えません。リマインドまでの稼働日数を0〜%dで指定してください（0で送らない）。",
		EN: "\"%s\" is not valid: give the idle working days before a reminder, 0–%d (0: never).",
	},
	"ping_bad_tz": {
		JA: "「%s」はタイムゾーンとして読めません。Asia/TokyoやAsia/BangkokのようなIANA名で指定してください。",
		EN: "\"%s\" is not a time zone. Use an IANA name such as Asia/Tokyo or Asia/Bangkok.",
	},
	"ping_not_participant": {
		JA: "%sさんはこの案件の参加者ではありません。",
		EN: "%s is not a participant of this engagement.",
	},
	"ping_holiday_not_listed": {
		JA: "%sは追加の休日にも、稼働日の指定にも入っていません。",
		EN: "%s is neither an added day off nor a day marked as worked.",
	},

	// The settings as ping shows them.
	"ping_show_head": {
		JA: "%s：進捗のお知らせの設定",
		EN: "%s: progress update settings",
	},
	"ping_show_off": {
		JA: "お知らせ：停止中",
		EN: "Updates: off",
	},
	"ping_show_daily": {
		JA: "お知らせ：毎稼働日%s（%s）",
		EN: "Updates: every working day at %s (%s)",
	},
	"ping_show_weekly": {
		JA: "お知らせ：毎週%s曜日%s（%s）",
		EN: "Updates: every %s at %s (%s)",
	},
	"ping_show_next": {
		JA: "次回：%s",
		EN: "Next update: %s",
	},
	"ping_show_inactive": {
		JA: "お知らせは、自己診断の実施中にだけ送られます。",
		EN: "Updates go out only while the self-assessment is running.",
	},
	"ping_show_to": {
		JA: "送信先：%s（ダイレクトメッセージ）",
		EN: "Sent to: %s (direct message)",
	},
	"ping_show_to_channel": {
		JA: "送信先：このチャンネル（この案件にリードが登録されていないため）",
		EN: "Sent to: this channel (the engagement has no lead)",
	},
	"ping_show_quiet": {
		JA: "通知しない時間帯：%s〜%s",
		EN: "Quiet hours: %s–%s",
	},
	"ping_show_quiet_none": {
		JA: "通知しない時間帯：なし",
		EN: "Quiet hours: none",
	},
	"ping_show_holidays_jp": {
		JA: "休日：土日と日本の祝日",
		EN: "Days off: weekends and Japanese public holidays",
	},
	"ping_show_holidays_none": {
		JA: "休日：土日のみ",
		EN: "Days off: weekends only",
	},
	"ping_show_added": {
		JA: "追加の休日：%s",
		EN: "Added days off: %s",
	},
	"ping_show_except": {
		JA: "稼働日として扱う日：%s",
		EN: "Worked despite the list: %s",
	},
	"ping_show_remind": {
		JA: "窓口担当者へのリマインド：%d稼働日続けて回答がないときに送信",
		EN: "Reminder to the SPOC: after %d idle working days",
	},
	"ping_show_remind_off": {
		JA: "窓口担当者へのリマインド：送らない",
		EN: "Reminder to the SPOC: never",
	},
	"ping_show_zone_of": {
		JA: "%sさんのタイムゾーン：%s（リマインドに使用）",
		EN: "Time zone of %s: %s (for their reminders)",
	},
}
