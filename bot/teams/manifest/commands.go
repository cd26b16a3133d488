package manifest

// command is one entry of a bot command menu: what the person types, and
// what it does in English (the manifest) and Japanese (ja.json).
type command struct {
	title  string
	en, ja string
}

// Teams shows at most ten commands per menu that a localization file can
// translate (bots[0].commandLists[i].commands[0-9]), so each menu holds the
// commands people use most; help lists the rest.
var personalCommands = []command{
	{"help", "The commands, and help on the question shown", "コマンドの一覧と、表示中の質問の説明"},
	{"next", "Show the current question again", "表示中の質問をもう一度表示します"},
	{"status", "Your progress through the checklist", "チェックリストの進み具合"},
	{"review", "Items still open or marked not sure", "未回答の項目と「わからない」の項目"},
	{"unsure", "Mark the question as not sure, to discuss it in the interview", "この質問を「わからない」にして、インタビューで確認します"},
	{"skip", "Skip the question for now", "この質問をいったん飛ばします"},
	{"back", "Go back to the previous question", "前の質問に戻ります"},
	{"note", "note 2-6 <text>: a comment on an item", "note 2-6 <コメント>：項目にコメントを付けます"},
	{"explain", "explain 2-6: what an item asks, in plain words", "explain 2-6：項目の意味をわかりやすく説明します"},
	{"lang", "lang ja|en|both: the language you are asked in", "lang ja|en|both：質問の表示言語を選びます"},
}

var channelCommands = []command{
	{"new", "new <name> spoc:@contact lead:@lead [lang:ja|en|both]: a new engagement", "new <名前> spoc:@担当者 lead:@リード [lang:ja|en|both]：案件を作成します"},
	{"start", "Send the checklist to the client's contact", "お客様の担当者へチェックリストの送付を始めます"},
	{"status", "Progress of the engagement", "案件の進捗"},
	{"scores", "Scores so far, by category", "カテゴリ別のこれまでのスコア"},
	{"review", "Items still open or marked not sure", "未回答の項目と「わからない」の項目"},
	{"report", "report [html|xlsx|md|json] [ja|en|both]: the report file", "report [html|xlsx|md|json] [ja|en|both]：報告書ファイル"},
	{"summarize", "summarize [thread|here|last 2h|meeting <link>]: a bilingual summary", "summarize [thread|here|last 2h|meeting <リンク>]：日英の要約"},
	{"ping", "Settings of the progress updates", "進捗のお知らせの設定"},
	{"llm", "llm [on|off]: whether a language model may be used", "llm [on|off]：言語モデルを使うかどうか"},
	{"help", "All commands", "すべてのコマンド"},
}
