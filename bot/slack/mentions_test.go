package slack_test

import (
	"context"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// new looks up the locale of each person it names (users.info with
// include_locale), so a SPOC in an engagement of both languages is first
// addressed in their own (the fake workspace's users are en-US).
func TestCommand_NewLooksUpTheNamedPeoplesLocales(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	looked := map[string]bool{}
	for _, c := range h.fake.seen("users.info", "") {
		looked[c.Form.Get("user")] = c.Form.Get("include_locale") == "true"
	}
	if !looked[spocID] {
		t.Errorf("users.info with include_locale was not asked for the SPOC named on new: %v", looked)
	}
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		parts, err := tx.Participants(id)
		for _, p := range parts {
			if p.User.ID == spocID && p.Lang != assessment.EN {
				t.Errorf("the en-US SPOC starts in %q", p.Lang)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
