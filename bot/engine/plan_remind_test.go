package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

func jst27(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2027, month, day, hour, minute, 0, 0, tokyo)
}

// ownerReminders are the messages among out that remind the SPOC of an action.
func ownerReminders(out []bot.Outgoing) []string {
	var rs []string
	for _, o := range out {
		if o.User == spoc && strings.Contains(o.Reply.Text, "Action 1 of Plant A") {
			rs = append(rs, o.Reply.Text)
		}
	}
	return rs
}

// planPings are the leads' weekly plan pings among out.
func planPings(out []bot.Outgoing) []string {
	var ps []string
	for _, o := range out {
		if o.User == lead && strings.Contains(o.Reply.Text, "How the countermeasure plan of Plant A stands") {
			ps = append(ps, o.Reply.Text)
		}
	}
	return ps
}

// Action 1 is due on Friday 19 March 2027. The owner is reminded once
// three working days ahead; after the date, on the first working day
// after it — Tuesday 23rd, past the weekend and the substitute holiday of
// Monday 22nd (Vernal Equinox Day fell on Sunday) — then every fifth
// working day, never twice for the same day, also after a restart. The
// lead hears the plan's progress on the first working day of each week.
func TestActionReminders_WorkingDaysAcrossAWeekendAndAHoliday(t *testing.T) {
	r := newPingRig(t, jst(11, 25, 10, 0))
	r.completeSelfRoundAt(r.setup(""), "3", "1-2", "3-5")
	r.channel(lead, "approve 1 2")
	r.channel(lead, "plan")
	r.channel(lead, "action 1 owner:<@USPOC> due:2027-03-19")
	r.rec.take()

	steps := []struct {
		at      time.Time
		owner   int
		lead    int
		contain string
	}{
		{jst27(3, 15, 9, 59), 0, 0, ""},                                 // Monday before reminder hours
		{jst27(3, 15, 10, 0), 0, 1, "2 open, 0 dropped, 0 overdue"},     // four working days ahead: no reminder; the week's plan ping
		{jst27(3, 16, 10, 0), 1, 0, "is due on 2027-03-19"},             // three working days ahead
		{jst27(3, 17, 10, 0), 0, 0, ""},                                 // once per due date
		{jst27(3, 19, 17, 0), 0, 0, ""},                                 // the due day itself: already reminded
		{jst27(3, 20, 10, 0), 0, 0, ""},                                 // Saturday
		{jst27(3, 22, 10, 0), 0, 0, ""},                                 // Monday, a substitute holiday
		{jst27(3, 23, 10, 0), 1, 1, "passed its due date (2027-03-19)"}, // first working day after; the week's ping
		{jst27(3, 23, 15, 0), 0, 0, ""},
		{jst27(3, 29, 10, 0), 0, 1, ""},          // four working days after; a new week
		{jst27(3, 30, 10, 0), 1, 0, "(overdue)"}, // the fifth
	}
	for i, s := range steps {
		if i == 9 {
			r.restart()
		}
		out := r.tick(s.at)
		owner, pings := ownerReminders(out), planPings(out)
		if len(owner) != s.owner || len(pings) != s.lead {
			t.Errorf("%s: %d owner reminders and %d plan pings, want %d and %d:\n%s", s.at.Format("Mon 2 Jan 15:04"), len(owner), len(pings), s.owner, s.lead, texts(out))
			continue
		}
		if s.contain != "" && !strings.Contains(strings.Join(append(owner, pings...), "\n"), s.contain) {
			t.Errorf("%s: the messages lack %q:\n%s", s.at.Format("Mon 2 Jan"), s.contain, texts(out))
		}
	}
	r.at(jst27(3, 30, 11, 0))
	r.channel(spoc, `action 1 done "Zones are separated."`)
	r.rec.take()
	if out := r.tick(jst27(4, 5, 10, 0)); len(ownerReminders(out)) != 0 || len(planPings(out)) != 0 {
		t.Errorf("a done action is still reminded of:\n%s", texts(out))
	}
}
