package catalog

import (
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// sentences holds every fixed sentence the bot says, in both languages.
// Values are fmt formats; both languages take the same arguments. Each part
// of the bot keeps its sentences in its own map, merged here.
var sentences = mergeMessages(coreMessages, pingMessages, languageMessages, summaryMessages, notesMessages, findingMessages,
	adapterMessages, journeyMessages, deliveryMessages, evidenceMessages, planMessages, planPingMessages, consentMessages, assignMessages)

// mergeMessages joins message maps; a key in two of them is a programming
// error, caught when the package loads.
func mergeMessages(parts ...map[string]assessment.Text) map[string]assessment.Text {
	all := map[string]assessment.Text{}
	for _, part := range parts {
		for k, v := range part {
			if _, dup := all[k]; dup {
				panic("catalog: message " + k + " is defined twice")
			}
			all[k] = v
		}
	}
	return all
}

// coreMessages are the sentences of the interview and the core commands.
var coreMessages = map[string]assessment.Text{
	"bad_number": {
		JA: "回答は0〜4の数字かna（該当しない）で入力してください。",
		EN: "Levels are 0–4, or na for not applicable.",
	},
	"did_you_mean": {
		JA: "「%[1]s」のことですか？そのまま%[1]sと入力してください。",
		EN: "Did you mean \"%[1]s\"? Type %[1]s to run it.",
	},
	"unknown_item": {
		JA: "項目%sはこのチェックリストにありません。項目番号は1-1や3-5の形です。",
		EN: "There is no item %s in this checklist. Item ids look like 1-1 or 3-5.",
	},
	"comment_saved": {
		JA: "コメントを項目%sに記録しました。",
		EN: "Comment saved on item %s.",
	},
	"comment_nowhere": {
		JA: "コメントを付ける項目がありません。note 2-6 <コメント>の形で項目を指定してください。",
		EN: "There is no item to attach that comment to. Use note 2-6 <text> to name one.",
	},
	"comment_too_long": {
		JA: "コメントが長すぎます（%d文字まで）。短くして送り直してください。",
		EN: "That comment is too long (at most %d characters). Please shorten it and send it again.",
	},
	"stale_press": {
		JA: "この質問には既に回答済みです。現在の質問を改めて送ります。",
		EN: "That question was already answered — here is the current one.",
	},
	"not_spoc": {
		JA: "このチェックリストに回答できるのは、この案件の窓口担当者（SPOC）だけです。",
		EN: "Only this engagement's SPOC (client contact) can answer its checklist.",
	},
	"not_assessor": {
		JA: "この操作は、この案件のリードまたは担当コンサルタントのみが行えます。",
		EN: "Only the lead or an assessor of this engagement can do that.",
	},
	"not_participant": {
		JA: "あなたはこの案件の参加者ではありません。",
		EN: "You are not a participant of this engagement.",
	},
	"not_utf8": {
		JA: "メッセージに読み取れない文字（UTF-8ではないバイト列）が含まれていたため、何も保存していません。通常のテキストとしてもう一度送ってください。",
		EN: "Your message holds bytes that are not UTF-8 text, so nothing was stored. Please send it again as plain text.",
	},
	"no_engagement": {
		JA: "このチャンネルに紐づく案件がありません。「new <名前> spoc:@担当者 lead:@リード」で作成できます。",
		EN: "No engagement is bound to this channel. Create one with new <name> spoc:@contact lead:@lead.",
	},
	"no_interview": {
		JA: "進行中のチェックリストがありません。担当コンサルタントが案件のチャンネルでstartを実行すると始まります。",
		EN: "There is no checklist in progress here. An assessor starts one with start in the engagement channel.",
	},
	"unknown_command": {
		JA: "「%s」はここでは使えません。helpで使えるコマンドを確認できます。",
		EN: "\"%s\" can't be used here. Type help to see the commands.",
	},
	"lang_set": {
		JA: "表示言語を%sに変更しました。",
		EN: "Language set to %s.",
	},
	"lang_usage": {
		JA: "lang ja、lang en、lang bothのいずれかを入力してください。",
		EN: "Type lang ja, lang en or lang both.",
	},
	"goto_usage": {
		JA: "gotoのあとに項目番号を付けてください（例：goto 3-5）。",
		EN: "Put an item id after goto (for example goto 3-5).",
	},
	"note_usage": {
		JA: "note 2-6 <コメント>の形で入力してください。",
		EN: "Type note 2-6 <your comment>.",
	},
	"first_item": {
		JA: "これが最初の項目です。",
		EN: "This is the first item.",
	},
	"unsure_saved": {
		JA: "項目%sを「わからない」として記録し、ヒアリング項目に加えました。",
		EN: "Item %s is marked \"not sure\" and added to the interview list.",
	},
	"complete_spoc": {
		JA: "すべての項目にご回答いただきました。ありがとうございました！結果は担当コンサルタントから共有されます。回答を直したいときはgoto 2-6のように項目を指定してください。",
		EN: "That's every item — thank you! Your assessors will share the results. To change an answer, name the item, for example goto 2-6.",
	},
	"complete_spoc_unsure": {
		JA: "最後の項目まで進みました。ありがとうございます。「わからない」とした%[1]d件（%[2]s）はまだ回答済みではなく、ヒアリングで担当コンサルタントと確認します。分かった時点でgoto %[3]sのように項目を指定して回答できます。",
		EN: "You have been through every item — thank you. Items marked \"not sure\" and still open: %[1]d (%[2]s). Your assessors will go over each with you in the interview; once you know the answer, give it by naming the item, for example goto %[3]s.",
	},
	"conflict": {
		JA: "項目%sには別の窓口担当者が違う回答（%s）をしています。両方を記録し、ヒアリング項目に加えました。",
		EN: "Another point of contact gave item %s a different answer (%s). Both are recorded and the item is on the interview list.",
	},
	"status_head": {
		JA: "回答状況：%d/%d項目（%d%%）",
		EN: "Progress: %d of %d items (%d%%)",
	},
	"review_head": {
		JA: "未回答%d件・わからない%d件",
		EN: "%d unanswered · %d not sure",
	},
	"review_none": {
		JA: "未回答・わからない項目はありません。",
		EN: "No item is unanswered or marked not sure.",
	},
	"milestone": {
		JA: "%s：自己診断が%d%%に達しました（%d/%d項目）。",
		EN: "%s: the self-assessment is %d%% done (%d of %d items).",
	},
	"scores_head": {
		JA: "%s：スコア（%s）",
		EN: "%s: scores (%s)",
	},
	"not_scorable_na": {
		JA: "算出不可（該当しないが半数以上）",
		EN: "not scorable (N/A for half or more)",
	},
	// The executive summary in chat shows what the report shows: a score
	// over the answered items where items are open, marked provisional.
	"figure_provisional": {
		JA: "%d (%s)・暫定（回答%d/%d）",
		EN: "%d (%s), provisional (%d/%d answered)",
	},
	"figure_no_score": {
		JA: "スコアなし（回答%d/%d）",
		EN: "no score yet (%d/%d answered)",
	},
	"summary_provisional_note": {
		JA: "「暫定」の値は回答済みの項目だけで算出した参考値です。未確定の項目が確定すると変わります。",
		EN: "A provisional figure is calculated from the answered items only and will change once the open items are settled.",
	},
	"total": {
		JA: "総合",
		EN: "Total",
	},
	"self_complete": {
		JA: "%s：自己診断が完了しました。",
		EN: "%s: the self-assessment is complete.",
	},
	"greeting": {
		JA: "お世話になっております。%[1]sの工場セキュリティ診断（%[2]s）のため、%[3]sのご依頼でご連絡しています。全%[4]d問、1問ずつ0〜4の段階でお答えください（目安20〜30分、途中で中断してもいつでも再開できます）。回答は診断チームの案件チャンネルに共有され、そのメンバーが閲覧できます。%[5]s",
		EN: "Hello! %[3]s asked me to walk you through the factory security check for %[1]s (%[2]s). There are %[4]d questions, one at a time, each answered on a 0–4 scale; it takes about 20–30 minutes and you can stop and pick up again at any time. Your answers are shared in the assessment team's engagement channel, where its members can see them. %[5]s",
	},
	"greeting_no_model": {
		JA: "コメントは言語モデルに送られません。",
		EN: "Your comments are not sent to any language model.",
	},
	"greeting_model": {
		JA: "コメントは翻訳のため言語モデル（%s）に送られます。",
		EN: "Your comments are sent to a language model (%s) for translation.",
	},
	"started": {
		JA: "%s：%sにチェックリストを送りました。",
		EN: "%s: the checklist was sent to %s.",
	},
	"no_spoc": {
		JA: "この案件には窓口担当者（spoc:）が登録されていません。",
		EN: "This engagement has no SPOC (spoc:) yet.",
	},
	"created": {
		JA: "案件「%s」（ID %s、%s）を作成しました。このチャンネルに進捗と結果を投稿します。startで窓口担当者にチェックリストを送ります。",
		EN: "Created engagement \"%s\" (id %s, %s). Progress and results will be posted here. Run start to send the checklist to the SPOC.",
	},
	"new_usage": {
		JA: "「new <名前> spoc:@担当者 lead:@リード [assessor:@担当] [lang:ja|en|both] [tz:Asia/Tokyo] [firm:\"評価会社\"] [author:\"報告書の作成者\"] [from:前回の案件]」の形で入力してください。",
		EN: "Type new <name> spoc:@contact lead:@lead [assessor:@user] [lang:ja|en|both] [tz:Asia/Tokyo] [firm:\"assessing firm\"] [author:\"report author\"] [from:last engagement].",
	},
	"new_in_dm": {
		JA: "案件はチャンネルで作成してください（DMでは作成できません）。",
		EN: "Create engagements in a channel, not in a direct message.",
	},
	"channel_taken": {
		JA: "このチャンネルには既に案件「%s」があります。",
		EN: "This channel already has the engagement \"%s\".",
	},
	"help_interview": {
		JA: "【この項目について】\n%s\n\n回答：0〜4またはna（該当しない）。数字のあとにコメントを続けられます（例：「2 年1回見直し」）。\nコマンド：unsure（わからない）・skip（スキップ）・back（戻る）・goto 3-5・next・status（状況）・review・lang ja|en|both・note 2-6 <コメント>\nそれ以外の文章は、表示中の項目へのコメントとして記録します。",
		EN: "About this item:\n%s\n\nAnswer with 0–4 or na (not applicable); you can add a comment after the number (2 reviewed yearly).\nCommands: unsure · skip · back · goto 3-5 · next · status · review · lang ja|en|both · note 2-6 <text>\nAny other text is saved as a comment on the item shown.",
	},
	"help_channel": {
		JA: "コマンド：「new <名前> spoc:@担当者 lead:@リード [assessor:@担当] [lang:ja|en|both]」・start（チェックリストの送付）・status（進捗）・scores（スコア）・review（未回答・わからない項目）・reassess 3-5 1 <理由>（再評価）・assign 3-1..3-8 @担当（項目の回答を依頼）・report [html|docx|xlsx|md|json]（報告書）・close（クローズ）・ping（進捗のお知らせの設定）・llm [on|off]（言語モデル）・lang order original|translation（翻訳の表示順）・help",
		EN: "Commands: new <name> spoc:@contact lead:@lead [assessor:@user] [lang:ja|en|both] · start (send the checklist) · status · scores · review (open and not-sure items) · reassess 3-5 1 <reason> (re-evaluate an item) · assign 3-1..3-8 @user (give items to someone to answer) · report [html|docx|xlsx|md|json] · close · ping (progress update settings) · llm [on|off] (language model) · lang order original|translation (how translations are shown) · help",
	},
	"unreachable": {
		JA: "%sさんにダイレクトメッセージを送れませんでした。本人にアプリからのDMを許可してもらう（Discordではサーバーを共有しDMを有効に）よう依頼し、その後startを再実行してください。",
		EN: "I could not send a direct message to %s. Ask them to allow direct messages from this app (on Discord: share a server and enable DMs), then run start again.",
	},
	"control_unsure": {JA: "わからない", EN: "Not sure"},
	"control_skip":   {JA: "スキップ", EN: "Skip"},
	"control_back":   {JA: "戻る", EN: "Back"},
	"answered_as": {
		JA: "回答：%s",
		EN: "Answer: %s",
	},
	"unsure_label":  {JA: "わからない", EN: "not sure"},
	"skipped_label": {JA: "スキップ", EN: "skipped"},

	// Review round, reports and closing (issue 5).
	"unanswered_label": {JA: "未回答", EN: "unanswered"},
	"reassess_usage": {
		JA: "reassess 3-5 1 <理由>の形で入力してください（レベルは0〜4、該当しない場合はna）。「reassess 3-5」だけなら、その項目の回答と証跡を表示します。",
		EN: "Type reassess 3-5 1 <reason> (the level is 0–4, or na for not applicable). reassess 3-5 alone shows the item's answers and evidence.",
	},
	"reassess_reason": {
		JA: "再評価には理由を添えてください（例：reassess 3-5 1 OTセグメント間に境界防御がない）。",
		EN: "Please give a reason for the re-evaluation (for example: reassess 3-5 1 no boundary protection between OT segments).",
	},
	"reassessed": {
		JA: "項目%[1]sを再評価しました：自己診断「%[2]s」→ 評価後「%[3]s」。理由も記録しました。",
		EN: "Item %[1]s re-evaluated: self-assessment \"%[2]s\" → after assessment \"%[3]s\". The reason is recorded.",
	},
	"reassess_view": {
		JA: "項目%[1]sの再評価：自己診断の回答は「%[2]s」、現在の評価後の回答は「%[3]s」です。",
		EN: "Re-evaluating item %[1]s: the self-assessment answer is \"%[2]s\", the answer after assessment so far \"%[3]s\".",
	},
	"reassess_how": {
		JA: "評価を記録するには「reassess %s <レベル> <理由>」と入力してください（レベルは0〜4、該当しない場合はna）。",
		EN: "To record your level, type reassess %s <level> <reason> (the level is 0–4, or na for not applicable).",
	},
	"reassess_evidence": {
		JA: "%sの証跡：",
		EN: "Evidence of %s:",
	},
	"engagement_closed": {
		JA: "案件「%s」は既にクローズされているため、変更できません。",
		EN: "The engagement \"%s\" is closed, so it can no longer be changed.",
	},
	"closed": {
		JA: "案件「%s」をクローズしました。評価後のスコアは、同じチェックリスト版の他の案件の参考平均に匿名で算入されます。",
		EN: "The engagement \"%s\" is closed. Its after-assessment scores now count, anonymously, towards the reference average of other engagements on the same checklist version.",
	},
	"report_usage": {
		JA: "report [html|docx|xlsx|md|json] [ja|en|both]の形で入力してください（既定はhtml、言語は案件の設定）。",
		EN: "Type report [html|docx|xlsx|md|json] [ja|en|both] (html and the engagement's languages by default).",
	},
	"report_ready": {
		JA: "%sの評価報告書（%s）をお送りします。",
		EN: "Here is the assessment report for %s (%s).",
	},
	"report_unavailable": {
		JA: "このサーバーでは報告書の出力が設定されていません。管理者にお問い合わせください。",
		EN: "Report export is not set up on this server. Please ask your administrator.",
	},
	"summary_head": {
		JA: "%s：自己診断 → 評価後（参考平均）",
		EN: "%s: self-assessment → after assessment (reference average)",
	},
	"reference_label": {JA: "参考平均", EN: "reference"},
	"reference_none": {
		JA: "参考平均は、同じチェックリスト版でクローズされた他の案件が3件以上になると表示されます。",
		EN: "A reference average appears once at least three other engagements on this checklist version are closed.",
	},
}

// Say renders a catalog sentence in lang (both: Japanese, then English).
func Say(lang assessment.Lang, key string, args ...any) string {
	return Message(key, args...).In(lang)
}

// Inline is Say for lines of a channel post: with both languages, the
// two on one line separated by " / ".
func Inline(lang assessment.Lang, key string, args ...any) string {
	return Message(key, args...).Inline(lang)
}

// Message is a catalog sentence with its arguments filled in, in both
// languages. An argument that is an assessment.Text (a label, the pack's
// help, another sentence) goes into each language's sentence in that
// language, so a reader of both never gets both inside each. A missing
// key is a programming error (the catalog test checks every literal key).
func Message(key string, args ...any) assessment.Text {
	t, ok := sentences[key]
	if !ok {
		panic("catalog: no message " + key)
	}
	if len(args) > 0 {
		t = assessment.Text{JA: fmt.Sprintf(t.JA, argsIn(assessment.JA, args)...), EN: fmt.Sprintf(t.EN, argsIn(assessment.EN, args)...)}
	}
	return t
}

// argsIn is args with each assessment.Text in lang.
func argsIn(lang assessment.Lang, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(assessment.Text); ok {
			a = t.In(lang)
		}
		out[i] = a
	}
	return out
}

// TextOf is a text rendered in each language, to pass as an argument.
func TextOf(render func(assessment.Lang) string) assessment.Text {
	return assessment.Text{JA: render(assessment.JA), EN: render(assessment.EN)}
}

// Shorten cuts s to at most n runes, marking the cut.
func Shorten(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// EachLang renders a message in one language, or for both languages the
// Japanese and then the English message, each whole: a multi-line message
// reads better that way than line by line.
func EachLang(lang assessment.Lang, render func(assessment.Lang) string) string {
	if lang != assessment.Both {
		return render(lang)
	}
	return render(assessment.JA) + "\n\n" + render(assessment.EN)
}

var weekdaysJA = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// Date writes the day of t the way each language writes it:
// 2026年12月3日（木） and Thu 3 Dec 2026.
func Date(l assessment.Lang, t time.Time) string {
	if l == assessment.EN {
		return fmt.Sprintf("%s %d %s %d", t.Weekday().String()[:3], t.Day(), t.Month().String()[:3], t.Year())
	}
	return fmt.Sprintf("%d年%d月%d日（%s）", t.Year(), int(t.Month()), t.Day(), weekdaysJA[t.Weekday()])
}

// WeekdayJA is the one-character Japanese name of a weekday (月 for Monday).
func WeekdayJA(wd time.Weekday) string { return weekdaysJA[wd] }

// DateTime is Date with the time of day and the zone's abbreviation.
func DateTime(l assessment.Lang, t time.Time) string {
	return Date(l, t) + " " + t.Format("15:04 MST")
}
