package bot

import (
	"fmt"
	"time"
)

// PingEvery is how often an engagement's lead is sent a progress ping.
type PingEvery string

// Ping frequencies.
const (
	PingOff    PingEvery = "off"
	PingDaily  PingEvery = "daily"
	PingWeekly PingEvery = "weekly"
)

// Schedule is an engagement's progress pings to its lead(s) and reminders
// to its SPOC(s). Times of day and days off are in the engagement's time
// zone, except that a SPOC's reminders use their own (People) when known.
type Schedule struct {
	EngagementID string
	Every        PingEvery
	Weekday      time.Weekday // of weekly pings
	At           DayTime
	Quiet        Quiet
	Holidays     Holidays
	// RemindDays is how many working days a SPOC may be idle before a
	// reminder; 0: never.
	RemindDays int
	// People are participants' own time zones and holidays, where known.
	People []PersonCalendar
	// NextPing is when the next ping is due; zero: none is scheduled.
	NextPing time.Time
	// LastPing is when the last ping went out; zero: never.
	LastPing time.Time
}

// PersonCalendar is a participant's own time zone and days off; what is
// empty falls back to the engagement's.
type PersonCalendar struct {
	User     UserRef   `json:"user"`
	Zone     string    `json:"zone,omitempty"`
	Holidays *Holidays `json:"holidays,omitempty"`
}

// DefaultSchedule is the schedule of an engagement whose lead set none:
// a daily ping at 09:00 on Japanese working days, no quiet hours, and a
// reminder after 3 idle working days. The lead is kept informed without
// asking; `ping off` stops it.
func DefaultSchedule(engagementID string) Schedule {
	return Schedule{EngagementID: engagementID, Every: PingDaily, Weekday: time.Monday, At: 9 * 60,
		Holidays: Holidays{Base: HolidaysJP}, RemindDays: 3}
}

// ScheduleOf is an engagement's saved schedule, else the default.
func ScheduleOf(tx Tx, engagementID string) (Schedule, error) {
	s, err := tx.Schedule(engagementID)
	if IsNotFound(err) {
		return DefaultSchedule(engagementID), nil
	}
	return s, err
}

// EnsureSchedule saves the default schedule, with its first ping, for an
// engagement that has none. start calls it, so that the first ping is due
// from the day the self assessment starts even if no scheduler runs yet
// (a console start, served later).
func EnsureSchedule(tx Tx, eng *Engagement, now time.Time) error {
	_, err := tx.Schedule(eng.ID)
	if !IsNotFound(err) {
		return err
	}
	sc := DefaultSchedule(eng.ID)
	w, err := sc.Days(eng)
	if err != nil {
		return err
	}
	sc.NextPing = sc.Next(now, w)
	return tx.SaveSchedule(sc)
}

// loadZone reads an IANA time zone name; cmd imports time/tzdata, so every
// name is known even in a static image.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		name = "Asia/Tokyo"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("bot: time zone %q: %w", name, err)
	}
	return loc, nil
}

// days are the engagement's working days: its time zone and holidays.
func (s Schedule) Days(eng *Engagement) (Workdays, error) {
	loc, err := loadZone(eng.Timezone)
	return Workdays{Loc: loc, hol: s.Holidays}, err
}

// daysOf are a participant's working days: their own zone and holidays
// where known, else the engagement's.
func (s Schedule) DaysOf(eng *Engagement, u UserRef) (Workdays, error) {
	w, err := s.Days(eng)
	if err != nil {
		return w, err
	}
	pc := s.Person(u)
	if pc.Zone != "" {
		if w.Loc, err = loadZone(pc.Zone); err != nil {
			return w, err
		}
	}
	if pc.Holidays != nil {
		w.hol = *pc.Holidays
	}
	return w, nil
}

// Person is a participant's own calendar (empty when none was set).
func (s Schedule) Person(u UserRef) PersonCalendar {
	for _, pc := range s.People {
		if pc.User == u {
			return pc
		}
	}
	return PersonCalendar{User: u}
}

// SetPerson replaces or adds a participant's calendar.
func (s *Schedule) SetPerson(pc PersonCalendar) {
	for i := range s.People {
		if s.People[i].User == pc.User {
			s.People[i] = pc
			return
		}
	}
	s.People = append(s.People, pc)
}

// period is the time between two regular pings.
func (s Schedule) period() time.Duration {
	if s.Every == PingWeekly {
		return 7 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// slotAfter is the first regular ping time strictly after t, before any
// postponement for days off or quiet hours.
func (s Schedule) slotAfter(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	slot := s.At.on(t)
	for !slot.After(t) || (s.Every == PingWeekly && slot.Weekday() != s.Weekday) {
		slot = s.At.on(slot.AddDate(0, 0, 1))
	}
	return slot
}

// next is when the first ping after t goes out: the next regular time,
// moved off days off and out of quiet hours. Zero when pings are off.
func (s Schedule) Next(t time.Time, w Workdays) time.Time {
	if s.Every == PingOff || s.Every == "" {
		return time.Time{}
	}
	return w.postpone(s.slotAfter(t, w.Loc), s.Quiet).UTC()
}

// minPingGap is the least time between two pings when the lead changes the
// schedule: moving today's ping from 09:00 to 09:30 after it went out at
// 09:00 does not send a second one.
const minPingGap = 12 * time.Hour

// Replan is when the next ping goes out after the settings changed at now:
// the first regular time after now, and not within minPingGap of the last ping.
func (s Schedule) Replan(now time.Time, w Workdays) time.Time {
	from := now
	if gap := s.LastPing.Add(minPingGap); gap.After(from) {
		from = gap
	}
	return s.Next(from, w)
}

// catchUp is when a ping that fell due while it could not go out (the bot
// was down, or the settings changed) goes out: as soon as it may, unless the
// next regular ping comes within half a period of that, which it then
// joins (no two pings an hour apart).
func (s Schedule) CatchUp(now time.Time, w Workdays) time.Time {
	soon := w.postpone(now, s.Quiet).UTC()
	if regular := s.Next(now, w); !regular.IsZero() && regular.Sub(soon) < s.period()/2 {
		return regular
	}
	return soon
}
