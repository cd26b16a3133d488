package transfer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
	"github.com/otassess/otassess/storage/transfer"
)

var now = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)

// source is a SQLite database of 40 seeded engagements (answers of both
// rounds, schedules, positions), with a queued message and a comment.
func source(t *testing.T) *storage.DB {
	db := storagetest.Seed(t, 40, now)
	err := db.Update(context.Background(), func(tx bot.Tx) error {
		if _, err := tx.AddComment(bot.Comment{EngagementID: storagetest.SeedID(3), Item: "1-1", Round: bot.RoundSelf,
			Author: storagetest.SeedSPOC(3), Text: "コメント", At: now}); err != nil {
			return err
		}
		return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "C9", Reply: bot.Reply{Text: "hi", Engagement: storagetest.SeedID(3)}, NotBefore: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// Every engine the tests have is a destination: another SQLite file, and
// PostgreSQL when OTASSESS_TEST_POSTGRES is set.
func TestCopy_EveryTableAndEveryEngagementArrive(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			from, to := source(t), e.Open(t)
			rep, err := transfer.Copy(context.Background(), from, to)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Engagements) != 40 {
				t.Errorf("%d engagements checked, want 40", len(rep.Engagements))
			}
			rows := map[string]int{}
			for _, c := range rep.Tables {
				rows[c.Table] = c.Rows
			}
			for _, table := range []string{"engagements", "answers", "participants", "schedules", "outbox", "comments", "packs"} {
				if rows[table] == 0 {
					t.Errorf("table %s: no rows copied (%v)", table, rows)
				}
			}
			// The destination goes on: new rows get new ids.
			err = to.Update(context.Background(), func(tx bot.Tx) error {
				id, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: storagetest.SeedID(1), Item: "1-1",
					Round: bot.RoundSelf, Value: assessment.Value("3"), At: now})
				if err == nil && id <= int64(rows["answers"]) {
					t.Errorf("a new answer got id %d, not past the %d copied", id, rows["answers"])
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := transfer.Copy(context.Background(), from, to); err == nil || !strings.Contains(err.Error(), "not empty") {
				t.Errorf("a second copy into the same database = %v, want a refusal", err)
			}
		})
	}
}

// The digests see a change to an engagement's answers.
func TestDigests_ChangeWithTheAnswers(t *testing.T) {
	db := storagetest.Seed(t, 3, now)
	before, err := transfer.Digests(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx bot.Tx) error {
		_, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: storagetest.SeedID(2), Item: "1-1",
			Round: bot.RoundSelf, Value: assessment.Value("1"), At: now})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := transfer.Digests(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range before {
		if changed := before[i] != after[i]; changed != (before[i].ID == storagetest.SeedID(2)) {
			t.Errorf("engagement %s: digest changed = %v", before[i].ID, changed)
		}
	}
}

// Participants keep the order they joined in, whichever way they are
// copied: PostgreSQL keeps it in a column, SQLite in its row ids, and a
// participant saved again (a new role or language) is a row PostgreSQL
// stores anew at the end of its table.
func TestCopy_ParticipantsKeepTheirOrder(t *testing.T) {
	for _, from := range storagetest.Engines() {
		for _, to := range storagetest.Engines() {
			t.Run(from.Name+"→"+to.Name, func(t *testing.T) {
				src, dst := from.Open(t), to.Open(t)
				users := []bot.UserRef{{Platform: "slack", Workspace: "T1", ID: "UA"}, {Platform: "slack", Workspace: "T1", ID: "UB"},
					{Platform: "slack", Workspace: "T1", ID: "UC"}}
				err := src.Update(context.Background(), func(tx bot.Tx) error {
					if err := tx.CreateEngagement(&bot.Engagement{ID: "e1", Name: "Plant", PackID: "p", PackVersion: "1",
						PackSHA256: "x", PackBytes: []byte("x"), Langs: assessment.EN, Platform: "slack", Workspace: "T1",
						Channel: "C1", Timezone: "UTC", Status: bot.StatusDraft, CreatedBy: users[0], CreatedAt: now}); err != nil {
						return err
					}
					for _, u := range append(users, users[0]) { // UA saved again, last
						if err := tx.SaveParticipant(bot.Participant{EngagementID: "e1", User: u, Roles: []bot.Role{bot.RoleSPOC}}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := transfer.Copy(context.Background(), src, dst); err != nil {
					t.Fatal(err)
				}
				parts := storagetest.Read(t, dst, func(tx bot.Tx) ([]bot.Participant, error) { return tx.Participants("e1") })
				var got []string
				for _, p := range parts {
					got = append(got, p.User.ID)
				}
				if strings.Join(got, ",") != "UA,UB,UC" {
					t.Errorf("participants after the copy: %v, want UA,UB,UC (the order they joined in)", got)
				}
			})
		}
	}
}
