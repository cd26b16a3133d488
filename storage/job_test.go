package storage_test

import (
	"errors"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestJob_QueueClaimAndLookUp(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		var id int64
		update(t, db, func(tx bot.Tx) error {
			cid, err := tx.AddComment(bot.Comment{EngagementID: "e1", Item: "1-1", Round: bot.RoundSelf, Author: spoc, Text: "年1回", At: t0})
			if err != nil {
				return err
			}
			id, err = tx.QueueJob(bot.Job{EngagementID: "e1", Kind: bot.JobTranslate, CommentID: cid, Source: assessment.JA,
				Target: assessment.EN, ReplyTo: bot.Outgoing{Platform: "slack", Conversation: "C-e1"}, CreatedAt: t0})
			return err
		})
		update(t, db, func(tx bot.Tx) error {
			due, err := tx.DueJobs(bot.JobTranslate, t0, 20)
			if err != nil || len(due) != 1 {
				t.Fatalf("due = %+v, %v", due, err)
			}
			j := due[0]
			j.Attempts, j.NotBefore = 1, t0.Add(15*time.Minute)
			if err := tx.UpdateJob(j); err != nil {
				return err
			}
			if again, _ := tx.DueJobs(bot.JobTranslate, t0.Add(time.Minute), 20); len(again) != 0 {
				t.Errorf("a leased job is due again before its lease ends: %+v", again)
			}
			got, err := tx.Job(id)
			if err != nil || got.Attempts != 1 || got.State != bot.JobQueued || got.ReplyTo.Conversation != "C-e1" || !got.NotBefore.Equal(j.NotBefore) {
				t.Errorf("Job(%d) = %+v, %v", id, got, err)
			}
			if _, err := tx.Job(id + 100); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("missing job: err = %v, want ErrNotFound", err)
			}
			return nil
		})
	})
}

func TestAuditTrail_HoldsHashesInOrder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		update(t, db, func(tx bot.Tx) error {
			for i, e := range []string{"e1", "e2", "e1"} {
				a := bot.AuditRecord{EngagementID: e, JobID: int64(i + 1), Kind: bot.JobTranslate, Engine: "openai-compatible h",
					Model: "m", Subject: "comment:1", SHA256: "ab", Chars: 3, At: t0.Add(time.Duration(i) * time.Second)}
				if err := tx.Audit(a); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx bot.Tx) error {
			got, err := tx.AuditTrail("e1")
			if err != nil || len(got) != 2 || got[0].JobID != 1 || got[1].JobID != 3 || got[1].Kind != bot.JobTranslate || !got[1].At.Equal(t0.Add(2*time.Second)) {
				t.Errorf("audit trail = %+v, %v", got, err)
			}
			return nil
		})
	})
}

func TestParticipants_KeepDisplayOrder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		update(t, db, func(tx bot.Tx) error {
			return tx.SaveParticipant(bot.Participant{EngagementID: "e1", User: lead, Roles: []bot.Role{bot.RoleLead}, Order: bot.OrderTranslation})
		})
		view(t, db, func(tx bot.Tx) error {
			ps, err := tx.Participants("e1")
			if err != nil || len(ps) != 1 || ps[0].Order != bot.OrderTranslation {
				t.Errorf("participants = %+v, %v", ps, err)
			}
			return nil
		})
		err := db.Update(t.Context(), func(tx bot.Tx) error {
			return tx.SaveParticipant(bot.Participant{EngagementID: "e1", User: spoc, Roles: []bot.Role{bot.RoleSPOC}, Order: "sideways"})
		})
		if err == nil {
			t.Error("an unknown display order was stored")
		}
	})
}

func TestQueuedJobs_CountsOnlyQueuedJobsOfTheKindAndEngagement(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		create(t, db, "e2")
		to := bot.Outgoing{Platform: "slack", Conversation: "C-e1"}
		var done int64
		update(t, db, func(tx bot.Tx) error {
			for _, j := range []bot.Job{
				{EngagementID: "e1", Kind: bot.JobDraft, Target: assessment.Both, ReplyTo: to, CreatedAt: t0},
				{EngagementID: "e1", Kind: bot.JobDraft, Target: assessment.Both, ReplyTo: to, CreatedAt: t0, NotBefore: t0.Add(time.Hour)},
				{EngagementID: "e1", Kind: bot.JobSummarize, Target: assessment.EN, ReplyTo: to, CreatedAt: t0},
				{EngagementID: "e2", Kind: bot.JobDraft, Target: assessment.Both, ReplyTo: to, CreatedAt: t0},
			} {
				id, err := tx.QueueJob(j)
				if err != nil {
					return err
				}
				done = id
			}
			j, err := tx.Job(done) // e2's draft is done
			if err != nil {
				return err
			}
			j.State = bot.JobDone
			return tx.UpdateJob(j)
		})
		update(t, db, func(tx bot.Tx) error {
			for _, tc := range []struct {
				eng  string
				kind bot.JobKind
				want int
			}{{"e1", bot.JobDraft, 2}, {"e1", bot.JobSummarize, 1}, {"e1", bot.JobExplain, 0}, {"e2", bot.JobDraft, 0}} {
				n, err := tx.QueuedJobs(tc.eng, tc.kind)
				if err != nil {
					return err
				}
				if n != tc.want {
					t.Errorf("QueuedJobs(%s, %s) = %d, want %d", tc.eng, tc.kind, n, tc.want)
				}
			}
			return nil
		})
	})
}

func TestJobs_LeavingTheQueueDropsTheQuestionAndTranscript(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		var done, skipped int64
		update(t, db, func(tx bot.Tx) error {
			var err error
			params := bot.JobParams{Item: "1-1", Question: "what about valve room 17", Transcript: "minutes of the meeting"}
			if done, err = tx.QueueJob(bot.Job{EngagementID: "e1", Kind: bot.JobExplain, Params: params, CreatedAt: t0}); err != nil {
				return err
			}
			skipped, err = tx.QueueJob(bot.Job{EngagementID: "e1", Kind: bot.JobSummarize, Params: params, CreatedAt: t0})
			return err
		})
		update(t, db, func(tx bot.Tx) error {
			j, err := tx.Job(done)
			if err != nil {
				return err
			}
			j.State = bot.JobDone
			if err := tx.UpdateJob(j); err != nil {
				return err
			}
			_, err = tx.SkipJobs("e1", "llm_off", t0)
			return err
		})
		view(t, db, func(tx bot.Tx) error {
			for _, id := range []int64{done, skipped} {
				j, err := tx.Job(id)
				if err != nil {
					return err
				}
				if j.Params.Question != "" || j.Params.Transcript != "" || j.Params.Item != "1-1" {
					t.Errorf("job %d (%s) params = %+v, want the item kept and no question or transcript", id, j.State, j.Params)
				}
			}
			return nil
		})
	})
}
