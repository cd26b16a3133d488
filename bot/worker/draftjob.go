package worker

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// draftInputs is what the model drafts risk comments from.
type draftInputs struct {
	answers  map[string]assessment.Answer
	comments map[string][]string
	weak     []string // weak items no protected comment covers, in pack order
}

// draft runs a draft job: the model drafts the risk comments of the weak
// items that no approved or hand-edited comment covers, in both languages,
// from the after-assessment answers, the respondents' comments and the
// pack's risk and direction texts. The drafts are checked here as well as
// in the model client (known items of the right category, every weak item
// covered, both languages); an unusable answer leaves the pack's drafts.
func (w *Worker) draft(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error) {
	var out jobOutcome
	j := jobs[0]
	pack, err := w.e.Pack(eng)
	if err != nil {
		return out, err
	}
	in, err := w.draftInputs(ctx, eng, pack)
	if err != nil || len(in.weak) == 0 {
		return out, err
	}
	req := bot.RiskRequest{Pack: pack, Answers: in.answers, Comments: in.comments, Items: in.weak, RedactWords: redactWords(eng)}
	var sent strings.Builder
	for _, id := range in.weak {
		sent.WriteString(id + ": " + strings.Join(in.comments[id], "\n") + "\n")
	}
	out.Audit = []bot.AuditRecord{sentAudit(j.ID, "answers:"+strings.Join(in.weak, ","), sent.String())}
	drafts, usage, err := w.e.Config().Model.DraftRiskComments(ctx, req)
	out.Usage = usage
	if err == nil {
		err = checkDrafts(pack, in.weak, drafts)
	}
	if err != nil {
		return out, fmt.Errorf("bot: draft risk comments for job %d: %w", j.ID, err)
	}
	model := w.e.Config().Model.Info().Model
	out.Save = func(tx bot.Tx) error { return w.saveDrafts(tx, eng, pack, drafts, model) }
	return out, nil
}

func (w *Worker) draftInputs(ctx context.Context, eng *bot.Engagement, pack *assessment.Pack) (draftInputs, error) {
	var in draftInputs
	err := w.e.Store().View(ctx, func(tx bot.Tx) error {
		var err error
		if in.answers, err = bot.AfterAnswers(tx, eng.ID); err != nil {
			return err
		}
		comments, err := tx.Comments(eng.ID)
		if err != nil {
			return err
		}
		in.comments = map[string][]string{}
		for _, c := range comments {
			if c.ModelOK { // never a comment written while the model was off
				in.comments[c.Item] = append(in.comments[c.Item], c.Text)
			}
		}
		current, err := tx.RiskComments(eng.ID)
		if err != nil {
			return err
		}
		for _, d := range assessment.DraftRisks(pack, bot.Uncovered(in.answers, bot.CoveredItems(current))) {
			in.weak = append(in.weak, d.Items...)
		}
		return nil
	})
	if err != nil {
		return in, fmt.Errorf("bot: draft inputs of %s: %w", eng.ID, err)
	}
	return in, nil
}

// checkDrafts verifies model drafts against the weak items asked for: each
// cites only asked items of its own category, has both languages, and
// together they cover every asked item.
func checkDrafts(pack *assessment.Pack, weak []string, drafts []assessment.RiskDraft) error {
	covered := map[string]bool{}
	for _, d := range drafts {
		if strings.TrimSpace(d.Text.JA) == "" || strings.TrimSpace(d.Text.EN) == "" || len(d.Items) == 0 {
			return fmt.Errorf("%w: a draft for %s lacks a language or items", bot.ErrModelAnswer, d.Category)
		}
		for _, id := range d.Items {
			it, ok := pack.Item(id)
			if !ok || !slices.Contains(weak, id) || it.Category != d.Category {
				return fmt.Errorf("%w: draft for %s cites item %q", bot.ErrModelAnswer, d.Category, id)
			}
			covered[id] = true
		}
	}
	for _, id := range weak {
		if !covered[id] {
			return fmt.Errorf("%w: no draft covers item %s", bot.ErrModelAnswer, id)
		}
	}
	return nil
}

// saveDrafts replaces, per category, the unprotected drafts with the
// model's, unless a comment approved or edited since the job was queued
// now covers one of the category's drafted items: then that category keeps
// what it has. It posts the new drafts to the engagement channel.
func (w *Worker) saveDrafts(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack, drafts []assessment.RiskDraft, model string) error {
	now := w.e.Clock().Now().UTC()
	current, err := tx.RiskComments(eng.ID)
	if err != nil {
		return err
	}
	covered := bot.CoveredItems(current)
	var added []bot.RiskComment
	kept := false
	for _, cat := range pack.Categories {
		mine := slices.DeleteFunc(slices.Clone(drafts), func(d assessment.RiskDraft) bool { return d.Category != cat.ID })
		if len(mine) == 0 {
			continue
		}
		if slices.ContainsFunc(mine, func(d assessment.RiskDraft) bool {
			return slices.ContainsFunc(d.Items, func(id string) bool { return covered[id] })
		}) {
			kept = true
			continue
		}
		inCat := slices.DeleteFunc(slices.Clone(current), func(c bot.RiskComment) bool { return c.Category != cat.ID })
		if _, err := bot.SupersedeDrafts(tx, inCat, now); err != nil {
			return err
		}
		for _, d := range mine {
			c, err := tx.AddRiskComment(bot.RiskComment{EngagementID: eng.ID, Category: d.Category, Items: d.Items, Text: d.Text,
				Status: bot.RiskDraft, Author: bot.AuthorModel, Model: model, CreatedAt: now})
			if err != nil {
				return err
			}
			added = append(added, c)
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, catalog.Say(eng.Langs, "drafts_model_ready", eng.Name, len(added)), bot.CommentsText(pack, added, eng.Langs))
	}
	if kept {
		parts = append(parts, catalog.Say(eng.Langs, "drafts_model_kept", eng.Name))
	}
	text := strings.Join(parts, "\n\n")
	return tx.Enqueue(eng.ChannelPost(text, now))
}

// draftFailed tells the engagement channel that the model's drafts could
// not be made, and that the pack's drafts stand.
func (w *Worker) draftFailed(tx bot.Tx, eng *bot.Engagement, j bot.Job) error {
	return tx.Enqueue(eng.ChannelPost(catalog.Say(eng.Langs, "drafts_model_failed", eng.Name), w.e.Clock().Now().UTC()))
}
