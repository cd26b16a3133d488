package storage_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestSchedule_RoundTripAndNotFound(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		view(t, db, func(tx bot.Tx) error {
			if _, err := tx.Schedule("e1"); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("Schedule before any was saved: %v, want ErrNotFound", err)
			}
			return nil
		})
		want := bot.Schedule{EngagementID: "e1", Every: bot.PingWeekly, Weekday: time.Friday, At: 16 * 60,
			Quiet:      bot.Quiet{From: 22 * 60, To: 7 * 60},
			Holidays:   bot.Holidays{Base: bot.HolidaysNone, Add: []string{"2026-12-29", "2026-12-30"}, Except: []string{"2026-11-23"}},
			RemindDays: 4,
			People:     []bot.PersonCalendar{{User: spoc, Zone: "Asia/Bangkok", Holidays: &bot.Holidays{Base: bot.HolidaysNone}}},
			NextPing:   t0.Add(7 * time.Hour), LastPing: t0.In(jst),
		}
		update(t, db, func(tx bot.Tx) error { return tx.SaveSchedule(want) })
		want.LastPing = want.LastPing.UTC()
		view(t, db, func(tx bot.Tx) error {
			got, err := tx.Schedule("e1")
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Schedule =\n%+v\nwant\n%+v", got, want)
			}
			return nil
		})

		off := bot.Schedule{EngagementID: "e1", Every: bot.PingOff, Holidays: bot.Holidays{Base: bot.HolidaysJP}}
		update(t, db, func(tx bot.Tx) error { return tx.SaveSchedule(off) })
		view(t, db, func(tx bot.Tx) error {
			got, err := tx.Schedule("e1")
			if err == nil && !reflect.DeepEqual(got, off) {
				t.Errorf("replaced schedule =\n%+v\nwant\n%+v", got, off)
			}
			return err
		})
	})
}

func TestSchedule_DueSchedulesEarliestFirst(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2", "e3", "e4")
		update(t, db, func(tx bot.Tx) error {
			for id, next := range map[string]time.Time{"e1": t0.Add(time.Hour), "e2": t0.Add(-time.Hour), "e3": t0, "e4": {}} {
				sc := bot.DefaultSchedule(id)
				sc.NextPing = next
				if err := tx.SaveSchedule(sc); err != nil {
					return err
				}
			}
			return nil
		})
		view(t, db, func(tx bot.Tx) error {
			due, err := tx.DueSchedules(t0)
			if err != nil {
				return err
			}
			var ids []string
			for _, s := range due {
				ids = append(ids, s.EngagementID)
			}
			if !reflect.DeepEqual(ids, []string{"e2", "e3"}) {
				t.Errorf("due at t0: %v, want [e2 e3] (e1 is later, e4 has none)", ids)
			}
			return nil
		})
	})
}

func TestSchedule_ClaimReminderOncePerStretch(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		claim := func(u bot.UserRef, since time.Time) (fresh bool) {
			update(t, db, func(tx bot.Tx) error {
				var err error
				fresh, err = tx.ClaimReminder("e1", u, since, t0)
				return err
			})
			return fresh
		}
		stretch := t0.Add(-72 * time.Hour)
		if !claim(spoc, stretch) {
			t.Error("the first claim of a stretch was not fresh")
		}
		if claim(spoc, stretch) {
			t.Error("the same stretch was claimed twice")
		}
		if !claim(other, stretch) {
			t.Error("the same user id in another workspace shares the claim")
		}
		if !claim(spoc, stretch.Add(time.Hour)) {
			t.Error("a new stretch was not fresh")
		}
		if claim(spoc, stretch.Add(time.Hour)) {
			t.Error("the new stretch was claimed twice")
		}
	})
}

func TestSchedule_SetTimezone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		update(t, db, func(tx bot.Tx) error { return tx.SetTimezone("e1", "Asia/Bangkok") })
		view(t, db, func(tx bot.Tx) error {
			eng, err := tx.Engagement("e1")
			if err == nil && eng.Timezone != "Asia/Bangkok" {
				t.Errorf("time zone %q", eng.Timezone)
			}
			return err
		})
		err := db.Update(t.Context(), func(tx bot.Tx) error { return tx.SetTimezone("nope", "UTC") })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("SetTimezone of a missing engagement: %v, want ErrNotFound", err)
		}
	})
}
