package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/findings"
)

// draft runs a draft job: the model drafts the findings of the items that
// no approved or person's finding covers, in both languages, from both
// rounds' levels, the remarks it may read (the assessors' re-evaluation
// reasons and the client's comments, each labelled), the glossary and the
// offline ranking. Drafts that break the contract (assessment.
// CheckModelDrafts: an unknown or ineligible id, a top-ranked gap left
// out, a text too long) are not used: the offline drafts stand and the
// channel says why. A failed call is retried, then reported as failed.
func (w *Worker) draft(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error) {
	var out jobOutcome
	j := jobs[0]
	pack, err := w.e.Pack(eng)
	if err != nil {
		return out, err
	}
	in, err := w.draftInput(ctx, eng, pack)
	if err != nil {
		return out, err
	}
	offline := analysis.DraftFindings(in)
	if len(offline) == 0 {
		return out, nil
	}
	out.Audit = []bot.AuditRecord{sentAudit(j.ID, "findings:"+strings.Join(citedIDs(offline), ","), sentRemarks(in))}
	drafts, usage, err := w.e.Config().Model.DraftFindings(ctx, bot.FindingsRequest{Input: in, Offline: offline, RedactWords: redactWords(eng)})
	out.Usage = usage
	if err != nil {
		return out, fmt.Errorf("bot: draft findings for job %d: %w", j.ID, err)
	}
	basis := analysis.BasisOf(in)
	if err := analysis.CheckModelDrafts(pack, basis, drafts); err != nil {
		w.log.Info("Model drafts rejected", "engagement_id", eng.ID, "job_id", j.ID, "error", err)
		out.Save = func(tx bot.Tx) error { return w.draftRejected(tx, eng, err) }
		return out, nil
	}
	drafts = analysis.PrioritizeDrafts(pack, basis, drafts)
	for i := range drafts {
		drafts[i].Sources = in.SourcesOf(drafts[i].Items)
	}
	model := w.e.Config().Model.Info().Model
	out.Save = func(tx bot.Tx) error { return w.saveDrafts(tx, eng, pack, drafts, model) }
	return out, nil
}

// draftInput is what the model may draft from, read when the job runs.
func (w *Worker) draftInput(ctx context.Context, eng *bot.Engagement, pack *assessment.Pack) (analysis.DraftInput, error) {
	var in analysis.DraftInput
	err := w.e.Store().View(ctx, func(tx bot.Tx) error {
		current, err := tx.Findings(eng.ID)
		if err != nil {
			return err
		}
		in, err = findings.DraftInputOf(tx, eng, pack, current, true)
		return err
	})
	if err != nil {
		return in, fmt.Errorf("bot: draft input of %s: %w", eng.ID, err)
	}
	return in, nil
}

func citedIDs(fs []assessment.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Items...)
	}
	assessment.SortItemIDs(ids)
	return slices.Compact(ids)
}

// sentRemarks is the people's text the prompt carries, for the audit hash.
func sentRemarks(in analysis.DraftInput) string {
	var b strings.Builder
	for _, r := range in.Remarks {
		if !in.Covered[r.Item] {
			b.WriteString(r.Item + ": " + r.Text.JA + r.Text.EN + "\n")
		}
	}
	return b.String()
}

// saveDrafts replaces the unprotected drafts with the model's, unless a
// finding approved or written since the job was queued now covers an item
// the drafts cite: then the findings stay as they are. It posts the new
// drafts to the engagement channel.
func (w *Worker) saveDrafts(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack, drafts []assessment.Finding, model string) error {
	now := w.e.Clock().Now().UTC()
	current, err := tx.Findings(eng.ID)
	if err != nil {
		return err
	}
	covered := bot.CoveredItems(current)
	if slices.ContainsFunc(drafts, func(d assessment.Finding) bool {
		return slices.ContainsFunc(d.Items, func(id string) bool { return covered[id] })
	}) {
		return tx.Enqueue(eng.ChannelPost(catalog.Say(eng.Langs, "drafts_model_kept", eng.Name), now))
	}
	list, err := findings.ReplaceDrafts(tx, eng, current, drafts, model, now)
	if err != nil {
		return err
	}
	text := catalog.Say(eng.Langs, "drafts_model_ready", eng.Name, len(drafts)) + "\n\n" + findings.Text(pack, list, eng.Langs)
	return tx.Enqueue(eng.ChannelPost(text, now))
}

// draftRejected tells the engagement channel why the model's drafts were
// not used; the offline drafts stand.
func (w *Worker) draftRejected(tx bot.Tx, eng *bot.Engagement, err error) error {
	text := catalog.Say(eng.Langs, "drafts_model_rejected", eng.Name, rejection(err))
	return tx.Enqueue(eng.ChannelPost(text, w.e.Clock().Now().UTC()))
}

// rejection is the reason a contract check gives, in both languages.
func rejection(err error) assessment.Text {
	var dr *analysis.DraftRejection
	item := ""
	if errors.As(err, &dr) {
		item = dr.Item
	}
	switch {
	case errors.Is(err, analysis.ErrDraftUnknownItem):
		return catalog.Message("reject_unknown_item", item)
	case errors.Is(err, analysis.ErrDraftNotAGap):
		return catalog.Message("reject_not_gap", item)
	case errors.Is(err, analysis.ErrDraftMissesTop):
		return catalog.Message("reject_missed_top", item)
	case errors.Is(err, analysis.ErrDraftTooLong):
		return catalog.Message("reject_too_long", analysis.MaxFindingRunes)
	}
	return catalog.Message("reject_shape")
}

// draftFailed tells the engagement channel that the model's drafts could
// not be made, and that the offline drafts stand.
func (w *Worker) draftFailed(tx bot.Tx, eng *bot.Engagement, j bot.Job) error {
	return tx.Enqueue(eng.ChannelPost(catalog.Say(eng.Langs, "drafts_model_failed", eng.Name), w.e.Clock().Now().UTC()))
}
