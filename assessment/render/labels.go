package render

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// labels are the fixed words of a report, in both languages.
var labels = map[string]assessment.Text{
	"title":          {JA: "OTセキュリティ評価報告書", EN: "OT security assessment report"},
	"engagement":     {JA: "案件", EN: "Engagement"},
	"client":         {JA: "顧客", EN: "Client"},
	"site":           {JA: "拠点", EN: "Site"},
	"pack":           {JA: "チェックリスト", EN: "Checklist"},
	"status":         {JA: "状態", EN: "Status"},
	"as_of":          {JA: "作成日時", EN: "Prepared"},
	"reviewed":       {JA: "再評価した項目", EN: "Items re-evaluated"},
	"summary":        {JA: "エグゼクティブサマリ", EN: "Executive summary"},
	"category":       {JA: "カテゴリ", EN: "Category"},
	"self":           {JA: "自己診断結果", EN: "Self-assessment result"},
	"after":          {JA: "評価後の結果", EN: "Result after assessment"},
	"reference":      {JA: "参考平均", EN: "Reference average"},
	"direction":      {JA: "参考平均との比較", EN: "Against the reference"},
	"better":         {JA: "▲ 上回る", EN: "▲ above"},
	"worse":          {JA: "▼ 下回る", EN: "▼ below"},
	"equal":          {JA: "＝ 同等", EN: "= level"},
	"grade":          {JA: "評価", EN: "Grade"},
	"incomplete":     {JA: "未完了 %d/%d", EN: "incomplete %d/%d"},
	"not_scorable":   {JA: "算出不可（該当しないが半数以上）", EN: "not scorable (N/A for half or more)"},
	"partial":        {JA: "未回答の項目があるため、数値は暫定です。", EN: "Some items are still unanswered: these figures are partial, not final."},
	"ref_pack":       {JA: "参考平均はチェックリストに設定された値です。", EN: "The reference average is the one configured in the checklist."},
	"ref_engagement": {JA: "参考平均は、同じチェックリスト版で完了した他の案件 %d 件の評価後スコアの平均です（個別の案件は特定できません）。", EN: "The reference average is the mean after-assessment score of %d other closed engagements on the same checklist version (no single engagement can be identified)."},
	"ref_none":       {JA: "参考平均はまだありません。同じチェックリスト版で完了した案件が3件以上になると表示されます。", EN: "There is no reference average yet: it appears once at least three other engagements on this checklist version are closed."},
	"chart":          {JA: "レーダーチャート（自己診断・評価後・参考平均）", EN: "Radar chart (self assessment, after assessment, reference)"},
	"comments":       {JA: "評価コメント", EN: "Evaluation comments"},
	"items":          {JA: "参照項目番号", EN: "Reference item numbers"},
	"comment":        {JA: "コメント", EN: "Comment"},
	"draft":          {JA: "ドラフト", EN: "draft"},
	"approved":       {JA: "承認済み", EN: "approved"},
	"drafts_note":    {JA: "ドラフトのコメントは、アセッサーの承認前の下書きです。", EN: "Draft comments are starting points that an assessor has not approved yet."},
	"no_comments":    {JA: "コメントはありません。", EN: "No comments."},
	"interview":      {JA: "ヒアリング項目（「わからない」と回答された項目）", EN: "Interview list (items marked not sure)"},
	"no_interview":   {JA: "「わからない」と回答された項目はありません。", EN: "No item was marked not sure."},
	"item":           {JA: "項目", EN: "Item"},
	"question":       {JA: "設問", EN: "Question"},
	"weight":         {JA: "重み", EN: "Weight"},
	"self_answer":    {JA: "自己診断", EN: "Self assessment"},
	"review_answer":  {JA: "再評価", EN: "Review"},
	"after_answer":   {JA: "評価後", EN: "After assessment"},
	"history":        {JA: "履歴", EN: "History"},
	"reviewed_yes":   {JA: "再評価済み", EN: "re-evaluated"},
	"reviewed_no":    {JA: "未再評価", EN: "not yet re-evaluated"},
	"answers":        {JA: "回答一覧", EN: "Answers"},
	"unanswered":     {JA: "未回答", EN: "unanswered"},
	"unsure":         {JA: "わからない", EN: "not sure"},
	"round_self":     {JA: "自己診断", EN: "self"},
	"round_review":   {JA: "再評価", EN: "review"},
	"source":         {JA: "出典", EN: "Source"},

	"status_draft":           {JA: "準備中", EN: "draft"},
	"status_self_assessment": {JA: "自己診断中", EN: "self assessment in progress"},
	"status_review":          {JA: "再評価中", EN: "re-evaluation in progress"},
	"status_reported":        {JA: "報告済み", EN: "reported"},
	"status_closed":          {JA: "完了", EN: "closed"},

	"sheet_summary":  {JA: "サマリ", EN: "Summary"},
	"sheet_answers":  {JA: "回答", EN: "Answers"},
	"sheet_comments": {JA: "コメント", EN: "Comments"},
}

// label is a fixed word in lang; both joins the languages with " / ".
func label(lang assessment.Lang, key string, args ...any) string {
	t, ok := labels[key]
	if !ok {
		panic("render: no label " + key)
	}
	if len(args) > 0 {
		t = assessment.Text{JA: fmt.Sprintf(t.JA, args...), EN: fmt.Sprintf(t.EN, args...)}
	}
	return t.Inline(lang)
}

// lines is a text as separate lines: for both, the Japanese then the English.
func lines(t assessment.Text, lang assessment.Lang) []string {
	return strings.Split(t.In(lang), "\n")
}

// figure is a score the way the seed's executive summary prints it:
// "C (52%)", or why there is none.
func figure(f assessment.Figure, lang assessment.Lang) string {
	switch {
	case f.Score != nil:
		return fmt.Sprintf("%s (%d%%)", *f.Grade, *f.Score)
	case f.Incomplete:
		return label(lang, "incomplete", f.Answered, f.Items)
	case f.TooManyNA:
		return label(lang, "not_scorable")
	}
	return "–"
}

// reference prints a reference average with its grade, or a dash.
func reference(v *int) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%s (%d%%)", assessment.GradeOf(*v), *v)
}

// direction prints the comparison with the reference, or a dash.
func direction(d string, lang assessment.Lang) string {
	if d == "" {
		return "–"
	}
	return label(lang, d)
}

// answer prints an answer: "2 In place", "not sure", "unanswered".
func answer(a assessment.ReportAnswer, lang assessment.Lang) string {
	var s string
	switch {
	case a.Value != "":
		s = string(a.Value) + " " + a.Label.Inline(lang)
		if a.Unsure {
			s += " (" + label(lang, "unsure") + ")"
		}
	case a.Unsure:
		s = label(lang, "unsure")
	default:
		s = label(lang, "unanswered")
	}
	return s
}

// reviewAnswer prints the assessors' level of an item, or none when they
// kept the self answer.
func reviewAnswer(a assessment.AnswerRow, lang assessment.Lang, none string) string {
	if a.Review.Value == "" {
		return none
	}
	return answer(a.Review, lang)
}

// reviewState says whether the assessors have re-evaluated an interview item.
func reviewState(it assessment.InterviewItem, lang assessment.Lang) string {
	if it.Reviewed {
		return label(lang, "reviewed_yes")
	}
	return label(lang, "reviewed_no")
}

// categoryLabel is the summary's row label of a category id.
func categoryLabel(r *assessment.Report, id string, lang assessment.Lang) string {
	for _, c := range r.Categories {
		if c.ID == id {
			return c.Short.Inline(lang)
		}
	}
	return id
}

func statusLabel(s string, lang assessment.Lang) string {
	if _, ok := labels["status_"+s]; ok {
		return label(lang, "status_"+s)
	}
	return s
}

// commentStatus names a risk comment's status; an unknown one as it is.
func commentStatus(s string, lang assessment.Lang) string {
	if s == "draft" || s == "approved" {
		return label(lang, s)
	}
	return s
}

func roundLabel(round string, lang assessment.Lang) string {
	if round == assessment.RoundReview {
		return label(lang, "round_review")
	}
	return label(lang, "round_self")
}

// partial reports whether any figure of the summary is not final.
func partial(r *assessment.Report) bool {
	for _, row := range r.Summary {
		if row.Self.Incomplete || row.After.Incomplete {
			return true
		}
	}
	return false
}

// referenceNote says where the reference average comes from.
func referenceNote(r *assessment.Report, lang assessment.Lang) string {
	switch r.Reference.Source {
	case "pack":
		return label(lang, "ref_pack")
	case "engagements":
		return label(lang, "ref_engagement", r.Reference.Count)
	}
	return label(lang, "ref_none")
}

// hasDrafts reports whether the comment table holds drafts.
func hasDrafts(r *assessment.Report) bool {
	for _, c := range r.Comments {
		if c.Status != "approved" {
			return true
		}
	}
	return false
}

const timeFormat = "2006-01-02 15:04 MST"
