package storage_test

import (
	"reflect"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// ClosedAnswers gives each closed engagement of the pack version but the
// one asked about, with the latest answer of each item in each round; an
// engagement closed without answers is there too, empty.
func TestClosedAnswers_LatestPerItemOfOtherClosedEngagements(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2", "e3", "open")
		update(t, db, func(tx bot.Tx) error {
			for _, id := range []string{"e1", "e2", "e3"} {
				if err := tx.SetStatus(id, bot.StatusClosed); err != nil {
					return err
				}
			}
			for _, a := range []bot.AnswerRecord{
				{EngagementID: "e2", Item: "1-1", Round: bot.RoundSelf, Value: "1", At: t0},
				{EngagementID: "e2", Item: "1-1", Round: bot.RoundSelf, Value: "3", Unsure: true, At: t0},
				{EngagementID: "e2", Item: "1-1", Round: bot.RoundReview, Value: "2", At: t0},
				{EngagementID: "e2", Item: "1-2", Round: bot.RoundSelf, Value: "na", At: t0},
				{EngagementID: "e1", Item: "1-1", Round: bot.RoundSelf, Value: "4", At: t0},
				{EngagementID: "open", Item: "1-1", Round: bot.RoundSelf, Value: "0", At: t0},
			} {
				if _, err := tx.AppendAnswer(a); err != nil {
					return err
				}
			}
			return nil
		})
		got := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.RoundAnswers, error) {
			return tx.(closedAnswerer).ClosedAnswers("meti-factory", "1.0", "e1")
		})
		none := map[string]assessment.Answer{}
		want := []bot.RoundAnswers{
			{EngagementID: "e2",
				Self:   map[string]assessment.Answer{"1-1": {Value: "3", Unsure: true}, "1-2": {Value: "na"}},
				Review: map[string]assessment.Answer{"1-1": {Value: "2"}}},
			{EngagementID: "e3", Self: none, Review: none},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ClosedAnswers =\n%+v\nwant\n%+v", got, want)
		}
		if other := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.RoundAnswers, error) {
			return tx.(closedAnswerer).ClosedAnswers("meti-factory", "2.0", "")
		}); len(other) != 0 {
			t.Errorf("ClosedAnswers of another version = %+v, want none", other)
		}
	})
}
