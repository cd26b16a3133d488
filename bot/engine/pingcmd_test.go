package engine_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

var assessor = bot.UserRef{Platform: platform, Workspace: "W1", ID: "UASSR"}

// stored is the engagement and its saved schedule.
func (h *harness) stored() (*bot.Engagement, bot.Schedule) {
	h.t.Helper()
	var eng *bot.Engagement
	var sc bot.Schedule
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if err != nil {
			return err
		}
		eng = engs[0]
		sc, err = tx.Schedule(eng.ID)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return eng, sc
}

func TestPingCommand_RefusedForSPOCAndStrangers(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	_, before := h.stored()
	for _, u := range []bot.UserRef{spoc, other} {
		res := h.channel(u, "ping off")
		if res.Respond == nil || !res.Respond.Ephemeral || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
			t.Errorf("%s: respond = %+v", u.ID, res.Respond)
		}
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("a refused ping sent:\n%s", texts(out))
	}
	if _, after := h.stored(); !reflect.DeepEqual(before, after) {
		t.Errorf("a refused ping changed the schedule: %+v → %+v", before, after)
	}
}

func TestPingCommand_AnAssessorMaySetIt(t *testing.T) {
	h := newHarness(t)
	h.setup("assessor:<@UASSR>")
	h.channel(assessor, "ping daily 07:30")
	if _, sc := h.stored(); sc.Every != bot.PingDaily || sc.At != 7*60+30 {
		t.Errorf("schedule = %+v", sc)
	}
}

func TestPingCommand_BadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "ping holiday add 2026-12-28")
	h.rec.take()
	engBefore, before := h.stored()
	tests := []struct{ in, want string }{
		{"ping daily 25:00", `"25:00" is not a time of day`},
		{"ping daily 9:5", `"9:5" is not a time of day`},
		{"ping daily 09:00 10:00", "Usage: ping"},
		{"ping weekly funday 09:00", `"funday" is not a day of the week`},
		{"ping weekly mon 9am", `"9am" is not a time of day`},
		{"ping quiet 22:00", `"22:00" is not a time window`},
		{"ping quiet 22:00-22:00", `"22:00-22:00" is not a time window`},
		{"ping quiet 22:00-31:00", `"22:00-31:00" is not a time window`},
		{"ping holidays us", `"us" is not a holiday list`},
		{"ping holiday add 2026-02-30", `"2026-02-30" is not a date`},
		{"ping holiday add 2026-12-29 tomorrow", `"tomorrow" is not a date`},
		{"ping holiday remove 2026-12-31", "2026-12-31 is neither an added day off"},
		{"ping holiday move 2026-12-31", "Usage: ping"},
		{"ping remind -1", `"-1" is not valid: give the idle working days before a reminder, 0–20`},
		{"ping remind 21", `"21" is not valid`},
		{"ping remind three", `"three" is not valid`},
		{"ping tz Mars/Olympus", `"Mars/Olympus" is not a time zone`},
		{"ping tz Local", `"Local" is not a time zone`},
		{"ping tz <@UOTHER> Asia/Bangkok", "<@UOTHER> is not a participant"},
		{"ping tz <@USPOC> Nowhere/City", `"Nowhere/City" is not a time zone`},
		{"ping sometimes", "Usage: ping"},
		{"ping off now", "Usage: ping"},
	}
	for _, tc := range tests {
		res := h.channel(lead, tc.in)
		out := h.rec.take()
		if got := texts(out); res.Respond != nil || len(out) != 1 || !strings.Contains(got, tc.want) {
			t.Errorf("%q → %q (respond %+v), want one reply containing %q", tc.in, got, res.Respond, tc.want)
		}
		if eng, after := h.stored(); !reflect.DeepEqual(before, after) || eng.Timezone != engBefore.Timezone {
			t.Errorf("%q changed the schedule: %+v → %+v", tc.in, before, after)
		}
	}
}

func TestPingCommand_ChangesAreSaved(t *testing.T) {
	h := newHarness(t) // Wednesday 25 November 2026, 18:00 in Tokyo
	h.setup("")
	tests := []struct {
		in    string
		check func(bot.Schedule) bool
	}{
		{"ping daily 07:30", func(s bot.Schedule) bool { return s.Every == bot.PingDaily && s.At == 450 }},
		{"ping weekly 金曜日 16:00", func(s bot.Schedule) bool {
			return s.Every == bot.PingWeekly && s.Weekday == time.Friday && s.At == 960 &&
				s.NextPing.Equal(jst(11, 27, 16, 0))
		}},
		{"ping weekly monday", func(s bot.Schedule) bool { return s.Weekday == time.Monday && s.At == 960 }},
		{"ping off", func(s bot.Schedule) bool { return s.Every == bot.PingOff && s.NextPing.IsZero() }},
		{"ping daily ０９：００", func(s bot.Schedule) bool { return s.Every == bot.PingDaily && s.At == 540 }},
		{"ping quiet 22:00〜07:00", func(s bot.Schedule) bool { return s.Quiet == bot.Quiet{From: 1320, To: 420} }},
		{"ping quiet off", func(s bot.Schedule) bool { return s.Quiet.Off() }},
		{"ping holidays none", func(s bot.Schedule) bool { return s.Holidays.Base == bot.HolidaysNone }},
		{"ping holiday add 2026-12-30 2026-12-29", func(s bot.Schedule) bool {
			return slices.Equal(s.Holidays.Add, []string{"2026-12-29", "2026-12-30"})
		}},
		{"ping holiday except 2026-12-30", func(s bot.Schedule) bool {
			return slices.Equal(s.Holidays.Add, []string{"2026-12-29"}) && slices.Equal(s.Holidays.Except, []string{"2026-12-30"})
		}},
		{"ping holiday remove 2026-12-30", func(s bot.Schedule) bool { return len(s.Holidays.Except) == 0 }},
		{"ping holidays jp", func(s bot.Schedule) bool { return s.Holidays.Base == bot.HolidaysJP }},
		{"ping remind 5", func(s bot.Schedule) bool { return s.RemindDays == 5 }},
		{"ping tz <@USPOC> Asia/Bangkok", func(s bot.Schedule) bool { return len(s.People) == 1 && s.People[0].Zone == "Asia/Bangkok" }},
		{"ping tz <@USPOC> default", func(s bot.Schedule) bool { return len(s.People) == 1 && s.People[0].Zone == "" }},
	}
	for _, tc := range tests {
		h.channel(lead, tc.in)
		if got := texts(h.rec.take()); !strings.Contains(got, "The progress update settings are changed.") {
			t.Errorf("%q replied %q", tc.in, got)
		}
		if _, sc := h.stored(); !tc.check(sc) {
			t.Errorf("after %q the schedule is %+v", tc.in, sc)
		}
	}
}

func TestPingCommand_TimeZoneMovesTheNextPing(t *testing.T) {
	h := newHarness(t) // 09:00 UTC: 16:00 in Bangkok, 18:00 in Tokyo
	h.setup("")
	h.channel(lead, "ping tz Asia/Bangkok")
	h.rec.take()
	eng, sc := h.stored()
	want := time.Date(2026, 11, 26, 9, 0, 0, 0, mustZone("Asia/Bangkok"))
	if eng.Timezone != "Asia/Bangkok" || !sc.NextPing.Equal(want) {
		t.Errorf("time zone %q, next ping %s; want Asia/Bangkok and %s", eng.Timezone, sc.NextPing, want)
	}
}

func TestPingCommand_ShowsTheSettingsInTheUsersLanguage(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			h.setup("")
			h.channel(lead, "lang "+lang)
			h.channel(lead, "ping quiet 20:00-08:00")
			h.channel(lead, "ping holiday add 2026-12-29")
			h.rec.take()
			h.channel(lead, "ping")
			out := h.rec.take()
			if len(out) != 1 || out[0].Conversation != "C1" {
				t.Fatalf("ping sent:\n%s", texts(out))
			}
			golden(t, "ping_settings_"+lang+".golden", out[0].Reply.Text)
		})
	}
}
