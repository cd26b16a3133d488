package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// reminders are the messages among out that remind the SPOC.
func reminders(out []bot.Outgoing) []bot.Outgoing {
	var rs []bot.Outgoing
	for _, o := range out {
		if o.User == spoc && (strings.Contains(o.Reply.Text, "When you have a moment") || strings.Contains(o.Reply.Text, "お手すきの際に")) {
			rs = append(rs, o)
		}
	}
	return rs
}

func wantReminders(t *testing.T, when string, out []bot.Outgoing, n int) []bot.Outgoing {
	t.Helper()
	rs := reminders(out)
	if len(rs) != n {
		t.Fatalf("%s: %d reminders, want %d:\n%s", when, len(rs), n, texts(out))
	}
	return rs
}

func TestReminder_OncePerIdleStretchInTheSPOCsLanguage(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0)) // Monday
	r.setup("")                            // the engagement speaks English
	r.dm(spoc, "lang ja")
	q := lastQuestion(r.rec.take())
	r.at(jst(11, 30, 10, 5))
	q = r.answer(q, "2")
	// Idle on Tuesday, Wednesday and Thursday: three working days.
	for _, at := range []time.Time{jst(12, 1, 10, 0), jst(12, 3, 17, 0), jst(12, 4, 9, 59)} {
		wantReminders(t, at.Format("Mon 15:04"), r.tick(at), 0)
	}
	rs := wantReminders(t, "Friday 10:00", r.tick(jst(12, 4, 10, 0)), 1)
	if want := "お世話になっております。Plant Aのセキュリティチェックリストは、現在1/32項目まで"; !strings.Contains(rs[0].Reply.Text, want) {
		t.Errorf("reminder is not the Japanese one:\n%s", rs[0].Reply.Text)
	}
	wantReminders(t, "Friday 10:30", r.tick(jst(12, 4, 10, 30)), 0)
	r.restart()
	wantReminders(t, "after a restart", r.tick(jst(12, 4, 11, 0)), 0)
	wantReminders(t, "the next Tuesday, same stretch", r.tick(jst(12, 8, 10, 0)), 0)

	r.at(jst(12, 8, 11, 0))
	r.answer(q, "3") // a new stretch begins
	wantReminders(t, "Friday, two idle days", r.tick(jst(12, 11, 10, 0)), 0)
	wantReminders(t, "Monday, three idle days", r.tick(jst(12, 14, 10, 0)), 1)
}

func TestReminder_CountsOnlyWorkingDays(t *testing.T) {
	r := newPingRig(t, jst(11, 19, 10, 0)) // Thursday
	q := r.setup("")
	r.answer(q, "2")
	// Friday 20, then the weekend and the holiday on Monday 23, Tuesday 24,
	// Wednesday 25: the third idle working day, so Thursday 26.
	for _, day := range []int{23, 24, 25} {
		wantReminders(t, jst(11, day, 12, 0).Format("Mon 2"), r.tick(jst(11, day, 12, 0)), 0)
	}
	wantReminders(t, "Thursday 26", r.tick(jst(11, 26, 12, 0)), 1)
}

func TestReminder_UsesTheSPOCsOwnTimeZone(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping tz <@USPOC> Asia/Bangkok")
	if got := texts(r.rec.take()); !strings.Contains(got, "Time zone of <@USPOC>: Asia/Bangkok") {
		t.Fatalf("ping tz replied:\n%s", got)
	}
	// 10:00 in Bangkok is 12:00 in Tokyo.
	wantReminders(t, "Friday 11:59 in Tokyo", r.tick(jst(12, 4, 11, 59)), 0)
	wantReminders(t, "Friday 10:00 in Bangkok", r.tick(jst(12, 4, 12, 0)), 1)
}

func TestReminder_OffWithRemindZero(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping remind 0")
	r.rec.take()
	wantReminders(t, "a week later", r.tick(jst(12, 7, 12, 0)), 0)
}

func TestReminder_NotForASPOCWhoFinished(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	for range 32 {
		r.event(press(q, spoc, "2"))
		q = lastQuestion(r.rec.take())
	}
	wantReminders(t, "a week after the last answer", r.tick(jst(12, 7, 12, 0)), 0)
}
