package holiday_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot/holiday"
)

// dates renders a year's holidays as "MM-DD name" lines for comparison.
func dates(hs []holiday.Holiday) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Date.String()[5:] + " " + h.NameEN + "\n")
	}
	return b.String()
}

// The published calendars (Cabinet Office, 内閣府「国民の祝日について」).
func TestJapan_PublishedYears(t *testing.T) {
	for year, want := range map[int]string{
		2025: `01-01 New Year's Day
01-13 Coming of Age Day
02-11 National Foundation Day
02-23 Emperor's Birthday
02-24 Substitute Holiday
03-20 Vernal Equinox Day
04-29 Shōwa Day
05-03 Constitution Memorial Day
05-04 Greenery Day
05-05 Children's Day
05-06 Substitute Holiday
07-21 Marine Day
08-11 Mountain Day
09-15 Respect for the Aged Day
09-23 Autumnal Equinox Day
10-13 Sports Day
11-03 Culture Day
11-23 Labour Thanksgiving Day
11-24 Substitute Holiday
`,
		2026: `01-01 New Year's Day
01-12 Coming of Age Day
02-11 National Foundation Day
02-23 Emperor's Birthday
03-20 Vernal Equinox Day
04-29 Shōwa Day
05-03 Constitution Memorial Day
05-04 Greenery Day
05-05 Children's Day
05-06 Substitute Holiday
07-20 Marine Day
08-11 Mountain Day
09-21 Respect for the Aged Day
09-22 Citizens' Holiday
09-23 Autumnal Equinox Day
10-12 Sports Day
11-03 Culture Day
11-23 Labour Thanksgiving Day
`,
		2027: `01-01 New Year's Day
01-11 Coming of Age Day
02-11 National Foundation Day
02-23 Emperor's Birthday
03-21 Vernal Equinox Day
03-22 Substitute Holiday
04-29 Shōwa Day
05-03 Constitution Memorial Day
05-04 Greenery Day
05-05 Children's Day
07-19 Marine Day
08-11 Mountain Day
09-20 Respect for the Aged Day
09-23 Autumnal Equinox Day
10-11 Sports Day
11-03 Culture Day
11-23 Labour Thanksgiving Day
`,
	} {
		if got := dates(holiday.Japan(year)); got != want {
			t.Errorf("Japan(%d):\n%s\nwant:\n%s", year, got, want)
		}
	}
}

func TestInJapan_KnownDays(t *testing.T) {
	for _, tc := range []struct {
		date string
		want string // English name, "" for a working day
	}{
		{"2027-01-01", "New Year's Day"},
		{"2026-11-23", "Labour Thanksgiving Day"},
		{"2026-09-22", "Citizens' Holiday"},
		{"2009-09-22", "Citizens' Holiday"},
		{"2015-09-22", "Citizens' Holiday"},
		{"2015-05-06", "Substitute Holiday"},
		{"2019-04-30", "Citizens' Holiday"},
		{"2019-05-01", "Enthronement Day"},
		{"2019-05-02", "Citizens' Holiday"},
		{"2019-10-22", "Enthronement Ceremony Day"},
		{"2019-12-23", ""}, // no Emperor's Birthday in 2019
		{"2018-12-23", "Emperor's Birthday"},
		{"2018-12-24", "Substitute Holiday"},
		{"2020-07-24", "Sports Day"},
		{"2020-10-12", ""},
		{"2021-08-09", "Substitute Holiday"}, // Mountain Day on Sunday 8 August
		{"2015-08-11", ""},                   // before Mountain Day
		{"2016-08-11", "Mountain Day"},
		{"2026-12-29", ""},
		{"2026-11-24", ""},
	} {
		d, err := holiday.ParseDate(tc.date)
		if err != nil {
			t.Fatal(err)
		}
		h, ok := holiday.InJapan(d)
		if ok != (tc.want != "") || h.NameEN != tc.want {
			t.Errorf("InJapan(%s) = %q, %v; want %q", tc.date, h.NameEN, ok, tc.want)
		}
	}
}

func TestJapan_EveryYearIsSaneAndOutOfRangeIsNil(t *testing.T) {
	for y := holiday.FirstYear; y <= holiday.LastYear; y++ {
		hs := holiday.Japan(y)
		if len(hs) < 15 || len(hs) > 22 {
			t.Errorf("Japan(%d) has %d holidays", y, len(hs))
		}
		for i, h := range hs {
			if h.Date.Year != y || h.NameJA == "" || (i > 0 && !hs[i-1].Date.Before(h.Date)) {
				t.Errorf("Japan(%d)[%d] = %+v: wrong year, no name, or not strictly in order", y, i, h)
			}
			if h.NameEN == "Substitute Holiday" && h.Date.Weekday() == time.Sunday {
				t.Errorf("substitute holiday on a Sunday: %s", h.Date)
			}
		}
	}
	if hs := holiday.Japan(2100); hs != nil {
		t.Errorf("Japan(2100) = %v, want nil", hs)
	}
}
