package pings

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// maxRemindDays bounds ping remind: a reminder after more than four idle
// working weeks is no reminder.
const maxRemindDays = 20

// badInput is a ping argument that cannot be used: the message that says
// why, and its arguments.
type badInput struct {
	key  string
	args []any
}

func bad(key string, args ...any) *badInput { return &badInput{key, args} }

// cmdPing shows or changes the engagement's progress updates to its lead
// and reminders to its SPOCs (lead or assessor, in the engagement channel):
// ping · ping daily 09:00 · ping weekly mon 09:00 · ping off ·
// ping quiet 22:00-07:00|off · ping holidays jp|none ·
// ping holiday add|except|remove 2026-12-29 … · ping remind 3 ·
// ping tz Asia/Bangkok · ping tz @user Asia/Bangkok|default.
// Bad input gets a reply that names the problem and changes nothing.
func (t *turn) cmdPing(in bot.Command) error {
	if t.Event().DM && t.Event().Engagement == "" { // the console's DM is its engagement's channel too
		t.Private("ping_channel_only")
		return nil
	}
	sc, err := bot.ScheduleOf(t.Tx(), t.Eng().ID)
	if err != nil {
		return err
	}
	if len(in.Args) == 0 {
		return t.showSchedule(sc, "")
	}
	zone := t.Eng().Timezone
	if b := t.changeSchedule(&sc, &zone, in.Args); b != nil {
		return t.Reply(b.key, b.args...)
	}
	if zone != t.Eng().Timezone {
		if err := t.Tx().SetTimezone(t.Eng().ID, zone); err != nil {
			return err
		}
		t.Eng().Timezone = zone
	}
	w, err := sc.Days(t.Eng())
	if err != nil {
		return err
	}
	sc.NextPing = sc.Replan(t.Now(), w)
	if err := t.Tx().SaveSchedule(sc); err != nil {
		return err
	}
	return t.showSchedule(sc, catalog.Say(t.Lang(), "ping_saved"))
}

// changeSchedule applies one ping subcommand to sc (and the engagement's
// time zone to zone); nothing is stored here.
func (t *turn) changeSchedule(sc *bot.Schedule, zone *string, args []string) *badInput {
	sub, rest := strings.ToLower(args[0]), args[1:]
	switch sub {
	case "off":
		if len(rest) > 0 {
			return bad("ping_usage")
		}
		sc.Every = bot.PingOff
		return nil
	case "daily", "weekly":
		return setEvery(sc, bot.PingEvery(sub), rest)
	case "quiet":
		return setQuiet(sc, rest)
	case "holidays":
		return setHolidayBase(sc, rest)
	case "holiday":
		return editHolidays(&sc.Holidays, rest)
	case "remind":
		return setRemind(sc, rest)
	case "tz":
		return t.setZone(sc, zone, rest)
	}
	return bad("ping_usage")
}

// setEvery reads daily [time] or weekly [day] [time]; what is left out
// keeps its setting.
func setEvery(sc *bot.Schedule, every bot.PingEvery, args []string) *badInput {
	if len(args) > 2 || (every == bot.PingDaily && len(args) > 1) {
		return bad("ping_usage")
	}
	at, day := sc.At, sc.Weekday
	for i, a := range args {
		if wd, ok := parseWeekday(a); ok && every == bot.PingWeekly && i == 0 {
			day = wd
			continue
		}
		dt, err := bot.ParseDayTime(a)
		if err != nil {
			if every == bot.PingWeekly && i == 0 && !strings.ContainsAny(a, "0123456789") {
				return bad("ping_bad_weekday", a)
			}
			return bad("ping_bad_time", a)
		}
		at = dt
	}
	sc.Every, sc.At, sc.Weekday = every, at, day
	return nil
}

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseWeekday reads mon, monday, 月, 月曜 or 月曜日 (any case).
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(s)
	if wd, ok := weekdayNames[s]; ok {
		return wd, true
	}
	if len(s) > 3 {
		if wd, ok := weekdayNames[s[:3]]; ok && strings.HasPrefix(wd.String(), strings.ToUpper(s[:1])+s[1:]) {
			return wd, true
		}
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "曜")
	if s == "" {
		s = "日" // 日, 日曜, 日曜日 all mean Sunday
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if s == catalog.WeekdayJA(wd) {
			return wd, true
		}
	}
	return 0, false
}

// setQuiet reads quiet 22:00-07:00 or quiet off.
func setQuiet(sc *bot.Schedule, args []string) *badInput {
	if len(args) != 1 {
		return bad("ping_usage")
	}
	if a := strings.ToLower(args[0]); a == "off" || a == "none" {
		sc.Quiet = bot.Quiet{}
		return nil
	}
	from, to, ok := cutAny(args[0], "-", "~", "〜", "–")
	if !ok {
		return bad("ping_bad_quiet", args[0])
	}
	f, err1 := bot.ParseDayTime(from)
	tt, err2 := bot.ParseDayTime(to)
	if err1 != nil || err2 != nil || f == tt {
		return bad("ping_bad_quiet", args[0])
	}
	sc.Quiet = bot.Quiet{From: f, To: tt}
	return nil
}

func cutAny(s string, seps ...string) (string, string, bool) {
	for _, sep := range seps {
		if a, b, ok := strings.Cut(s, sep); ok {
			return a, b, true
		}
	}
	return "", "", false
}

// setHolidayBase reads holidays jp or holidays none.
func setHolidayBase(sc *bot.Schedule, args []string) *badInput {
	if len(args) != 1 {
		return bad("ping_usage")
	}
	switch base := strings.ToLower(args[0]); base {
	case bot.HolidaysJP, bot.HolidaysNone:
		sc.Holidays.Base = base
		return nil
	}
	return bad("ping_bad_holidays", args[0])
}

// editHolidays reads holiday add|except|remove DATE…: add makes the days
// off, except makes them working days despite the base list, remove undoes
// either. Every date is checked before any is applied.
func editHolidays(h *bot.Holidays, args []string) *badInput {
	if len(args) < 2 {
		return bad("ping_usage")
	}
	op := strings.ToLower(args[0])
	if op != "add" && op != "except" && op != "remove" {
		return bad("ping_usage")
	}
	var dates []string
	for _, a := range args[1:] {
		d, err := holiday.ParseDate(a)
		if err != nil {
			return bad("ping_bad_date", a)
		}
		dates = append(dates, d.String())
	}
	next := bot.Holidays{Base: h.Base, Add: slices.Clone(h.Add), Except: slices.Clone(h.Except)}
	for _, d := range dates {
		listed := slices.Contains(next.Add, d) || slices.Contains(next.Except, d)
		next.Add, next.Except = without(next.Add, d), without(next.Except, d)
		switch {
		case op == "add":
			next.Add = append(next.Add, d)
		case op == "except":
			next.Except = append(next.Except, d)
		case !listed:
			return bad("ping_holiday_not_listed", d)
		}
	}
	slices.Sort(next.Add)
	slices.Sort(next.Except)
	*h = next
	return nil
}

func without(xs []string, x string) []string {
	return slices.DeleteFunc(xs, func(y string) bool { return y == x })
}

// setRemind reads remind N: the idle working days before a SPOC is
// reminded, 0 for never.
func setRemind(sc *bot.Schedule, args []string) *badInput {
	if len(args) != 1 {
		return bad("ping_usage")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 || n > maxRemindDays {
		return bad("ping_bad_remind", args[0], maxRemindDays)
	}
	sc.RemindDays = n
	return nil
}

// setZone reads tz ZONE (the engagement's, for the lead's pings) or
// tz @user ZONE|default (a participant's own, for their reminders).
func (t *turn) setZone(sc *bot.Schedule, zone *string, args []string) *badInput {
	switch len(args) {
	case 1:
		if !knownZone(args[0]) {
			return bad("ping_bad_tz", args[0])
		}
		*zone = args[0]
		return nil
	case 2:
		u, ok := t.Event().Mentioned(args[0])
		if !ok || !strings.ContainsAny(args[0], "@<") {
			return bad("ping_usage")
		}
		if !t.IsParticipant(u) {
			return bad("ping_not_participant", u.Mention())
		}
		pc := sc.Person(u)
		pc.Zone = args[1]
		if strings.EqualFold(pc.Zone, "default") {
			pc.Zone = ""
		} else if !knownZone(pc.Zone) {
			return bad("ping_bad_tz", args[1])
		}
		sc.SetPerson(pc)
		return nil
	}
	return bad("ping_usage")
}

// knownZone reports an IANA time zone name; "" and Local, the server's
// own zone, are not one.
func knownZone(name string) bool {
	_, err := time.LoadLocation(name)
	return err == nil && name != "" && !strings.EqualFold(name, "local")
}

// showSchedule replies with the settings, after a first line if given.
func (t *turn) showSchedule(sc bot.Schedule, first string) error {
	parts, err := t.Tx().Participants(t.Eng().ID)
	if err != nil {
		return err
	}
	text := catalog.EachLang(t.Lang(), func(l assessment.Lang) string { return t.scheduleText(sc, parts, l) })
	if first != "" {
		text = first + "\n" + text
	}
	return t.Send(bot.Reply{Text: text})
}

// scheduleText is the settings in one language.
func (t *turn) scheduleText(sc bot.Schedule, parts []bot.Participant, l assessment.Lang) string {
	lines := []string{catalog.Say(l, "ping_show_head", t.Eng().Name), t.everyLine(sc, l)}
	if sc.Every != bot.PingOff && sc.Every != "" {
		if w, err := sc.Days(t.Eng()); err == nil {
			next := sc.NextPing
			if next.IsZero() {
				next = sc.Replan(t.Now(), w)
			}
			lines = append(lines, catalog.Say(l, "ping_show_next", catalog.DateTime(l, next.In(w.Loc))))
		}
		if t.Eng().Status != bot.StatusSelfAssessment {
			lines = append(lines, catalog.Say(l, "ping_show_inactive"))
		}
		lines = append(lines, recipientLine(t.Eng(), parts, l))
	}
	lines = append(lines, quietLine(sc.Quiet, l))
	lines = append(lines, holidayLines(sc.Holidays, l)...)
	if sc.RemindDays > 0 {
		lines = append(lines, catalog.Say(l, "ping_show_remind", sc.RemindDays))
	} else {
		lines = append(lines, catalog.Say(l, "ping_show_remind_off"))
	}
	for _, pc := range sc.People {
		if pc.Zone != "" {
			lines = append(lines, catalog.Say(l, "ping_show_zone_of", pc.User.Mention(), pc.Zone))
		}
	}
	return strings.Join(lines, "\n")
}

func (t *turn) everyLine(sc bot.Schedule, l assessment.Lang) string {
	zone := t.Eng().Timezone
	if zone == "" {
		zone = "Asia/Tokyo"
	}
	switch sc.Every {
	case bot.PingDaily:
		return catalog.Say(l, "ping_show_daily", sc.At.String(), zone)
	case bot.PingWeekly:
		day := sc.Weekday.String()
		if l == assessment.JA {
			day = catalog.WeekdayJA(sc.Weekday)
		}
		return catalog.Say(l, "ping_show_weekly", day, sc.At.String(), zone)
	}
	return catalog.Say(l, "ping_show_off")
}

func recipientLine(eng *bot.Engagement, parts []bot.Participant, l assessment.Lang) string {
	var leads []string
	for _, tg := range bot.PingTargets(eng, parts) {
		if tg.Out.Conversation == "" {
			leads = append(leads, tg.Out.User.Mention())
		}
	}
	if len(leads) == 0 {
		return catalog.Say(l, "ping_show_to_channel")
	}
	return catalog.Say(l, "ping_show_to", strings.Join(leads, ", "))
}

func quietLine(q bot.Quiet, l assessment.Lang) string {
	if q.Off() {
		return catalog.Say(l, "ping_show_quiet_none")
	}
	return catalog.Say(l, "ping_show_quiet", q.From.String(), q.To.String())
}

func holidayLines(h bot.Holidays, l assessment.Lang) []string {
	lines := []string{catalog.Say(l, "ping_show_holidays_none")}
	if h.Base == bot.HolidaysJP {
		lines[0] = catalog.Say(l, "ping_show_holidays_jp")
	}
	if len(h.Add) > 0 {
		lines = append(lines, catalog.Say(l, "ping_show_added", strings.Join(h.Add, ", ")))
	}
	if len(h.Except) > 0 {
		lines = append(lines, catalog.Say(l, "ping_show_except", strings.Join(h.Except, ", ")))
	}
	return lines
}
