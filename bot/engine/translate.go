package engine

import (
	"github.com/otassess/otassess/bot"
)

// cmdLangOrder sets how the user sees translations: lang order
// original|translation. The engagement channel follows its lead's choice.
func (t *turn) cmdLangOrder(in input) error {
	if len(in.args) != 2 || (in.args[1] != string(bot.OrderOriginal) && in.args[1] != string(bot.OrderTranslation)) {
		return t.Reply("lang_order_usage")
	}
	t.me.Order = bot.DisplayOrder(in.args[1])
	if err := t.tx.SaveParticipant(t.me); err != nil {
		return err
	}
	return t.Reply("lang_order_set_" + in.args[1])
}
