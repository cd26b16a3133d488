package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/bot/holiday"
)

// DayTime is a time of day, in minutes after midnight.
type DayTime int

// ParseDayTime reads 09:00, 9:00 or 9 (NFKC-normalised input, so a
// full-width ０９：００ arrives as 09:00).
func ParseDayTime(s string) (DayTime, error) {
	h, m, hasMin := strings.Cut(s, ":")
	hour, err1 := strconv.Atoi(h)
	minute, err2 := 0, error(nil)
	if hasMin {
		minute, err2 = strconv.Atoi(m)
	}
	if err1 != nil || err2 != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 || (hasMin && len(m) != 2) {
		return 0, fmt.Errorf("%q is not a time of day such as 09:00", s)
	}
	return DayTime(hour*60 + minute), nil
}

func (dt DayTime) String() string { return fmt.Sprintf("%02d:%02d", dt/60, dt%60) }

// on is the moment of day d at this time of day, in d's location.
func (dt DayTime) on(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, int(dt)/60, int(dt)%60, 0, 0, day.Location())
}

func dayTimeOf(t time.Time) DayTime { return DayTime(t.Hour()*60 + t.Minute()) }

// Quiet is a daily window in which no ping goes out. It may cross midnight
// (20:00–08:00); From == To means there is none.
type Quiet struct{ From, To DayTime }

// Off reports whether there are no quiet hours.
func (q Quiet) Off() bool { return q.From == q.To }

func (q Quiet) contains(t time.Time) bool {
	m := dayTimeOf(t)
	switch {
	case q.Off():
		return false
	case q.From < q.To:
		return q.From <= m && m < q.To
	}
	return m >= q.From || m < q.To
}

// end is when the quiet window that contains t ends.
func (q Quiet) end(t time.Time) time.Time {
	if q.From > q.To && dayTimeOf(t) >= q.From {
		return q.To.on(t.AddDate(0, 0, 1))
	}
	return q.To.on(t)
}

// Holidays says which days are off besides Saturdays and Sundays: Japan's
// national holidays or none, plus days added (the client's country's
// holidays, a plant shutdown) and days excepted (worked despite the list).
type Holidays struct {
	Base   string   // HolidaysJP or HolidaysNone
	Add    []string // ISO dates, sorted
	Except []string // ISO dates, sorted
}

// The holiday bases.
const (
	HolidaysJP   = "jp"
	HolidaysNone = "none"
)

func (h Holidays) off(d holiday.Date) bool {
	key := d.String()
	switch {
	case slices.Contains(h.Except, key):
		return false
	case slices.Contains(h.Add, key):
		return true
	case h.Base == HolidaysJP:
		_, ok := holiday.InJapan(d)
		return ok
	}
	return false
}

// Workdays tells working days and times in one person's or engagement's
// time zone: Monday to Friday except holidays.
type Workdays struct {
	Loc *time.Location
	hol Holidays
}

func (w Workdays) working(d holiday.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !w.hol.off(d)
}

func (w Workdays) Today(t time.Time) holiday.Date { return holiday.DateOf(t.In(w.Loc)) }

// at is the moment of a time of day on a date in w's zone.
func (w Workdays) at(d holiday.Date, dt DayTime) time.Time {
	return dt.on(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, w.Loc))
}

// allowed reports whether a ping may go out at t.
func (w Workdays) Allowed(t time.Time, q Quiet) bool {
	t = t.In(w.Loc)
	return w.working(holiday.DateOf(t)) && !q.contains(t)
}

// postpone returns the first moment from t on at which a ping may go out: a
// day off moves it to the next day at the same time, quiet hours to their end.
func (w Workdays) postpone(t time.Time, q Quiet) time.Time {
	t = t.In(w.Loc)
	for range 1000 { // a holiday list that leaves no working day must not hang the scheduler
		switch {
		case !w.working(holiday.DateOf(t)):
			t = dayTimeOf(t).on(t.AddDate(0, 0, 1))
		case q.contains(t):
			t = q.end(t)
		default:
			return t
		}
	}
	return t
}

// nthWorkingDay is the nth working day counting from d (d itself is the
// first when it is a working day).
func (w Workdays) nthWorkingDay(d holiday.Date, n int) holiday.Date {
	for ; ; d = d.AddDays(1) {
		if w.working(d) {
			if n--; n <= 0 {
				return d
			}
		}
	}
}

// workingDaysBetween counts the working days in [from, to).
func (w Workdays) workingDaysBetween(from, to holiday.Date) int {
	n := 0
	for d := from; d.Before(to); d = d.AddDays(1) {
		if w.working(d) {
			n++
		}
	}
	return n
}

// Reminders go out between these times of the SPOC's day: late enough to
// be polite, early enough to be acted on.
const (
	remindFrom  DayTime = 10 * 60
	remindUntil DayTime = 18 * 60
)

// reminderDue is when a SPOC last active at last is reminded after n idle
// working days: at remindFrom on the first working day after n working days
// that passed with no activity.
func (w Workdays) ReminderDue(last time.Time, n int) time.Time {
	d := w.Today(last)
	for idle := 0; idle < n; {
		if d = d.AddDays(1); w.working(d) {
			idle++
		}
	}
	return w.at(w.nthWorkingDay(d.AddDays(1), 1), remindFrom)
}

// mayRemind reports whether t is within the SPOC's reminder hours on a working day.
func (w Workdays) MayRemind(t time.Time) bool {
	t = t.In(w.Loc)
	m := dayTimeOf(t)
	return w.working(holiday.DateOf(t)) && remindFrom <= m && m < remindUntil
}

// Pace is the self round's speed so far and the finish date it leads to.
type Pace struct {
	PerDay float64      // items answered or flagged per working day
	Finish holiday.Date // the working day the last item is expected
}

// forecast extrapolates the pace: done items over the working days from the
// first answer's day (today counts once it has answers), then the remaining
// items at that pace from today, or from the next working day when today
// already has answers or is a day off.
func (w Workdays) Forecast(first, today holiday.Date, answeredToday bool, done, total int) Pace {
	if done <= 0 || done >= total {
		return Pace{}
	}
	elapsed := w.workingDaysBetween(first, today)
	start := today
	if answeredToday {
		elapsed++
		start = today.AddDays(1)
	}
	elapsed = max(elapsed, 1)
	days := ((total-done)*elapsed + done - 1) / done
	return Pace{PerDay: float64(done) / float64(elapsed), Finish: w.nthWorkingDay(start, days)}
}
