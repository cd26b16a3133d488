package storage_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// EngagementsToTend leaves out what cannot need the scheduler: an
// engagement with a schedule whose SPOC saw their question recently, or
// was already reminded of the stretch they are in.
func TestEngagementsToTend_OnlyWhatMayBeDue(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		now := t0.Add(10 * 24 * time.Hour)
		create(t, db, "fresh", "idle", "reminded", "commented", "unscheduled", "closed")
		update(t, db, func(tx bot.Tx) error {
			for id, shown := range map[string]time.Duration{"fresh": time.Hour, "idle": 4 * 24 * time.Hour,
				"reminded": 4 * 24 * time.Hour, "commented": 4 * 24 * time.Hour, "closed": 4 * 24 * time.Hour} {
				if err := tx.SetStatus(id, bot.StatusSelfAssessment); err != nil {
					return err
				}
				sc := bot.DefaultSchedule(id) // reminds after 3 working days
				sc.NextPing = now.Add(time.Hour)
				if err := tx.SaveSchedule(sc); err != nil {
					return err
				}
				pos := bot.Position{EngagementID: id, User: spoc, Conversation: "D1", Item: "1-2", Serial: 2, UpdatedAt: now.Add(-shown)}
				if err := tx.SavePosition(pos); err != nil {
					return err
				}
			}
			if err := tx.SetStatus("unscheduled", bot.StatusReview); err != nil {
				return err
			}
			if err := tx.SetStatus("closed", bot.StatusClosed); err != nil {
				return err
			}
			for _, id := range []string{"reminded", "commented"} {
				if _, err := tx.ClaimReminder(id, spoc, now.Add(-4*24*time.Hour), now.Add(-time.Hour)); err != nil {
					return err
				}
			}
			_, err := tx.AddComment(bot.Comment{EngagementID: "commented", Item: "1-2", Round: bot.RoundSelf, Author: spoc,
				Text: "still checking", At: now.Add(-30 * time.Minute)})
			return err
		})
		got := storagetest.Read(t, db, func(tx bot.Tx) ([]string, error) { return tx.EngagementsToTend(now) })
		if want := []string{"commented", "idle", "unscheduled"}; !reflect.DeepEqual(got, want) {
			t.Errorf("EngagementsToTend = %v, want %v", got, want)
		}
	})
}
