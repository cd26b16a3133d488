package worker

import (
	"context"
	"fmt"
	"strings"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// explain runs an explain job: the model explains the item in plain words
// in the asker's language, grounded in its help text, and the explanation
// goes to where it was asked for.
func (w *Worker) explain(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error) {
	var out jobOutcome
	j := jobs[0]
	pack, err := w.e.Pack(eng)
	if err != nil {
		return out, err
	}
	it, ok := pack.Item(j.Params.Item)
	if !ok {
		return out, fmt.Errorf("bot: explain job %d: item %q: %w", j.ID, j.Params.Item, bot.ErrNotFound)
	}
	out.Audit = []bot.AuditRecord{sentAudit(j.ID, "item:"+it.ID, j.Params.Question)}
	text, usage, err := w.e.Config().Model.Explain(ctx, bot.ExplainRequest{Item: it, Lang: j.Target, Question: j.Params.Question, RedactWords: redactWords(eng)})
	out.Usage = usage
	if err == nil && strings.TrimSpace(text.In(j.Target)) == "" {
		err = fmt.Errorf("%w: empty explanation", bot.ErrModelAnswer)
	}
	if err != nil {
		return out, fmt.Errorf("bot: explain %s for job %d: %w", it.ID, j.ID, err)
	}
	reply := catalog.Say(j.Target, "explain_result_head", it.ID) + "\n" + text.In(j.Target)
	out.Save = func(tx bot.Tx) error {
		return tx.Enqueue(j.Reply(bot.Reply{Text: reply, Engagement: eng.ID}, w.e.Clock().Now().UTC()))
	}
	return out, nil
}

// explainFailed answers a failed explanation with the item's help text.
func (w *Worker) explainFailed(tx bot.Tx, eng *bot.Engagement, j bot.Job) error {
	pack, err := w.e.Pack(eng)
	if err != nil {
		return err
	}
	it, _ := pack.Item(j.Params.Item)
	text := catalog.Say(j.Target, "explain_help", it.ID, it.Help) + "\n\n" + catalog.Say(j.Target, "explain_failed")
	return tx.Enqueue(j.Reply(bot.Reply{Text: text, Engagement: eng.ID}, w.e.Clock().Now().UTC()))
}
