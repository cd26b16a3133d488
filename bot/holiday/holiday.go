// Package holiday computes public holidays, so that the scheduler can tell a
// working day from a day off without a network call or a data file. It
// knows Japan's national holidays under the Act on National Holidays
// (国民の祝日に関する法律) as in force from 2007, including the one-off moves
// of 2019–2021; other countries are given to the bot as explicit date lists.
// The package is pure: no clock, no I/O, no state.
package holiday

import (
	"slices"
	"time"
)

// Holiday is one public holiday, with its name in Japanese and English.
type Holiday struct {
	Date   Date
	NameJA string
	NameEN string
}

// Date is a calendar day with no time zone: a holiday is a day wherever the
// reader is, and the caller decides which zone's day it means.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String is the ISO form, 2026-11-23.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays is d moved by n days (negative: back), across months and years.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// ParseDate reads an ISO date such as 2026-12-29.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// Time is the start of the day in UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// FirstYear and LastYear bound the years Japan is exact for: the current
// rules date from 2007, and the equinox formula holds to 2099.
const (
	FirstYear = 2007
	LastYear  = 2099
)

// Japan lists Japan's national holidays of a year in date order: the named
// holidays (fixed dates, Happy-Monday rules, the equinoxes), substitute
// holidays (振替休日: a holiday on a Sunday moves the day off to the next day
// that is not a holiday) and citizens' holidays (国民の休日: a day between
// two named holidays). Outside FirstYear–LastYear it returns nil.
func Japan(year int) []Holiday {
	if year < FirstYear || year > LastYear {
		return nil
	}
	named := namedJapan(year)
	slices.SortFunc(named, func(a, b Holiday) int { return a.Date.Time().Compare(b.Date.Time()) })
	all := append(slices.Clone(named), substitutes(named)...)
	for _, c := range citizens(named) {
		// A Sunday holiday followed by a named one two days later makes the
		// Monday both a substitute and a citizens' holiday: keep one.
		if !slices.ContainsFunc(all, func(h Holiday) bool { return h.Date == c.Date }) {
			all = append(all, c)
		}
	}
	slices.SortFunc(all, func(a, b Holiday) int { return a.Date.Time().Compare(b.Date.Time()) })
	return all
}

// InJapan reports whether d is a national holiday in Japan, and which.
func InJapan(d Date) (Holiday, bool) {
	for _, h := range Japan(d.Year) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// namedJapan is the year's 国民の祝日, the named holidays.
func namedJapan(y int) []Holiday {
	on := func(m time.Month, d int, ja, en string) Holiday { return Holiday{Date{y, m, d}, ja, en} }
	hs := []Holiday{
		on(time.January, 1, "元日", "New Year's Day"),
		on(time.January, nthMonday(y, time.January, 2), "成人の日", "Coming of Age Day"),
		on(time.February, 11, "建国記念の日", "National Foundation Day"),
		on(time.March, vernalEquinox(y), "春分の日", "Vernal Equinox Day"),
		on(time.April, 29, "昭和の日", "Shōwa Day"),
		on(time.May, 3, "憲法記念日", "Constitution Memorial Day"),
		on(time.May, 4, "みどりの日", "Greenery Day"),
		on(time.May, 5, "こどもの日", "Children's Day"),
		on(time.September, nthMonday(y, time.September, 3), "敬老の日", "Respect for the Aged Day"),
		on(time.September, autumnalEquinox(y), "秋分の日", "Autumnal Equinox Day"),
		on(time.November, 3, "文化の日", "Culture Day"),
		on(time.November, 23, "勤労感謝の日", "Labour Thanksgiving Day"),
	}
	switch {
	case y <= 2018:
		hs = append(hs, on(time.December, 23, "天皇誕生日", "Emperor's Birthday"))
	case y >= 2020:
		hs = append(hs, on(time.February, 23, "天皇誕生日", "Emperor's Birthday"))
	}
	if y == 2019 {
		hs = append(hs, on(time.May, 1, "即位の日", "Enthronement Day"),
			on(time.October, 22, "即位礼正殿の儀の行われる日", "Enthronement Ceremony Day"))
	}
	return append(hs, movable(y, on)...)
}

// movable are the holidays the 2020 Tokyo Olympics moved in 2020 and 2021.
func movable(y int, on func(time.Month, int, string, string) Holiday) []Holiday {
	marine := on(time.July, nthMonday(y, time.July, 3), "海の日", "Marine Day")
	mountain := on(time.August, 11, "山の日", "Mountain Day")
	sportsJA, sportsEN := "スポーツの日", "Sports Day"
	if y < 2020 {
		sportsJA, sportsEN = "体育の日", "Health and Sports Day"
	}
	sports := on(time.October, nthMonday(y, time.October, 2), sportsJA, sportsEN)
	switch y {
	case 2020:
		marine.Date, sports.Date, mountain.Date = Date{y, time.July, 23}, Date{y, time.July, 24}, Date{y, time.August, 10}
	case 2021:
		marine.Date, sports.Date, mountain.Date = Date{y, time.July, 22}, Date{y, time.July, 23}, Date{y, time.August, 8}
	}
	if y < 2016 { // Mountain Day was first kept in 2016
		return []Holiday{marine, sports}
	}
	return []Holiday{marine, mountain, sports}
}

// substitutes are the 振替休日 of sorted named holidays: for each one on a
// Sunday, the first following day that is not a named holiday.
func substitutes(named []Holiday) []Holiday {
	var out []Holiday
	for _, h := range named {
		if h.Date.Weekday() != time.Sunday {
			continue
		}
		d := h.Date.AddDays(1)
		for isNamed(named, d) {
			d = d.AddDays(1)
		}
		out = append(out, Holiday{d, "振替休日", "Substitute Holiday"})
	}
	return out
}

// citizens are the 国民の休日 of sorted named holidays: a weekday (not a
// Sunday, already a day off) whose day before and day after are both named
// holidays and which is not one itself.
func citizens(named []Holiday) []Holiday {
	var out []Holiday
	for i := 0; i+1 < len(named); i++ {
		mid := named[i].Date.AddDays(1)
		if named[i+1].Date == mid.AddDays(1) && mid.Weekday() != time.Sunday {
			out = append(out, Holiday{mid, "国民の休日", "Citizens' Holiday"})
		}
	}
	return out
}

func isNamed(named []Holiday, d Date) bool {
	return slices.ContainsFunc(named, func(h Holiday) bool { return h.Date == d })
}

// nthMonday is the day of the month of its nth Monday (Happy-Monday rule).
func nthMonday(y int, m time.Month, n int) int {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	offset := (int(time.Monday) - int(first) + 7) % 7
	return 1 + offset + 7*(n-1)
}

// vernalEquinox and autumnalEquinox are the March and September days of
// the equinoxes by the formula the National Astronomical Observatory's
// announcements follow for 1980–2099.
func vernalEquinox(y int) int   { return equinox(20.8431, y) }
func autumnalEquinox(y int) int { return equinox(23.2488, y) }

func equinox(base float64, y int) int {
	n := y - 1980
	return int(base+0.242194*float64(n)) - n/4
}
