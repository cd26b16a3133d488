package bot

import (
	"fmt"
	"time"

	"github.com/otassess/otassess/bot/holiday"
)

// Owners are reminded of an action within reminder hours on their working
// days: once when the due date is ActionLeadDays working days away or
// closer, and after it has passed on the first working day after it, then
// every ActionRepeatDays working days, until the action is done or dropped.
const (
	ActionLeadDays   = 3
	ActionRepeatDays = 5
)

// ActionReminder says whether the owner of a is reminded at now, with the
// key that makes the reminder go once: before:<due> (a new due date brings
// a new one) or after:<day>.
func (w Workdays) ActionReminder(a Action, now time.Time) (key string, ok bool) {
	due, err := holiday.ParseDate(a.Due)
	if err != nil || a.Owner.ID == "" || a.Status.Closed() || !w.MayRemind(now) {
		return "", false
	}
	today := w.Today(now)
	if !due.Before(today) {
		return "before:" + a.Due, w.workingDaysBetween(today, due) <= ActionLeadDays
	}
	after := w.workingDaysBetween(due.AddDays(1), today)
	return "after:" + today.String(), after%ActionRepeatDays == 0
}

// PlanPingKey is the key of the leads' weekly plan ping at now: the ISO
// week, on the first working day of the week within reminder hours.
func (w Workdays) PlanPingKey(now time.Time) (string, bool) {
	if !w.MayRemind(now) {
		return "", false
	}
	today := w.Today(now)
	monday := today.AddDays(-((int(today.Weekday()) + 6) % 7))
	if w.workingDaysBetween(monday, today) > 0 {
		return "", false
	}
	y, wk := today.Time().ISOWeek()
	return fmt.Sprintf("plan:%d-W%02d", y, wk), true
}
