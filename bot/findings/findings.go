package findings

import (
	"cmp"
	"reflect"
	"slices"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/bot"
)

// Findings live as stored rows from the moment the self round is complete:
// first otassess's offline drafts (author offline), replaced by the
// model's drafts when a model is on and they keep the contract (author
// model). Assessors list them (findings), add their own (finding add),
// approve them (approve 3), rewrite one language (edit 3 …) and reorder
// them (priority 3 1). Regenerating drafts (drafts, or the model's job)
// replaces only drafts that nobody approved or wrote: an approved finding
// and a person's finding are protected, and so are the items they cite.

// AfterAnswers are an engagement's after-assessment answers: the latest
// review answer of an item, else its self answer.
func AfterAnswers(tx bot.Tx, engagementID string) (map[string]assessment.Answer, error) {
	self, review, err := bot.Rounds(tx, engagementID)
	return assessment.AfterAnswers(self, review), err
}

// DraftInputOf gathers what drafting reads for an engagement: both rounds'
// answers, the remarks on items — the assessors' re-evaluation reasons
// (review round) and the client's comments (self round), each with its
// translation when there is one — and the items the kept findings cover.
// With modelOnly, only comments written while the model was allowed are
// taken, as those alone may be sent to a model.
func DraftInputOf(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack, kept []bot.Finding, modelOnly bool) (analysis.DraftInput, error) {
	in := analysis.DraftInput{Pack: pack, Covered: bot.CoveredItems(kept)}
	var err error
	if in.Self, in.Review, err = bot.Rounds(tx, eng.ID); err != nil {
		return in, err
	}
	comments, err := tx.Comments(eng.ID)
	if err != nil {
		return in, err
	}
	trs, err := tx.Translations(eng.ID)
	if err != nil {
		return in, err
	}
	for _, c := range comments {
		if !modelOnly || c.ModelOK {
			in.Remarks = append(in.Remarks, remarkOf(c, trs, eng.Langs))
		}
	}
	notes, err := tx.EvidenceOf(eng.ID)
	if err != nil {
		return in, err
	}
	in.Remarks = append(in.Remarks, observations(notes, eng.Langs, modelOnly)...)
	return in, nil
}

// remarkOf is a comment as drafting reads it: who made it by its round,
// its text in the language it was written in, and a translation if any.
func remarkOf(c bot.Comment, trs []bot.TranslationRecord, langs assessment.Lang) analysis.Remark {
	kind := assessment.SourceClient
	if c.Round == bot.RoundReview {
		kind = assessment.SourceAssessor
	}
	lang := bot.TextLang(c.Text, langs)
	r := analysis.Remark{Item: c.Item, Kind: kind, Round: string(c.Round), Lang: lang}
	r.Text = setLang(r.Text, lang, c.Text)
	for _, tr := range trs {
		if tr.CommentID == c.ID && tr.Target != lang && (tr.Target == assessment.JA || tr.Target == assessment.EN) {
			r.Text = setLang(r.Text, tr.Target, tr.Text)
		}
	}
	return r
}

func setLang(t assessment.Text, l assessment.Lang, s string) assessment.Text {
	if l == assessment.EN {
		t.EN = s
	} else {
		t.JA = s
	}
	return t
}

// Kept are the findings regenerating drafts keeps: the protected ones.
func Kept(fs []bot.Finding) []bot.Finding {
	return slices.DeleteFunc(slices.Clone(fs), func(f bot.Finding) bool { return !f.Protected() })
}

// ReplaceDrafts puts drafts in the place of the unprotected findings of
// current: a draft of the same kind citing the same items as one of them
// takes over its row and number (saved only when it differs), the others
// are added under new numbers, and the unprotected findings no draft took
// over are superseded. All then get priorities 1…n: the drafts' own order
// interleaved with the kept findings' priorities (a kept finding first at
// a tie). It returns the findings now current, by priority.
func ReplaceDrafts(tx bot.Tx, eng *bot.Engagement, current []bot.Finding, drafts []assessment.Finding, model string, at time.Time) ([]bot.Finding, error) {
	var added []bot.Finding
	old := slices.DeleteFunc(slices.Clone(current), bot.Finding.Protected)
	for _, d := range drafts {
		i := slices.IndexFunc(old, func(f bot.Finding) bool { return f.Kind == d.Kind && slices.Equal(f.Items, d.Items) })
		if i < 0 {
			f, err := tx.AddFinding(bot.Finding{EngagementID: eng.ID, Finding: d, Model: model, CreatedAt: at})
			if err != nil {
				return nil, err
			}
			added = append(added, f)
			continue
		}
		f, err := takeOver(tx, old[i], d, model, at)
		if err != nil {
			return nil, err
		}
		old = slices.Delete(old, i, i+1)
		added = append(added, f)
	}
	for _, f := range old {
		f.Status, f.UpdatedAt = bot.FindingSuperseded, at
		if err := tx.UpdateFinding(f); err != nil {
			return nil, err
		}
	}
	all := interleave(Kept(current), added)
	return all, Reprioritize(tx, all, at)
}

// interleave orders kept findings and drafts: rank r goes to the next kept
// finding (by priority) whose priority is r or less, else to the next
// draft (in the drafts' order), else to the next kept finding.
func interleave(kept, drafts []bot.Finding) []bot.Finding {
	slices.SortStableFunc(kept, func(a, b bot.Finding) int { return cmp.Compare(a.Priority, b.Priority) })
	slices.SortStableFunc(drafts, func(a, b bot.Finding) int { return cmp.Compare(a.Priority, b.Priority) })
	out := make([]bot.Finding, 0, len(kept)+len(drafts))
	for r := 1; len(kept)+len(drafts) > 0; r++ {
		if len(kept) > 0 && (kept[0].Priority <= r || len(drafts) == 0) {
			out, kept = append(out, kept[0]), kept[1:]
			continue
		}
		out, drafts = append(out, drafts[0]), drafts[1:]
	}
	return out
}

// takeOver gives an unprotected finding a new draft's content, keeping its
// row and number; it is saved only when something changed.
func takeOver(tx bot.Tx, f bot.Finding, d assessment.Finding, model string, at time.Time) (bot.Finding, error) {
	d.Number = f.Number
	if reflect.DeepEqual(f.Finding, d) && f.Model == model {
		return f, nil
	}
	f.Finding, f.Model, f.ChangedBy, f.UpdatedAt = d, model, bot.UserRef{}, at
	return f, tx.UpdateFinding(f)
}

// Reprioritize gives the findings, in the order given, priorities 1…n,
// saving those whose priority changes.
func Reprioritize(tx bot.Tx, fs []bot.Finding, at time.Time) error {
	for i := range fs {
		if fs[i].Priority == i+1 {
			continue
		}
		fs[i].Priority, fs[i].UpdatedAt = i+1, at
		if err := tx.UpdateFinding(fs[i]); err != nil {
			return err
		}
	}
	return nil
}

// refreshDrafts supersedes the engagement's unprotected drafts with the
// offline drafts for the items no protected finding covers, and queues a
// model draft job when the model is on and none is queued yet (it replaces
// them again, in the worker). It returns the findings now current and
// whether a model job is under way.
func (t *turn) refreshDrafts() ([]bot.Finding, bool, error) {
	current, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return nil, false, err
	}
	in, err := DraftInputOf(t.Tx(), t.Eng(), t.Pack(), Kept(current), false)
	if err != nil {
		return nil, false, err
	}
	drafts := analysis.DraftFindings(in)
	list, err := ReplaceDrafts(t.Tx(), t.Eng(), current, drafts, "", t.Now())
	if err != nil {
		return nil, false, err
	}
	on, err := t.ModelOn()
	if err != nil || !on || len(drafts) == 0 {
		return list, false, err
	}
	// A draft job still queued reads the answers when it runs: it serves
	// this refresh too, and a second one would only draft twice.
	if pending, err := t.Tx().QueuedJobs(t.Eng().ID, bot.JobDraft); err != nil || pending > 0 {
		return list, err == nil, err
	}
	_, err = t.Tx().QueueJob(bot.Job{EngagementID: t.Eng().ID, Kind: bot.JobDraft, Target: assessment.Both, CreatedAt: t.Now(),
		ReplyTo: bot.Outgoing{Platform: t.Eng().Platform, Conversation: t.Eng().Channel}})
	return list, err == nil, err
}

// observations are the assessors' on-site notes as drafting reads them:
// remarks of the assessors (on-site facts) on their item or the site.
// With modelOnly, only notes written while the model was allowed.
func observations(all []bot.Evidence, langs assessment.Lang, modelOnly bool) []analysis.Remark {
	var out []analysis.Remark
	for _, ev := range all {
		if ev.Kind != bot.EvidenceNote || (modelOnly && !ev.ModelOK) {
			continue
		}
		lang := bot.TextLang(ev.Text, langs)
		r := analysis.Remark{Item: ev.Item, Kind: assessment.SourceAssessor, Round: string(bot.RoundReview), Lang: lang, OnSite: true}
		r.Text = setLang(r.Text, lang, ev.Text)
		out = append(out, r)
	}
	return out
}
