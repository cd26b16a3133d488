package bot

import (
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
