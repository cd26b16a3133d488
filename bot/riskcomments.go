package bot

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// Risk comments live as stored rows from the moment the self round is
// complete: first the pack's offline drafts (author pack), replaced by the
// model's drafts when a model is on (author model). Assessors list them
// (comments), approve them (approve 3) or rewrite one language (edit 3 …).
// Regenerating drafts (drafts, or the model's job) replaces only drafts
// that nobody approved or wrote: an approved comment and a person's edit
// are protected, and so are the items they cover.

// protected reports a comment that regenerating drafts must keep.
func protected(c RiskComment) bool {
	return c.Status == RiskApproved || c.Author == AuthorPerson
}

// CoveredItems is the set of items cited by the protected comments.
func CoveredItems(cs []RiskComment) map[string]bool {
	out := map[string]bool{}
	for _, c := range cs {
		if protected(c) {
			for _, id := range c.Items {
				out[id] = true
			}
		}
	}
	return out
}

// AfterAnswers are the bound engagement's after-assessment answers.
func (t *turn) afterAnswers() (map[string]assessment.Answer, error) {
	return AfterAnswers(t.tx, t.eng.ID)
}

// AfterAnswers are an engagement's after-assessment answers: the latest
// review answer of an item, else its self answer.
func AfterAnswers(tx Tx, engagementID string) (map[string]assessment.Answer, error) {
	self, err := tx.CurrentAnswers(engagementID, RoundSelf)
	if err != nil {
		return nil, err
	}
	review, err := tx.CurrentAnswers(engagementID, RoundReview)
	if err != nil {
		return nil, err
	}
	return assessment.AfterAnswers(self, review), nil
}

// refreshDrafts supersedes the engagement's unprotected drafts with the
// pack's offline drafts for the weak items no protected comment covers,
// and queues a model draft job when the model is on and none is queued yet
// (it replaces them again, in the worker). It returns the comments now
// current and whether a model job is under way.
func (t *turn) refreshDrafts(answers map[string]assessment.Answer) ([]RiskComment, bool, error) {
	current, err := t.tx.RiskComments(t.eng.ID)
	if err != nil {
		return nil, false, err
	}
	kept, err := SupersedeDrafts(t.tx, current, t.now)
	if err != nil {
		return nil, false, err
	}
	nProtected := len(kept)
	for _, d := range assessment.DraftRisks(t.pack, Uncovered(answers, CoveredItems(kept))) {
		c, err := t.tx.AddRiskComment(RiskComment{EngagementID: t.eng.ID, Category: d.Category, Items: d.Items,
			Text: d.Text, Status: RiskDraft, Author: AuthorPack, CreatedAt: t.now})
		if err != nil {
			return nil, false, err
		}
		kept = append(kept, c)
	}
	on, err := t.modelOn()
	if err != nil || !on || len(kept) == nProtected {
		return kept, false, err
	}
	// A draft job still queued reads the answers when it runs: it serves
	// this refresh too, and a second one would only draft twice.
	if pending, err := t.tx.QueuedJobs(t.eng.ID, JobDraft); err != nil || pending > 0 {
		return kept, err == nil, err
	}
	_, err = t.tx.QueueJob(Job{EngagementID: t.eng.ID, Kind: JobDraft, Target: assessment.Both, CreatedAt: t.now,
		ReplyTo: Outgoing{Platform: t.eng.Platform, Conversation: t.eng.Channel}})
	return kept, err == nil, err
}

// SupersedeDrafts marks every unprotected comment superseded and returns
// the protected ones.
func SupersedeDrafts(tx Tx, cs []RiskComment, at time.Time) ([]RiskComment, error) {
	var kept []RiskComment
	for _, c := range cs {
		if protected(c) {
			kept = append(kept, c)
			continue
		}
		c.Status, c.UpdatedAt = RiskSuperseded, at
		if err := tx.UpdateRiskComment(c); err != nil {
			return nil, err
		}
	}
	return kept, nil
}

// Uncovered is answers without the covered items: those are no longer
// weak for drafting, as a protected comment speaks for them.
func Uncovered(answers map[string]assessment.Answer, covered map[string]bool) map[string]assessment.Answer {
	out := maps.Clone(answers)
	for id := range covered {
		delete(out, id)
	}
	return out
}

// cmdDrafts (lead or assessor) regenerates the draft risk comments from the
// after-assessment answers and lists them. While the model's drafts are
// still being made, it says so, lists the comments and changes nothing.
func (t *turn) cmdDrafts(in input) error {
	if len(in.args) > 0 {
		return t.reply("drafts_usage")
	}
	pending, err := t.tx.QueuedJobs(t.eng.ID, JobDraft)
	if err != nil {
		return err
	}
	if pending > 0 {
		list, err := t.tx.RiskComments(t.eng.ID)
		if err != nil {
			return err
		}
		return t.send(Reply{Text: catalog.Say(t.lang, "drafts_model_pending") + "\n\n" + t.commentsText(list, t.lang)})
	}
	answers, err := t.afterAnswers()
	if err != nil {
		return err
	}
	list, queued, err := t.refreshDrafts(answers)
	if err != nil {
		return err
	}
	text := t.commentsText(list, t.lang)
	if queued {
		text = catalog.Say(t.lang, "drafts_model_queued") + "\n\n" + text
	}
	return t.send(Reply{Text: text})
}

// cmdComments (lead or assessor) lists the risk comments with their numbers.
func (t *turn) cmdComments(in input) error {
	if len(in.args) > 0 {
		return t.reply("comments_usage")
	}
	list, err := t.tx.RiskComments(t.eng.ID)
	if err != nil {
		return err
	}
	return t.send(Reply{Text: t.commentsText(list, t.lang)})
}

// CommentsText renders risk comments: number, status, author, category,
// items, the text in lang, and a note on a language that is out of date.
func (t *turn) commentsText(list []RiskComment, lang assessment.Lang) string {
	return CommentsText(t.pack, list, lang)
}

func CommentsText(pack *assessment.Pack, list []RiskComment, lang assessment.Lang) string {
	if len(list) == 0 {
		return catalog.Say(lang, "comments_none")
	}
	var b strings.Builder
	b.WriteString(catalog.Say(lang, "comments_head"))
	for _, c := range list {
		cat, _ := pack.Category(c.Category)
		fmt.Fprintf(&b, "\n\n#%d [%s] (%s) %s · %s\n%s", c.Number, statusLabel(c, lang), authorLabel(c, lang),
			cat.Short.Inline(lang), strings.Join(c.Items, ", "), c.Text.In(lang))
		if c.StaleLang != "" {
			fmt.Fprintf(&b, "\n(%s)", staleNote(c.StaleLang, lang))
		}
	}
	return b.String()
}

// staleNote says that a comment's text in a language predates an edit of
// the other, on one line.
func staleNote(stale, lang assessment.Lang) string {
	return catalog.Inline(lang, "comment_stale", catalog.Message("lang_"+string(stale)))
}

func statusLabel(c RiskComment, lang assessment.Lang) string {
	if c.Status == RiskApproved {
		return catalog.Inline(lang, "status_approved")
	}
	return "DRAFT"
}

func authorLabel(c RiskComment, lang assessment.Lang) string {
	switch c.Author {
	case AuthorModel:
		return catalog.Inline(lang, "author_model", c.Model)
	case AuthorPerson:
		return catalog.Inline(lang, "author_person", c.ChangedBy.Mention())
	}
	return catalog.Inline(lang, "author_pack")
}

// riskNumbers reads the comment numbers of approve: positive integers.
func riskNumbers(args []string) ([]int, bool) {
	var out []int
	for _, a := range args {
		n, err := strconv.Atoi(strings.TrimPrefix(a, "#"))
		if err != nil || n <= 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

// findRisk returns the current comment numbered n.
func findRisk(list []RiskComment, n int) (RiskComment, bool) {
	i := slices.IndexFunc(list, func(c RiskComment) bool { return c.Number == n })
	if i < 0 {
		return RiskComment{}, false
	}
	return list[i], true
}

// cmdApprove (lead or assessor) approves one or more comments by number:
// approve 3, approve 1 2 4. An unknown number changes nothing.
func (t *turn) cmdApprove(in input) error {
	nums, ok := riskNumbers(in.args)
	if !ok {
		return t.reply("approve_usage")
	}
	list, err := t.tx.RiskComments(t.eng.ID)
	if err != nil {
		return err
	}
	var todo []RiskComment
	for _, n := range nums {
		c, ok := findRisk(list, n)
		if !ok {
			return t.reply("risk_unknown", n)
		}
		todo = append(todo, c)
	}
	var lines []string
	for _, c := range todo {
		line, err := t.approve(c)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	return t.send(Reply{Text: strings.Join(lines, "\n")})
}

func (t *turn) approve(c RiskComment) (string, error) {
	if c.Status == RiskApproved {
		return catalog.Say(t.lang, "risk_already_approved", c.Number), nil
	}
	c.Status, c.ChangedBy, c.UpdatedAt = RiskApproved, t.ev.UserRef(), t.now
	if err := t.tx.UpdateRiskComment(c); err != nil {
		return "", err
	}
	line := catalog.TextOf(func(l assessment.Lang) string {
		if c.StaleLang == "" {
			return catalog.Say(l, "risk_approved", c.Number)
		}
		return catalog.Say(l, "risk_approved", c.Number) + " " + staleNote(c.StaleLang, l)
	})
	return line.In(t.lang), nil
}

// cmdEdit (lead or assessor) rewrites a comment in one language: edit 3
// <text>. The language is the text's own (else the editor's); the other
// language's text is kept but marked out of date, and a translation is
// queued when the model is on. The comment becomes a person's draft.
func (t *turn) cmdEdit(in input) error {
	if len(in.args) < 2 {
		return t.reply("edit_usage")
	}
	nums, ok := riskNumbers(in.args[:1])
	if !ok {
		return t.reply("edit_usage")
	}
	_, text, _ := cutWord(in.rest)
	text = unquote(text)
	if text == "" {
		return t.reply("edit_usage")
	}
	if max := t.e.cfg.MaxComment; len([]rune(text)) > max {
		return t.reply("comment_too_long", max)
	}
	list, err := t.tx.RiskComments(t.eng.ID)
	if err != nil {
		return err
	}
	c, ok := findRisk(list, nums[0])
	if !ok {
		return t.reply("risk_unknown", nums[0])
	}
	lang := t.editLang(text)
	other := otherLang(lang)
	if lang == assessment.JA {
		c.Text.JA = text
	} else {
		c.Text.EN = text
	}
	c.StaleLang, c.Status, c.Author, c.Model = other, RiskDraft, AuthorPerson, ""
	c.ChangedBy, c.UpdatedAt = t.ev.UserRef(), t.now
	if err := t.tx.UpdateRiskComment(c); err != nil {
		return err
	}
	queued, err := t.queueRiskTranslation(c, lang, other)
	if err != nil {
		return err
	}
	key := "risk_edited"
	if queued {
		key = "risk_edited_translating"
	}
	return t.reply(key, c.Number, catalog.Message("lang_"+string(lang)), catalog.Message("lang_"+string(other)))
}

// editLang is the language of an edit: the text's own when it is Japanese
// or English, else the editor's (Japanese when they read both).
func (t *turn) editLang(text string) assessment.Lang {
	if l := detectLang(text); l == assessment.JA || l == assessment.EN {
		return l
	}
	if t.lang == assessment.EN {
		return assessment.EN
	}
	return assessment.JA
}

func otherLang(l assessment.Lang) assessment.Lang {
	if l == assessment.JA {
		return assessment.EN
	}
	return assessment.JA
}

// queueRiskTranslation asks the worker to translate an edited comment's new
// text into its out-of-date language (a translate job naming RiskID), when
// the model is on. The translate handler refreshes that language and
// clears StaleLang.
func (t *turn) queueRiskTranslation(c RiskComment, from, to assessment.Lang) (bool, error) {
	on, err := t.modelOn()
	if err != nil || !on {
		return false, err
	}
	_, err = t.tx.QueueJob(t.translateJob(0, c.ID, from, to))
	return err == nil, err
}
