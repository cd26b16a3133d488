package notes

import (
	"strings"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdExplain asks the model for a plain-words explanation of an item,
// grounded in its help text, in the asker's language: explain (the
// displayed item in an interview), explain 3-5, explain 3-5 <question>, or
// help more. Without a model (or with it off) the pack's help text is the
// answer, with a note saying why there is no more.
func (t *turn) cmdExplain(in bot.Command) error {
	item, question, err := t.explainTarget(in)
	if err != nil || item == "" {
		return err
	}
	if max := t.Config().MaxComment; len([]rune(question)) > max {
		return t.Reply("comment_too_long", max)
	}
	it, _ := t.Pack().Item(item)
	state, err := t.ModelState()
	if err != nil {
		return err
	}
	if state != "" {
		help := catalog.Say(t.Lang(), "explain_help", item, it.Help)
		return t.Send(bot.Reply{Text: help + "\n\n" + catalog.Say(t.Lang(), "explain_"+state)})
	}
	job := t.newJob(bot.JobExplain, t.Lang(), bot.JobParams{Item: item, Question: question})
	if _, err := t.Tx().QueueJob(job); err != nil {
		return err
	}
	return t.Reply("explain_queued", item)
}

// explainTarget reads the item and the question of explain. It replies and
// returns no item when there is none to explain.
func (t *turn) explainTarget(in bot.Command) (item, question string, err error) {
	rest := in.Rest
	if w, after, _ := bot.CutWord(rest); w != "" {
		if id, ok := t.ItemArg(w); ok {
			return id, after, nil
		} else if bot.LooksLikeItemID(id) {
			return "", "", t.Reply("unknown_item", bot.Echo(id))
		}
	}
	if strings.EqualFold(in.Word, "help") {
		rest = "" // help more: the words were not a question
	}
	if t.Event().DM {
		pos, err := t.Position()
		if err != nil {
			return "", "", err
		}
		if pos.Item != "" {
			return pos.Item, rest, nil
		}
	}
	return "", "", t.Reply("explain_usage")
}
