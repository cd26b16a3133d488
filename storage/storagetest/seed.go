package storagetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

// SeedWorkspace is the Slack workspace of the seeded engagements; tests
// that add their own engagements use another, so nothing collides.
const SeedWorkspace = "TSEED"

// Seed opens a new database (as Open does) and stores n engagements on the
// default pack, as a busy server would hold them at now: nine in ten in
// the self assessment with their SPOC halfway through and active an hour
// ago (so no reminder is due), a schedule whose next ping is tomorrow, and
// one in ten closed with both rounds answered, which a report's reference
// average reads. It is for benchmarks; nothing it makes is committed.
func Seed(tb testing.TB, n int, now time.Time) *storage.DB {
	tb.Helper()
	db := Open(tb)
	SeedInto(tb, db, 0, n, now)
	return db
}

// SeedInto stores the engagements from..to-1 of Seed in db.
func SeedInto(tb testing.TB, db *storage.DB, from, to int, now time.Time) {
	tb.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		tb.Fatalf("storagetest: seed: %v", err)
	}
	pack, err := reg.Get(assessment.DefaultPack)
	if err != nil {
		tb.Fatalf("storagetest: seed: %v", err)
	}
	const perTx = 500
	for ; from < to; from += perTx {
		err := db.Update(tb.Context(), func(tx bot.Tx) error {
			for i := from; i < min(from+perTx, to); i++ {
				if err := seedOne(tx, pack, i, now); err != nil {
					return fmt.Errorf("engagement %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("storagetest: seed: %v", err)
		}
	}
}

// SeedID is the id of the i-th seeded engagement.
func SeedID(i int) string { return fmt.Sprintf("seed%05d", i) }

// SeedSPOC is the SPOC of the i-th seeded engagement.
func SeedSPOC(i int) bot.UserRef {
	return bot.UserRef{Platform: "slack", Workspace: SeedWorkspace, ID: fmt.Sprintf("US%05d", i)}
}

func seedOne(tx bot.Tx, pack *assessment.Pack, i int, now time.Time) error {
	id, spoc := SeedID(i), SeedSPOC(i)
	lead := bot.UserRef{Platform: "slack", Workspace: SeedWorkspace, ID: fmt.Sprintf("UL%05d", i)}
	closed := i%10 == 9
	status := bot.StatusSelfAssessment
	if closed {
		status = bot.StatusClosed
	}
	created := now.Add(-time.Duration(n30(i)) * 24 * time.Hour)
	err := tx.CreateEngagement(&bot.Engagement{ID: id, Name: "Plant " + id, Client: "ACME", Site: "Site",
		PackID: pack.ID, PackVersion: pack.Version, PackSHA256: pack.SHA256(), PackBytes: pack.Bytes(),
		Langs: assessment.Both, Platform: "slack", Workspace: SeedWorkspace, Channel: "C" + id,
		Timezone: "Asia/Tokyo", Status: status, CreatedBy: lead, CreatedAt: created})
	if err != nil {
		return err
	}
	for _, p := range []bot.Participant{
		{EngagementID: id, User: spoc, Roles: []bot.Role{bot.RoleSPOC}, Lang: assessment.JA},
		{EngagementID: id, User: lead, Roles: []bot.Role{bot.RoleLead}, Lang: assessment.EN},
	} {
		if err := tx.SaveParticipant(p); err != nil {
			return err
		}
	}
	answered := len(pack.Items) / 2
	if closed {
		answered = len(pack.Items)
	}
	if err := seedAnswers(tx, pack, id, spoc, answered, closed, now); err != nil {
		return err
	}
	item := ""
	if !closed {
		item = pack.Items[answered].ID
	}
	pos := bot.Position{EngagementID: id, User: spoc, Conversation: "D" + spoc.ID, Item: item,
		Serial: answered + 1, UpdatedAt: now.Add(-time.Hour)}
	if err := tx.SavePosition(pos); err != nil {
		return err
	}
	sc := bot.DefaultSchedule(id)
	sc.NextPing = now.Add(24 * time.Hour)
	return tx.SaveSchedule(sc)
}

// seedAnswers answers the first n items in the self round, and in the
// review round too when review is set.
func seedAnswers(tx bot.Tx, pack *assessment.Pack, id string, by bot.UserRef, n int, review bool, now time.Time) error {
	rounds := []bot.Round{bot.RoundSelf}
	if review {
		rounds = append(rounds, bot.RoundReview)
	}
	for _, r := range rounds {
		for k, it := range pack.Items[:n] {
			a := bot.AnswerRecord{EngagementID: id, Item: it.ID, Round: r, Value: assessment.Value(fmt.Sprint(k % 5)),
				Author: by, EventKey: fmt.Sprintf("seed:%s:%s:%s", id, r, it.ID), At: now.Add(-2 * time.Hour)}
			if _, err := tx.AppendAnswer(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func n30(i int) int { return i%30 + 1 }
