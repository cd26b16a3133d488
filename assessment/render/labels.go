package render

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// labels are the fixed words of a report, in both languages. Sentences
// are report style: Japanese である調, English in the third person.
var labels = map[string]assessment.Text{
	"title":            {JA: "OTセキュリティ評価報告書", EN: "OT security assessment report"},
	"engagement":       {JA: "案件", EN: "Engagement"},
	"client":           {JA: "顧客", EN: "Client"},
	"site":             {JA: "拠点", EN: "Site"},
	"firm":             {JA: "評価実施者", EN: "Assessed by"},
	"author":           {JA: "作成者", EN: "Author"},
	"pack":             {JA: "チェックリスト", EN: "Checklist"},
	"status":           {JA: "状態", EN: "Status"},
	"as_of":            {JA: "作成日時", EN: "Prepared"},
	"reviewed":         {JA: "再評価した項目", EN: "Items re-evaluated"},
	"summary":          {JA: "エグゼクティブサマリ", EN: "Executive summary"},
	"category":         {JA: "カテゴリ", EN: "Category"},
	"self":             {JA: "自己診断結果", EN: "Self-assessment result"},
	"after":            {JA: "評価後の結果", EN: "Result after assessment"},
	"reference":        {JA: "参考平均", EN: "Reference average"},
	"direction":        {JA: "参考平均との比較", EN: "Against the reference"},
	"better":           {JA: "▲ 上回る", EN: "▲ above"},
	"worse":            {JA: "▼ 下回る", EN: "▼ below"},
	"equal":            {JA: "＝同等", EN: "= level"},
	"grade":            {JA: "評価", EN: "Grade"},
	"provisional_fig":  {JA: "%s (%d%%) 暫定・回答%d/%d", EN: "%s (%d%%) provisional, %d/%d answered"},
	"provisional":      {JA: "暫定", EN: "provisional"},
	"no_score":         {JA: "スコアなし（回答%d/%d）", EN: "no score (%d/%d answered)"},
	"not_scorable":     {JA: "算出不可（該当しないが半数以上）", EN: "not scorable (N/A for half or more)"},
	"provisional_note": {JA: "「暫定」の値は、回答済みの項目のみで算出した参考値であり、未確定の項目が確定すると変わる。", EN: "A provisional figure is computed over the answered items only; it changes once the open items are settled."},
	"open_self":        {JA: "自己診断で未確定の項目（%d件）：%s", EN: "Open in the self-assessment (%d): %s"},
	"open_after":       {JA: "評価後も未確定の項目（%d件）：%s", EN: "Still open after the assessment (%d): %s"},
	"open_entry":       {JA: "%s（%s）", EN: "%s (%s)"},
	"list_sep":         {JA: "、", EN: ", "},
	"ref_pack":         {JA: "参考平均はチェックリストに設定された値である。", EN: "The reference average is the one configured in the checklist."},
	"ref_engagement":   {JA: "参考平均は、同じチェックリスト版でクローズした他の案件%d件の評価後スコアの平均である（個別の案件は特定できない）。", EN: "The reference average is the mean after-assessment score of %d other closed engagements on the same checklist version; no single engagement can be identified from it."},
	"ref_none":         {JA: "参考平均はまだない。同じチェックリスト版でクローズした他の案件が3件以上になると表示される。", EN: "There is no reference average yet: it appears once at least three other engagements on this checklist version are closed."},
	"chart":            {JA: "レーダーチャート（自己診断・評価後・参考平均）", EN: "Radar chart (self-assessment, after assessment, reference average)"},
	"chart_gap":        {JA: "スコアのないカテゴリは0ではなく欠落として描いている：%s。", EN: "A category without a score is drawn as a gap, not as 0: %s."},
	"findings":         {JA: "主な所見（良い点と改善点）", EN: "Key findings (good points and improvements)"},
	"kind":             {JA: "種別", EN: "Kind"},
	"improvement":      {JA: "改善点", EN: "Improvement"},
	"good":             {JA: "良い点", EN: "Good point"},
	"items":            {JA: "参照項目番号", EN: "Reference items"},
	"finding":          {JA: "リスク要因", EN: "Risk factor"},
	"priority":         {JA: "優先度", EN: "Priority"},
	"directions":       {JA: "対策方針（優先度順）", EN: "Countermeasure directions (by priority)"},
	"direction_text":   {JA: "対策方針", EN: "Direction"},
	"no_directions":    {JA: "対策方針はまだ記載されていない。", EN: "No countermeasure direction has been recorded yet."},
	"site_obs":         {JA: "現地調査", EN: "On-site survey"},
	"comment":          {JA: "コメント", EN: "Comment"},
	"draft":            {JA: "ドラフト", EN: "draft"},
	"approved":         {JA: "承認済み", EN: "approved"},
	"drafts_note":      {JA: "「ドラフト」の所見は、担当コンサルタントが承認する前の下書きである。", EN: "Findings marked draft are starting points that an assessor has not approved yet."},
	"stale_mark":       {JA: "［要更新：他言語の編集が未反映］", EN: "[out of date: the other language was edited since]"},
	"stale_note":       {JA: "「要更新」の記述は、もう一方の言語の記述が後から編集されたため、内容が一致していない可能性がある。", EN: "A text marked out of date predates an edit of the other language and may no longer match it."},
	"no_findings":      {JA: "所見はまだ記載されていない。", EN: "No findings have been recorded yet."},
	"annex":            {JA: "付録", EN: "Annex"},
	"interview":        {JA: "ヒアリング項目（「わからない」と回答された項目）", EN: "Interview list (items marked not sure)"},
	"no_interview":     {JA: "「わからない」と回答された項目はない。", EN: "No item was marked not sure."},
	"item":             {JA: "項目", EN: "Item"},
	"key":              {JA: "重要", EN: "Key"},
	"question":         {JA: "設問", EN: "Question"},
	"weight":           {JA: "重み", EN: "Weight"},
	"weights_note":     {JA: "★は重要項目を示す。重みはカテゴリ内の配点の比率である。", EN: "★ marks a key item; the weight is the item's share of its category's score."},
	"self_answer":      {JA: "自己診断", EN: "Self-assessment"},
	"review_answer":    {JA: "再評価", EN: "Review"},
	"after_answer":     {JA: "評価後", EN: "After assessment"},
	"history":          {JA: "回答履歴", EN: "Answer history"},
	"history_zone":     {JA: "時刻は案件のタイムゾーン（%s）による。", EN: "Times are in the engagement's time zone (%s)."},
	"reviewed_yes":     {JA: "再評価済み", EN: "re-evaluated"},
	"reviewed_no":      {JA: "未再評価", EN: "not yet re-evaluated"},
	"answers":          {JA: "回答一覧", EN: "Answers"},
	"unanswered":       {JA: "未回答", EN: "unanswered"},
	"unsure":           {JA: "わからない", EN: "not sure"},
	"round_self":       {JA: "自己診断", EN: "self"},
	"round_review":     {JA: "再評価", EN: "review"},
	"source":           {JA: "出典", EN: "Source"},

	"status_draft":           {JA: "準備中", EN: "draft"},
	"status_self_assessment": {JA: "自己診断中", EN: "self-assessment in progress"},
	"status_review":          {JA: "再評価中", EN: "re-evaluation in progress"},
	"status_reported":        {JA: "報告済み", EN: "reported"},
	"status_closed":          {JA: "クローズ", EN: "closed"},

	"sheet_summary":  {JA: "サマリ", EN: "Summary"},
	"sheet_findings": {JA: "所見", EN: "Findings"},
	"sheet_answers":  {JA: "回答", EN: "Answers"},

	"legend_self":         {JA: "自己診断", EN: "Self-assessment"},
	"legend_after":        {JA: "評価後", EN: "After assessment"},
	"legend_ref":          {JA: "参考平均", EN: "Reference average"},
	"no_score_mark":       {JA: "スコアなし", EN: "no score"},
	"incl_provisional":    {JA: "（暫定値を含む）", EN: " (incl. provisional)"},
	"evidence":            {JA: "証跡", EN: "Evidence"},
	"no_evidence":         {JA: "登録された証跡はない。", EN: "No evidence was recorded."},
	"evidence_note":       {JA: "項目ごとの証跡（写真・文書と担当コンサルタントの現地メモ）。日時は%sである。SHA-256は登録時のファイルのハッシュ値である。", EN: "Evidence per item: photos, documents and the assessors' on-site notes. Times are in %s; the SHA-256 is the hash of the file as it was posted."},
	"evidence_what":       {JA: "内容", EN: "Evidence"},
	"evidence_by":         {JA: "登録者", EN: "Added by"},
	"evidence_at":         {JA: "登録日時", EN: "Added"},
	"evidence_site":       {JA: "現地全体", EN: "Site"},
	"evidence_onsite":     {JA: "現地メモ：", EN: "On-site note: "},
	"plan":                {JA: "対策計画", EN: "Countermeasure plan"},
	"no_plan":             {JA: "対策計画はまだ作成されていない。", EN: "No countermeasure plan has been drawn up yet."},
	"plan_progress":       {JA: "対策は全%d件であり、うち実施済みが%d件、対応中が%d件、未着手が%d件、取りやめが%d件である。", EN: "The plan has %d actions: %d done, %d in progress, %d open and %d dropped."},
	"plan_theme":          {JA: "テーマ", EN: "Theme"},
	"plan_action":         {JA: "対策", EN: "Action"},
	"plan_owner":          {JA: "担当者", EN: "Owner"},
	"plan_due":            {JA: "期限", EN: "Due"},
	"plan_finding":        {JA: "所見", EN: "Finding"},
	"plan_record":         {JA: "記録", EN: "Record"},
	"plan_none":           {JA: "未定", EN: "not set"},
	"plan_record_done":    {JA: "実施内容：%s", EN: "Done: %s"},
	"plan_record_dropped": {JA: "取りやめの理由：%s", EN: "Dropped because: %s"},
	"plan_record_open":    {JA: "記録：%s", EN: "Record: %s"},
	"plan_record_doing":   {JA: "記録：%s", EN: "Record: %s"},
	"plan_status_open":    {JA: "未着手", EN: "Open"},
	"plan_status_doing":   {JA: "対応中", EN: "In progress"},
	"plan_status_done":    {JA: "実施済み", EN: "Done"},
	"plan_status_dropped": {JA: "取りやめ", EN: "Dropped"},
	"theme_governance":    {JA: "推進体制", EN: "Governance"},
	"theme_risk":          {JA: "リスク分析とルール", EN: "Risk analysis and rules"},
	"theme_training":      {JA: "教育", EN: "Training"},
	"theme_incident":      {JA: "インシデント対応", EN: "Incident response"},
	"theme_technology":    {JA: "技術的対策", EN: "Technology"},
	"theme_supply_chain":  {JA: "サプライチェーン", EN: "Supply chain"},
	"trend":               {JA: "前回（%s）からの推移", EN: "Trend since %s"},
	"trend_previous":      {JA: "前回の評価後の結果", EN: "Previous result after assessment"},
	"trend_now":           {JA: "今回の評価後の結果", EN: "Result after this assessment"},
	"trend_change":        {JA: "増減（ポイント）", EN: "Change (points)"},
	"sheet_plan":          {JA: "対策計画", EN: "POA&M"},
	"sheet_evidence":      {JA: "証跡", EN: "Evidence"},
	"evidence_pictures":   {JA: "写真（HTML版とWord版に縮小画像を掲載）：", EN: "Pictures (shown in the HTML and Word reports): "},
	"delegated":           {JA: "回答を依頼した項目", EN: "Items answered by delegates"},
	"delegated_who":       {JA: "回答者", EN: "Answered by"},
	"delegated_done":      {JA: "回答済み", EN: "Answered"},
	"client_title":        {JA: "拠点別比較報告書", EN: "Site comparison report"},
	"client_sites":        {JA: "対象拠点", EN: "Sites compared"},
	"total":               {JA: "総合", EN: "Total"},
	"client_count":        {JA: "拠点数", EN: "Sites"},
	"client_note":         {JA: "各拠点の結果は、その拠点の最新の案件（回答のある最も新しい案件）によるものである。", EN: "Each site is represented by its latest engagement, the newest one with answers."},
	"client_after":        {JA: "拠点別の評価後の結果", EN: "Results after assessment by site"},
	"client_self":         {JA: "拠点別の自己診断結果", EN: "Self-assessment results by site"},
	"client_charts":       {JA: "拠点別のレーダーチャート", EN: "Radar chart of each site"},
	"client_versions":     {JA: "拠点によってチェックリストの版が異なる。版にないカテゴリは「–」で示す。", EN: "The sites were assessed on different checklist versions; a category that a site's version lacks is shown as –."},
	"sheet_client":        {JA: "拠点比較", EN: "Comparison"},
	"sheet_charts":        {JA: "チャート", EN: "Charts"},
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

// figure is a score the way the seed's executive summary prints it,
// "C (52%)"; a provisional one says so with the count of answered items;
// otherwise why there is none.
func figure(f assessment.Figure, lang assessment.Lang) string {
	v, g, prov, ok := f.Shown()
	switch {
	case ok && prov:
		return label(lang, "provisional_fig", g, v, f.Answered, f.Items)
	case ok:
		return fmt.Sprintf("%s (%d%%)", g, v)
	case f.TooManyNA:
		return label(lang, "not_scorable")
	case f.Incomplete:
		return label(lang, "no_score", f.Answered, f.Items)
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
	if id == assessment.SiteCategory {
		return label(lang, "site_obs")
	}
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

// findingStatus names a finding's status; an unknown one as it is.
func findingStatus(s assessment.FindingStatus, lang assessment.Lang) string {
	if s == assessment.FindingDraft || s == assessment.FindingApproved {
		return label(lang, string(s))
	}
	return string(s)
}

// kindLabel names a finding's kind.
func kindLabel(kind assessment.FindingKind, lang assessment.Lang) string {
	if kind == assessment.Good {
		return label(lang, "good")
	}
	return label(lang, "improvement")
}

func roundLabel(round string, lang assessment.Lang) string {
	if round == assessment.RoundReview {
		return label(lang, "round_review")
	}
	return label(lang, "round_self")
}

// provisional reports whether any figure of the summary is provisional.
func provisional(r *assessment.Report) bool {
	for _, row := range r.Summary {
		if row.Self.Estimate != nil || row.After.Estimate != nil {
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

// hasDrafts reports whether any finding is a draft.
func hasDrafts(r *assessment.Report) bool {
	for _, f := range r.Findings {
		if f.Draft() {
			return true
		}
	}
	return false
}

// hasStale reports whether any finding has a text out of date in a
// language the report shows.
func hasStale(r *assessment.Report, lang assessment.Lang) bool {
	for _, f := range r.Findings {
		for _, l := range langsOf(lang) {
			if f.IsStale(l) {
				return true
			}
		}
	}
	return false
}

const timeFormat = "2006-01-02 15:04 MST"

// citation prints a finding's items as the seed does ("1-1 to 1-4, 2-5");
// a site observation cites none and shows a dash.
func citation(f assessment.Finding, lang assessment.Lang) string {
	if len(f.Items) == 0 {
		return "–"
	}
	return assessment.CiteItems(f.Items).Inline(lang)
}

// chartCaption is the chart's caption, saying which categories have no
// score and are drawn as a gap.
func chartCaption(r *assessment.Report, lang assessment.Lang) string {
	return eachInline(lang, func(l assessment.Lang) string {
		gaps := chartGaps(r, l)
		if len(gaps) == 0 {
			return label(l, "chart")
		}
		return label(l, "chart") + " " + label(l, "chart_gap", strings.Join(gaps, label(l, "list_sep")))
	})
}

// chartGaps names each series' categories that have no score:
// "Process (self-assessment)".
func chartGaps(r *assessment.Report, lang assessment.Lang) []string {
	var out []string
	for _, row := range r.Summary {
		if row.Category == "" {
			continue
		}
		for _, s := range []struct {
			f   assessment.Figure
			key string
		}{{row.Self, "legend_self"}, {row.After, "legend_after"}} {
			if _, _, _, ok := s.f.Shown(); !ok {
				out = append(out, fmt.Sprintf(label(lang, "open_entry"), row.Label.Inline(lang), label(lang, s.key)))
			}
		}
	}
	return out
}
