package catalog

import "github.com/otassess/otassess/assessment"

// summaryMessages are the sentences of meeting summaries, transcripts,
// and explain (findings have their own file).
var summaryMessages = map[string]assessment.Text{
	// Summaries.
	"summarize_usage": {
		JA: "summarize [thread|here|last 2h|last 30m] [ja|en|both]の形で入力してください（既定はスレッド内ならそのスレッド、それ以外はこのチャンネルの直近24時間）。",
		EN: "Type summarize [thread|here|last 2h|last 30m] [ja|en|both] (by default the thread you are in, else this channel's last 24 hours).",
	},
	"summarize_in_channel": {
		JA: "要約は案件のチャンネルかスレッドでsummarizeと入力してください。DMでは議事録ファイル（.vtt、.txt、.md）を送ると要約します。",
		EN: "Ask for summaries with summarize in the engagement channel or a thread. In a direct message, send a transcript file (.vtt, .txt, .md) to summarise it.",
	},
	"summarize_no_thread": {
		JA: "ここはスレッドではありません。スレッド内でsummarize threadと入力するか、summarize hereを使ってください。",
		EN: "This is not a thread. Type summarize thread inside a thread, or use summarize here.",
	},
	"summarize_window_too_long": {
		JA: "メッセージの保存期間は%d日間のため、それより長い期間は要約できません。",
		EN: "Messages are kept for %d days, so I cannot summarise a longer stretch than that.",
	},
	"summarize_nothing": {
		JA: "その範囲に要約できるメッセージがありません（要約に使えるのは、言語モデルが有効な間にこのチャンネルで書かれたメッセージです）。",
		EN: "There are no messages to summarise in that range (I can only use messages written here while a language model was on).",
	},
	"summarize_queued": {
		JA: "%d件のメッセージを要約しています。できあがり次第ここに投稿します。",
		EN: "Summarising %d messages; I will post the summary here when it is ready.",
	},
	"summarize_file_queued": {
		JA: "%sを要約しています。できあがり次第ここに投稿します。",
		EN: "Summarising %s; I will post the summary here when it is ready.",
	},
	"summarize_no_model": {
		JA: "言語モデルが設定されていないため、要約は作成できません。管理者がOTASSESS_MODELを設定すると使えるようになります。",
		EN: "No language model is configured, so I cannot write summaries. An administrator can set OTASSESS_MODEL to enable them.",
	},
	"summarize_llm_off": {
		JA: "この案件では言語モデルが無効（llm off）のため、要約は作成できません。",
		EN: "The language model is turned off for this engagement (llm off), so I cannot write summaries.",
	},
	"transcript_bad_type": {
		JA: "%sは要約できません。議事録は.vtt、.txt、.mdのいずれかのファイルで送ってください。",
		EN: "I cannot summarise %s. Please send transcripts as .vtt, .txt or .md files.",
	},
	"transcript_too_large": {
		JA: "%sは大きすぎます（%d KiB、上限%d KiB）。いくつかに分けて送ってください。",
		EN: "%s is too large (%d KiB; the limit is %d KiB). Please split it and send the parts.",
	},
	"transcript_unreadable": {
		JA: "%sを読み込めませんでした。もう一度送ってください。",
		EN: "I could not read %s. Please send it again.",
	},
	"transcript_bad_text": {
		JA: "%sはテキストファイル（UTF-8）ではないため読めません。UTF-8で保存して送ってください。",
		EN: "%s is not a UTF-8 text file, so I cannot read it. Please save it as UTF-8 and send it again.",
	},
	"transcript_empty": {
		JA: "%sには要約できる文章がありません。",
		EN: "%s has no text to summarise.",
	},
	"transcript_gone_transcripts_off": {
		JA: "この会議は要約できません。組織の管理者が、Microsoft Graphによる会議のトランスクリプトの読み取りを無効にしています。管理者に有効にしてもらってから、もう一度summarize meetingを実行してください。",
		EN: "I cannot summarise this meeting: your organisation's administrator has turned off reading meeting transcripts through Microsoft Graph. Ask them to turn it on, then run summarize meeting again.",
	},
	"transcript_gone_no_access": {
		JA: "この会議のトランスクリプトを読む権限がありません。管理者が主催者についてアプリケーションアクセスポリシーを設定するか、会議のチャットにこのアプリを追加してください。",
		EN: "I am not allowed to read this meeting's transcript. An administrator needs to grant the app an application access policy for the organiser, or the app needs to be added to the meeting's chat.",
	},
	"transcript_gone_not_ready": {
		JA: "この会議にはまだトランスクリプトがありません。会議中にトランスクリプトを開始し、会議が終わってからsummarize meetingをもう一度実行してください。",
		EN: "This meeting has no transcript yet. Start the transcript during the meeting, and run summarize meeting again once it has ended.",
	},
	"transcript_gone_no_meeting": {
		JA: "その会議が見つかりませんでした。会議のチャットで実行するか、Teamsの会議リンクを付けてsummarize meetingを実行してください。",
		EN: "I could not find that meeting. Run summarize meeting in the meeting's chat, or add the meeting's Teams link to it.",
	},
	"transcript_gone_not_invited": {
		JA: "その会議には招待されていないため、要約しません。会議の主催者か参加者がsummarize meetingを実行してください。",
		EN: "You were not invited to that meeting, so I will not summarise it. Its organiser or an attendee can run summarize meeting.",
	},
	"transcript_no_engagement": {
		JA: "どの案件の議事録か分かりません。案件のチャンネルで、ボットへのメンション付きでファイルを送ってください。",
		EN: "I cannot tell which engagement this transcript belongs to. Please post it in the engagement channel, mentioning the bot.",
	},
	"summary_title_thread": {JA: "スレッドの要約（%d件のメッセージ）", EN: "Summary of the thread (%d messages)"},
	"summary_title_here":   {JA: "このチャンネルの直近24時間の要約（%d件のメッセージ）", EN: "Summary of this channel's last 24 hours (%d messages)"},
	"summary_title_last":   {JA: "直近%[2]sの要約（%[1]d件のメッセージ）", EN: "Summary of the last %[2]s (%[1]d messages)"},
	"summary_title_file":   {JA: "議事録%sの要約", EN: "Summary of the transcript %s"},
	"summary_key_points":   {JA: "要点", EN: "Key points"},
	"summary_decisions":    {JA: "決定事項", EN: "Decisions"},
	"summary_actions":      {JA: "アクションアイテム", EN: "Action items"},
	"summary_questions":    {JA: "未解決の質問", EN: "Open questions"},
	"summary_items":        {JA: "話題になったチェックリスト項目", EN: "Checklist items discussed"},
	"summary_no_owner":     {JA: "担当未定", EN: "no owner"},
	"summary_due":          {JA: "期限%s", EN: "due %s"},
	"summary_empty": {
		JA: "要約できる内容（要点・決定事項・アクションアイテム・質問）は見つかりませんでした。",
		EN: "I found nothing to summarise (no key points, decisions, action items or questions).",
	},
	"summary_note": {
		JA: "（言語モデルによる要約です。原文のメッセージが正です。）",
		EN: "(Summarised by a language model; the original messages are the record.)",
	},

	// Explain.
	"explain_help": {
		JA: "【%sについて】\n%s",
		EN: "About %s:\n%s",
	},
	"explain_offer": {
		JA: "explain（またはhelp more）と入力すると、言語モデルがこの項目を具体例とともにやさしく説明します。",
		EN: "Type explain (or help more) for a plain-words explanation of this item with examples, written by a language model.",
	},
	"explain_queued": {
		JA: "項目%sのやさしい説明を言語モデルに依頼しました。まもなくお送りします。",
		EN: "I asked the language model to explain item %s in plain words; it will follow shortly.",
	},
	"explain_usage": {
		JA: "「explain <項目番号> [質問]」の形で入力してください（例：「explain 3-5 コンジットとは？」）。質問への回答中はexplainだけで表示中の項目を説明します。",
		EN: "Type explain <item> [question] (for example: explain 3-5 what is a conduit?). During the questions, explain alone explains the item shown.",
	},
	"explain_no_model": {
		JA: "言語モデルが設定されていないため、上記のチェックリストの説明のみお送りします。",
		EN: "No language model is configured, so this is the checklist's own explanation only.",
	},
	"explain_llm_off": {
		JA: "この案件では言語モデルが無効（llm off）のため、上記のチェックリストの説明のみお送りします。",
		EN: "The language model is turned off for this engagement (llm off), so this is the checklist's own explanation only.",
	},
	"explain_result_head": {
		JA: "【項目%sのやさしい説明】（言語モデルによる説明です。判断に迷うときはチェックリストの説明が正です。）",
		EN: "Item %s in plain words (written by a language model; where in doubt, the checklist's own help text is authoritative):",
	},
	"explain_failed": {
		JA: "言語モデルによる説明を作成できなかったため、チェックリストの説明をお送りします。",
		EN: "The language model could not explain this, so here is the checklist's own explanation.",
	},
	"help_language": {
		JA: "要約・コメント：summarize [thread|here|last 2h] [ja|en|both]（議事録ファイルも可）・explain <項目>・notes [3-5]（コメントの原文と翻訳）",
		EN: "Summaries and comments: summarize [thread|here|last 2h] [ja|en|both] (or post a transcript file) · explain <item> · notes [3-5] (comments with their originals and translations)",
	},
}
