package storage_test

import (
	"context"
	"slices"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func newAction(id string) bot.Action {
	return bot.Action{EngagementID: id, FindingNumber: 2, Items: []string{"3-5", "3-6"}, Theme: assessment.ThemeTechnology,
		Text: assessment.Text{JA: "境界を設けるべきである。", EN: "Boundaries should be set."}, Status: bot.ActionOpen, CreatedAt: t0}
}

func TestActions_NumberedPerEngagementWithTheirHistory(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		update(t, db, func(tx bot.Tx) error {
			for _, id := range []string{"e1", "e1", "e2"} {
				if _, err := tx.AddAction(newAction(id), lead); err != nil {
					return err
				}
			}
			list, err := tx.Actions("e1")
			if err != nil {
				return err
			}
			a := list[1]
			a.Owner, a.Due, a.Status, a.Note, a.UpdatedAt = spoc, "2027-03-31", bot.ActionDone, "installed", t0.Add(1)
			return tx.UpdateAction(a, bot.ActionChange{Field: bot.ActionStatusF, Value: "done", Note: "installed", By: spoc, At: t0.Add(1)})
		})
		list := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.Action, error) { return tx.Actions("e1") })
		if len(list) != 2 || list[0].Number != 1 || list[1].Number != 2 || !slices.Equal(list[0].Items, []string{"3-5", "3-6"}) ||
			list[0].Text.EN != "Boundaries should be set." || list[0].FindingNumber != 2 {
			t.Fatalf("actions of e1 = %+v", list)
		}
		if a := list[1]; a.Owner != spoc || a.Due != "2027-03-31" || a.Status != bot.ActionDone || a.Note != "installed" || !a.UpdatedAt.Equal(t0.Add(1)) {
			t.Errorf("updated action = %+v", a)
		}
		if e2 := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.Action, error) { return tx.Actions("e2") }); len(e2) != 1 || e2[0].Number != 1 {
			t.Errorf("e2's actions = %+v, want its own number 1", e2)
		}
		hist := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.ActionChange, error) { return tx.ActionHistory("e1") })
		if len(hist) != 3 || hist[0].Field != bot.ActionCreated || hist[0].By != lead || hist[2].Field != bot.ActionStatusF ||
			hist[2].Note != "installed" || hist[2].ActionID != list[1].ID {
			t.Errorf("history = %+v", hist)
		}
		ids := storagetest.Read(t, db, func(tx bot.Tx) ([]string, error) { return tx.EngagementsWithOpenActions() })
		if len(ids) != 0 {
			t.Errorf("engagements with open owned dated actions = %v, want none (the only owned one is done)", ids)
		}
	})
}

func TestActionReminders_AreClaimedOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		var a bot.Action
		update(t, db, func(tx bot.Tx) error {
			var err error
			a, err = tx.AddAction(newAction("e1"), lead)
			return err
		})
		for i, want := range []bool{true, false} {
			got := storagetest.Read(t, db, func(bot.Tx) (bool, error) {
				var fresh bool
				err := db.Update(context.Background(), func(tx bot.Tx) error {
					var err error
					fresh, err = tx.ClaimActionReminder(a, "before:2027-03-31", t0)
					return err
				})
				return fresh, err
			})
			if got != want {
				t.Errorf("claim %d = %v, want %v", i+1, got, want)
			}
		}
	})
}
