package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/otassess/otassess/bot/catalog"
)

// cmdExplain asks the model for a plain-words explanation of an item,
// grounded in its help text, in the asker's language: explain (the
// displayed item in an interview), explain 3-5, explain 3-5 <question>, or
// help more. Without a model (or with it off) the pack's help text is the
// answer, with a note saying why there is no more.
func (t *turn) cmdExplain(in input) error {
	item, question, err := t.explainTarget(in)
	if err != nil || item == "" {
		return err
	}
	if max := t.e.cfg.MaxComment; len([]rune(question)) > max {
		return t.reply("comment_too_long", max)
	}
	it, _ := t.pack.Item(item)
	state, err := t.modelState()
	if err != nil {
		return err
	}
	if state != "" {
		help := catalog.Say(t.lang, "explain_help", item, it.Help)
		return t.send(Reply{Text: help + "\n\n" + catalog.Say(t.lang, "explain_"+state)})
	}
	job := t.newJob(JobExplain, t.lang, JobParams{Item: item, Question: question})
	if _, err := t.tx.QueueJob(job); err != nil {
		return err
	}
	return t.reply("explain_queued", item)
}

// explainTarget reads the item and the question of explain. It replies and
// returns no item when there is none to explain.
func (t *turn) explainTarget(in input) (item, question string, err error) {
	rest := in.rest
	if w, after, _ := cutWord(rest); w != "" {
		if id, ok := t.itemArg(w); ok {
			return id, after, nil
		} else if looksLikeItemID(id) {
			return "", "", t.reply("unknown_item", echo(id))
		}
	}
	if strings.EqualFold(in.cmd, "help") {
		rest = "" // help more: the words were not a question
	}
	if t.ev.DM {
		pos, err := t.position()
		if err != nil {
			return "", "", err
		}
		if pos.Item != "" {
			return pos.Item, rest, nil
		}
	}
	return "", "", t.reply("explain_usage")
}

// looksLikeItemID is true for words shaped like item ids (3-5, 12-1).
func looksLikeItemID(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	return ok && a != "" && b != "" && strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == ""
}

// explain runs an explain job: the model explains the item in plain words
// in the asker's language, grounded in its help text, and the explanation
// goes to where it was asked for.
func (w *Worker) explain(ctx context.Context, eng *Engagement, jobs []Job) (jobOutcome, error) {
	var out jobOutcome
	j := jobs[0]
	pack, err := w.e.pack(eng)
	if err != nil {
		return out, err
	}
	it, ok := pack.Item(j.Params.Item)
	if !ok {
		return out, fmt.Errorf("bot: explain job %d: item %q: %w", j.ID, j.Params.Item, ErrNotFound)
	}
	out.Audit = []AuditRecord{sentAudit(j.ID, "item:"+it.ID, j.Params.Question)}
	text, usage, err := w.e.cfg.Model.Explain(ctx, ExplainRequest{Item: it, Lang: j.Target, Question: j.Params.Question, RedactWords: redactWords(eng)})
	out.Usage = usage
	if err == nil && strings.TrimSpace(text.In(j.Target)) == "" {
		err = fmt.Errorf("%w: empty explanation", ErrModelAnswer)
	}
	if err != nil {
		return out, fmt.Errorf("bot: explain %s for job %d: %w", it.ID, j.ID, err)
	}
	reply := catalog.Say(j.Target, "explain_result_head", it.ID) + "\n" + text.In(j.Target)
	out.Save = func(tx Tx) error {
		return tx.Enqueue(j.reply(Reply{Text: reply, Engagement: eng.ID}, w.e.clock.Now().UTC()))
	}
	return out, nil
}

// explainFailed answers a failed explanation with the item's help text.
func (w *Worker) explainFailed(tx Tx, eng *Engagement, j Job) error {
	pack, err := w.e.pack(eng)
	if err != nil {
		return err
	}
	it, _ := pack.Item(j.Params.Item)
	text := catalog.Say(j.Target, "explain_help", it.ID, it.Help) + "\n\n" + catalog.Say(j.Target, "explain_failed")
	return tx.Enqueue(j.reply(Reply{Text: text, Engagement: eng.ID}, w.e.clock.Now().UTC()))
}
