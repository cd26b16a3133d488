package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestEngagement_RoundTripPinsPackBytes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		want := engagement("e1")
		want.CreatedAt = t0.In(jst).Add(123456789) // read back as UTC, same instant
		update(t, db, func(tx bot.Tx) error { return tx.CreateEngagement(want) })

		view(t, db, func(tx bot.Tx) error {
			got, err := tx.Engagement("e1")
			if err != nil {
				return err
			}
			if got.CreatedAt.Location().String() != "UTC" || !got.CreatedAt.Equal(want.CreatedAt) {
				t.Errorf("CreatedAt = %v, want %v in UTC", got.CreatedAt, want.CreatedAt)
			}
			w := *want
			w.CreatedAt, w.PackBytes = want.CreatedAt.UTC(), nil // the bytes are read by their digest
			if !reflect.DeepEqual(*got, w) {
				t.Errorf("Engagement =\n%+v\nwant\n%+v", *got, w)
			}
			src, err := tx.PackBytes(got.PackSHA256)
			if err != nil || string(src) != string(want.PackBytes) {
				t.Errorf("PackBytes(%s) = %q, %v; want %q", got.PackSHA256, src, err, want.PackBytes)
			}
			if _, err := tx.PackBytes("not-a-digest"); !bot.IsNotFound(err) {
				t.Errorf("PackBytes of an unknown digest = %v, want not found", err)
			}
			return nil
		})
	})
}

func TestEngagement_CreateRefusesMissingPackAndDuplicateID(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		ctx := context.Background()
		if err := db.Update(ctx, func(tx bot.Tx) error { return tx.CreateEngagement(engagement("e1")) }); err == nil {
			t.Error("a second engagement with id e1 was created")
		}
		noPack := engagement("e2")
		noPack.PackBytes = nil
		if err := db.Update(ctx, func(tx bot.Tx) error { return tx.CreateEngagement(noPack) }); err == nil {
			t.Error("an engagement without pack bytes was created")
		}
	})
}

func TestEngagement_LookupsWrapNotFound(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		lookups := map[string]func(bot.Tx) error{
			"Engagement": func(tx bot.Tx) error { _, err := tx.Engagement("nope"); return err },
			"OpenEngagementIn": func(tx bot.Tx) error {
				_, err := tx.OpenEngagementIn("slack", "T1", "C-nope")
				return err
			},
			"LastAnswer": func(tx bot.Tx) error { _, err := tx.LastAnswer("e1", "1-1", bot.RoundSelf); return err },
			"Position":   func(tx bot.Tx) error { _, err := tx.Position("e1", spoc); return err },
			"LatestPositionOf": func(tx bot.Tx) error {
				_, err := tx.LatestPositionOf(spoc)
				return err
			},
		}
		for name, lookup := range lookups {
			err := db.View(context.Background(), lookup)
			if !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("%s = %v, want an error wrapping bot.ErrNotFound", name, err)
			}
		}
		err := db.Update(context.Background(), func(tx bot.Tx) error { return tx.SetStatus("nope", bot.StatusClosed) })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("SetStatus of a missing engagement = %v, want bot.ErrNotFound", err)
		}
	})
}

func TestEngagement_ListsAreEmptyNotNil(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		view(t, db, func(tx bot.Tx) error {
			named, err := tx.EngagementsNamed("nobody")
			if err != nil || named == nil || len(named) != 0 {
				t.Errorf("EngagementsNamed = %#v, %v; want an empty slice", named, err)
			}
			all, err := tx.Engagements()
			if err != nil || len(all) != 0 {
				t.Errorf("Engagements = %v, %v; want none", all, err)
			}
			return nil
		})
	})
}

func TestEngagement_NamedAndAllAreOldestFirst(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		update(t, db, func(tx bot.Tx) error {
			for i, id := range []string{"b", "a", "c"} {
				e := engagement(id)
				e.Name = "same"
				e.CreatedAt = t0.Add(-time.Duration(i) * time.Second) // c oldest, b newest
				if err := tx.CreateEngagement(e); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx bot.Tx) error {
			named, err := tx.EngagementsNamed("same")
			if got := ids(named); err != nil || !reflect.DeepEqual(got, []string{"c", "a", "b"}) {
				t.Errorf("EngagementsNamed = %v, %v; want [c a b]", got, err)
			}
			all, err := tx.Engagements()
			if got := ids(all); err != nil || !reflect.DeepEqual(got, []string{"c", "a", "b"}) {
				t.Errorf("Engagements = %v, %v; want [c a b]", got, err)
			}
			return nil
		})
	})
}

func TestEngagement_OpenInSkipsClosed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "old")
		update(t, db, func(tx bot.Tx) error {
			if err := tx.SetStatus("old", bot.StatusClosed); err != nil {
				return err
			}
			e := engagement("new")
			e.Channel = "C-old" // the same channel, reused after the close
			return tx.CreateEngagement(e)
		})
		view(t, db, func(tx bot.Tx) error {
			got, err := tx.OpenEngagementIn("slack", "T1", "C-old")
			if err != nil || got.ID != "new" {
				t.Errorf("OpenEngagementIn = %v, %v; want engagement new", got, err)
			}
			if _, err := tx.OpenEngagementIn("slack", "T2", "C-old"); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("OpenEngagementIn in another workspace = %v, want not found", err)
			}
			old, err := tx.Engagement("old")
			if err != nil || old.Status != bot.StatusClosed {
				t.Errorf("status of old = %v, %v; want closed", old, err)
			}
			return nil
		})
	})
}

func TestParticipants_KeepRoleOrderAndReplace(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		update(t, db, func(tx bot.Tx) error {
			for _, p := range []bot.Participant{
				{EngagementID: "e1", User: lead, Roles: []bot.Role{bot.RoleLead, bot.RoleAssessor}, Lang: assessment.JA},
				{EngagementID: "e1", User: spoc, Roles: []bot.Role{bot.RoleSPOC}, Lang: assessment.EN},
				{EngagementID: "e1", User: lead, Roles: []bot.Role{bot.RoleAssessor, bot.RoleLead}, Lang: assessment.Both},
				{EngagementID: "e2", User: spoc, Roles: []bot.Role{bot.RoleMember}, Lang: assessment.EN},
			} {
				if err := tx.SaveParticipant(p); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx bot.Tx) error {
			got, err := tx.Participants("e1")
			want := []bot.Participant{
				{EngagementID: "e1", User: lead, Roles: []bot.Role{bot.RoleAssessor, bot.RoleLead}, Lang: assessment.Both},
				{EngagementID: "e1", User: spoc, Roles: []bot.Role{bot.RoleSPOC}, Lang: assessment.EN},
			}
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Participants =\n%+v, %v\nwant\n%+v", got, err, want)
			}
			of, err := tx.OpenEngagementsOf(spoc)
			if got := ids(of); err != nil || !reflect.DeepEqual(got, []string{"e1", "e2"}) {
				t.Errorf("OpenEngagementsOf(spoc) = %v, %v; want [e1 e2]", got, err)
			}
			if n, err := tx.CountOpenEngagementsOf(spoc); n != 2 || err != nil {
				t.Errorf("CountOpenEngagementsOf(spoc) = %d, %v; want 2", n, err)
			}
			of, err = tx.OpenEngagementsOf(other)
			if err != nil || len(of) != 0 {
				t.Errorf("OpenEngagementsOf(same id, other workspace) = %v, %v; want none", ids(of), err)
			}
			if n, err := tx.CountOpenEngagementsOf(other); n != 0 || err != nil {
				t.Errorf("CountOpenEngagementsOf(same id, other workspace) = %d, %v; want 0", n, err)
			}
			return nil
		})
		update(t, db, func(tx bot.Tx) error { return tx.SetStatus("e1", bot.StatusClosed) })
		view(t, db, func(tx bot.Tx) error {
			of, err := tx.OpenEngagementsOf(spoc)
			if got := ids(of); err != nil || !reflect.DeepEqual(got, []string{"e2"}) {
				t.Errorf("OpenEngagementsOf(spoc) once e1 closed = %v, %v; want [e2]", got, err)
			}
			if n, err := tx.CountOpenEngagementsOf(spoc); n != 1 || err != nil {
				t.Errorf("CountOpenEngagementsOf(spoc) once e1 closed = %d, %v; want 1", n, err)
			}
			return nil
		})
	})
}

func TestParticipants_RoleWithCommaIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		err := db.Update(context.Background(), func(tx bot.Tx) error {
			return tx.SaveParticipant(bot.Participant{EngagementID: "e1", User: spoc, Roles: []bot.Role{"spoc,lead"}})
		})
		if err == nil {
			t.Error("a role with a comma was stored; it would read back as two")
		}
	})
}

func TestPurge_DeletesEverythingOfTheEngagement(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		for _, id := range []string{"e1", "e2"} {
			update(t, db, func(tx bot.Tx) error { return fillEngagement(tx, id) })
		}
		ctx := context.Background()
		if err := db.Purge(ctx, "e1"); err != nil {
			t.Fatal(err)
		}
		if err := db.Purge(ctx, "e1"); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("second purge = %v, want not found", err)
		}
		view(t, db, func(tx bot.Tx) error {
			if _, err := tx.Engagement("e1"); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("purged engagement still found: %v", err)
			}
			for _, id := range []string{"e1", "e2"} {
				ps, _ := tx.Participants(id)
				hs, _ := tx.History(id)
				cs, _ := tx.Comments(id)
				_, posErr := tx.Position(id, spoc)
				kept := len(ps) > 0 && len(hs) > 0 && len(cs) > 0 && posErr == nil
				if want := id == "e2"; kept != want {
					t.Errorf("rows of %s kept = %v, want %v", id, kept, want)
				}
			}
			return nil
		})
		update(t, db, func(tx bot.Tx) error {
			isNew, err := tx.RecordMilestone("e2", bot.RoundSelf, 25, t0)
			if err != nil || isNew {
				t.Errorf("milestone of e2 after purging e1: new = %v, %v; want kept", isNew, err)
			}
			return nil
		})
	})
}

// fillEngagement gives an engagement one row of every kind.
func fillEngagement(tx bot.Tx, id string) error {
	a := answer("1-1", "2", t0)
	a.EngagementID = id
	if _, err := tx.AppendAnswer(a); err != nil {
		return err
	}
	if _, err := tx.AddComment(bot.Comment{EngagementID: id, Item: "1-1", Round: bot.RoundSelf, Author: spoc, Text: "x", At: t0}); err != nil {
		return err
	}
	if err := tx.SaveParticipant(bot.Participant{EngagementID: id, User: spoc, Roles: []bot.Role{bot.RoleSPOC}}); err != nil {
		return err
	}
	if err := tx.SavePosition(bot.Position{EngagementID: id, User: spoc, Conversation: "D1", Item: "1-2", UpdatedAt: t0}); err != nil {
		return err
	}
	_, err := tx.RecordMilestone(id, bot.RoundSelf, 25, t0)
	return err
}

func ids(es []*bot.Engagement) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
