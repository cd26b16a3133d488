package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestAnswers_CurrentIsLatestRowAndHistoryKept(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		unsureOnly := answer("1-3", "", t0.Add(4*time.Second))
		unsureOnly.Unsure = true
		review := answer("1-1", "4", t0.Add(5*time.Second))
		review.Round = bot.RoundReview
		rows := []bot.AnswerRecord{
			answer("1-1", "1", t0),
			answer("1-2", assessment.NA, t0.Add(time.Second)),
			answer("1-1", "3", t0.Add(2*time.Second)),
			// An earlier timestamp on a later row: the row order decides, not the clock.
			answer("1-2", "0", t0.Add(-time.Hour)),
			unsureOnly,
			review,
		}
		var gotIDs []int64
		update(t, db, func(tx bot.Tx) error {
			for _, a := range rows {
				id, err := tx.AppendAnswer(a)
				if err != nil {
					return err
				}
				gotIDs = append(gotIDs, id)
			}
			return nil
		})
		for i := 1; i < len(gotIDs); i++ {
			if gotIDs[i] <= gotIDs[i-1] {
				t.Fatalf("AppendAnswer ids %v do not increase", gotIDs)
			}
		}

		view(t, db, func(tx bot.Tx) error {
			cur, err := tx.CurrentAnswers("e1", bot.RoundSelf)
			want := map[string]assessment.Answer{
				"1-1": {Value: "3"},
				"1-2": {Value: "0"},
				"1-3": {Unsure: true},
			}
			if err != nil || !reflect.DeepEqual(cur, want) {
				t.Errorf("CurrentAnswers(self) = %v, %v; want %v", cur, err, want)
			}
			cur, err = tx.CurrentAnswers("e1", bot.RoundReview)
			if err != nil || !reflect.DeepEqual(cur, map[string]assessment.Answer{"1-1": {Value: "4"}}) {
				t.Errorf("CurrentAnswers(review) = %v, %v", cur, err)
			}

			last, err := tx.LastAnswer("e1", "1-1", bot.RoundSelf)
			wantLast := rows[2]
			wantLast.ID = gotIDs[2]
			if err != nil || !reflect.DeepEqual(last, wantLast) {
				t.Errorf("LastAnswer =\n%+v, %v\nwant\n%+v", last, err, wantLast)
			}

			hist, err := tx.History("e1")
			if err != nil || len(hist) != len(rows) {
				t.Fatalf("History has %d rows, %v; want %d", len(hist), err, len(rows))
			}
			for i, h := range hist {
				w := rows[i]
				w.ID = gotIDs[i]
				if !reflect.DeepEqual(h, w) {
					t.Errorf("History[%d] =\n%+v\nwant\n%+v", i, h, w)
				}
			}
			return nil
		})
	})
}

func TestAnswers_UnknownEngagementIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		err := db.Update(context.Background(), func(tx bot.Tx) error {
			_, err := tx.AppendAnswer(answer("1-1", "2", t0)) // e1 does not exist
			return err
		})
		if err == nil {
			t.Error("an answer to a missing engagement was stored; foreign keys are off")
		}
	})
}

func TestComments_KeptAsWrittenOldestFirst(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		texts := []string{"ファイアウォールは未導入。", "multi\nline, with 'quotes' and ; semicolons", ""}
		update(t, db, func(tx bot.Tx) error {
			for i, text := range texts {
				c := bot.Comment{EngagementID: "e1", Item: "3-5", Round: bot.RoundSelf, Author: spoc, Text: text,
					At: t0.Add(time.Duration(i) * time.Minute).In(jst)}
				if _, err := tx.AddComment(c); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx bot.Tx) error {
			cs, err := tx.Comments("e1")
			if err != nil || len(cs) != len(texts) {
				t.Fatalf("Comments = %d, %v; want %d", len(cs), err, len(texts))
			}
			for i, c := range cs {
				if c.Text != texts[i] || c.ID == 0 || c.Author != spoc || c.Item != "3-5" || c.Round != bot.RoundSelf ||
					!c.At.Equal(t0.Add(time.Duration(i)*time.Minute)) || c.At.Location() != time.UTC {
					t.Errorf("Comments[%d] = %+v", i, c)
				}
			}
			return nil
		})
	})
}

func TestMarkProcessed_SecondTimeReportsSeen(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		mark := func(key string) bool {
			var isNew bool
			update(t, db, func(tx bot.Tx) error {
				var err error
				isNew, err = tx.MarkProcessed(key, t0)
				return err
			})
			return isNew
		}
		if !mark("slack:event:Ev1") {
			t.Error("first MarkProcessed reported seen")
		}
		if mark("slack:event:Ev1") {
			t.Error("second MarkProcessed reported new")
		}
		if !mark("discord:interaction:Ev1") {
			t.Error("another key reported seen")
		}
		if first, second := mark(""), mark(""); !first || !second {
			t.Error("the empty key (an event that cannot repeat) reported seen")
		}
	})
}

func TestRecordMilestone_OncePerRoundAndPercent(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		for _, tc := range []struct {
			round   bot.Round
			percent int
			want    bool
		}{
			{bot.RoundSelf, 25, true},
			{bot.RoundSelf, 25, false},
			{bot.RoundSelf, 50, true},
			{bot.RoundReview, 25, true},
		} {
			update(t, db, func(tx bot.Tx) error {
				got, err := tx.RecordMilestone("e1", tc.round, tc.percent, t0)
				if err != nil || got != tc.want {
					t.Errorf("RecordMilestone(%s, %d) = %v, %v; want %v", tc.round, tc.percent, got, err, tc.want)
				}
				return nil
			})
		}
	})
}

func TestPosition_RoundTripAndReplace(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		first := bot.Position{EngagementID: "e1", User: spoc, Conversation: "D1", Item: "1-2", Serial: 3,
			Skipped: []string{"1-1"}, UpdatedAt: t0}
		second := first
		second.Item, second.Serial, second.Skipped, second.UpdatedAt = "", 9, nil, t0.Add(time.Minute)
		for _, want := range []bot.Position{first, second} {
			update(t, db, func(tx bot.Tx) error { return tx.SavePosition(want) })
			view(t, db, func(tx bot.Tx) error {
				got, err := tx.Position("e1", spoc)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("Position = %+v, %v; want %+v", got, err, want)
				}
				return nil
			})
		}
	})
}

func TestPosition_LatestOfUser(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2", "e3")
		save := func(p bot.Position) {
			t.Helper()
			update(t, db, func(tx bot.Tx) error { return tx.SavePosition(p) })
		}
		latest := func(u bot.UserRef) string {
			t.Helper()
			var id string
			view(t, db, func(tx bot.Tx) error {
				p, err := tx.LatestPositionOf(u)
				id = p.EngagementID
				return err
			})
			return id
		}
		save(bot.Position{EngagementID: "e1", User: spoc, Conversation: "D1", Item: "1-1", Serial: 1, UpdatedAt: t0})
		save(bot.Position{EngagementID: "e2", User: spoc, Conversation: "D1", Item: "1-1", Serial: 1, UpdatedAt: t0.Add(time.Second)})
		save(bot.Position{EngagementID: "e3", User: other, Conversation: "D1", Item: "1-1", Serial: 1, UpdatedAt: t0.Add(time.Hour)})
		if got := latest(spoc); got != "e2" {
			t.Errorf("latest of spoc = %s, want e2 (updated last; e3 is another workspace's user)", got)
		}
		// A tie on UpdatedAt goes to the highest serial.
		save(bot.Position{EngagementID: "e1", User: spoc, Conversation: "D1", Item: "1-2", Serial: 7, UpdatedAt: t0.Add(2 * time.Second)})
		save(bot.Position{EngagementID: "e2", User: spoc, Conversation: "D1", Item: "1-2", Serial: 2, UpdatedAt: t0.Add(2 * time.Second)})
		if got := latest(spoc); got != "e1" {
			t.Errorf("latest of spoc on a time tie = %s, want e1 (highest serial)", got)
		}
		// A full tie goes to the position saved last.
		save(bot.Position{EngagementID: "e2", User: spoc, Conversation: "D1", Item: "1-3", Serial: 7, UpdatedAt: t0.Add(2 * time.Second)})
		if got := latest(spoc); got != "e2" {
			t.Errorf("latest of spoc on a full tie = %s, want e2 (saved last)", got)
		}
	})
}

func TestPruneMessages_AlsoForgetsEventKeysADayOlder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		cut := t0.Add(30 * 24 * time.Hour)
		update(t, db, func(tx bot.Tx) error {
			for key, at := range map[string]time.Time{"slack:event:old": cut.Add(-25 * time.Hour), "slack:event:recent": cut.Add(-23 * time.Hour)} {
				if _, err := tx.MarkProcessed(key, at); err != nil {
					return err
				}
			}
			_, err := tx.PruneMessages(cut)
			return err
		})
		update(t, db, func(tx bot.Tx) error {
			for key, wantNew := range map[string]bool{"slack:event:old": true, "slack:event:recent": false} {
				isNew, err := tx.MarkProcessed(key, cut)
				if err != nil || isNew != wantNew {
					t.Errorf("MarkProcessed(%s) after pruning = %v, %v; want new = %v", key, isNew, err, wantNew)
				}
			}
			return nil
		})
	})
}
