package engine

import (
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/notes"
)

// comment attaches free text to an item: the named one, else the displayed
// one, else the item this user answered last. The reply names the item.
func (t *turn) comment(item, text string) error {
	if text == "" {
		return nil
	}
	if max := t.e.cfg.MaxComment; len([]rune(text)) > max {
		return t.Reply("comment_too_long", max)
	}
	if item == "" {
		var err error
		if item, err = t.commentTarget(); err != nil {
			return err
		}
	}
	if item == "" {
		return t.Reply("comment_nowhere")
	}
	if err := t.addComment(item, text); err != nil {
		return err
	}
	return t.Reply("comment_saved", item)
}

func (t *turn) commentTarget() (string, error) {
	pos, err := t.Position()
	if err != nil || pos.Item != "" {
		return pos.Item, err
	}
	hist, err := t.tx.History(t.eng.ID)
	if err != nil {
		return "", err
	}
	me := t.ev.UserRef()
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Author == me {
			return hist[i].Item, nil
		}
	}
	return "", nil
}

func (t *turn) addComment(item, text string) error {
	return t.saveComment(bot.Comment{EngagementID: t.eng.ID, Item: item, Round: bot.RoundSelf, Author: t.ev.UserRef(), Text: text, At: t.now})
}

// saveComment stores a comment as written, noting whether the language
// model may read it, and, in the same transaction, queues its translation
// into the engagement's other language(s).
func (t *turn) saveComment(c bot.Comment) error {
	on, err := t.ModelOn()
	if err != nil {
		return err
	}
	c.ModelOK = on
	id, err := t.tx.AddComment(c)
	if err != nil {
		return err
	}
	return notes.QueueTranslations(t, id, c.Text)
}
