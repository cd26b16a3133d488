package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// pingData is what a progress ping reports, read in one transaction.
type pingData struct {
	eng     *Engagement
	pack    *assessment.Pack
	answers map[string]assessment.Answer
	self    []AnswerRecord // the self round's answer rows, oldest first
	parts   []Participant
	days    workdays  // the engagement's: per-day figures are in its time zone
	last    time.Time // the previous ping; zero: none yet
	now     time.Time
}

func (e *Engine) gatherPing(tx Tx, eng *Engagement, s Schedule, now time.Time) (*pingData, error) {
	pack, err := e.pack(eng)
	if err != nil {
		return nil, err
	}
	days, err := s.days(eng)
	if err != nil {
		return nil, err
	}
	d := &pingData{eng: eng, pack: pack, days: days, last: s.LastPing, now: now}
	if d.answers, err = tx.CurrentAnswers(eng.ID, RoundSelf); err != nil {
		return nil, err
	}
	hist, err := tx.History(eng.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range hist {
		if r.Round == RoundSelf {
			d.self = append(d.self, r)
		}
	}
	d.parts, err = tx.Participants(eng.ID)
	return d, err
}

// complete reports whether every item has a level or a flag: pings stop,
// the 100 % milestone has said it.
func (d *pingData) complete() bool { return countDone(d.answers) >= len(d.pack.Items) }

// text is the ping in lang; with both languages, the Japanese ping and then
// the English one, each whole.
func (d *pingData) text(lang assessment.Lang) string { return eachLang(lang, d.textIn) }

func (d *pingData) textIn(l assessment.Lang) string {
	var b strings.Builder
	b.WriteString(catalog.Say(l, "ping_head", d.eng.Name, dateTimeIn(l, d.now.In(d.days.loc))))
	b.WriteString("\n" + statusIn(d.pack, d.answers, l))
	b.WriteString("\n" + d.sinceLine(l))
	for _, p := range d.parts {
		if p.Has(RoleSPOC) {
			b.WriteString("\n" + d.idleLine(l, p.User))
		}
	}
	b.WriteString("\n" + d.paceLine(l))
	b.WriteString("\n" + d.blockedLines(l))
	b.WriteString("\n\n" + catalog.Say(l, "ping_footer"))
	return b.String()
}

// sinceLine counts the answer rows (levels, flags, changes) since the last ping.
func (d *pingData) sinceLine(l assessment.Lang) string {
	if d.last.IsZero() {
		return catalog.Say(l, "ping_since_start", len(d.self))
	}
	n := 0
	for _, r := range d.self {
		if r.At.After(d.last) {
			n++
		}
	}
	return catalog.Say(l, "ping_since", n)
}

// idleLine says how many days ago a SPOC last answered, in the
// engagement's calendar days.
func (d *pingData) idleLine(l assessment.Lang, u UserRef) string {
	var last time.Time
	for _, r := range d.self {
		if r.Author == u {
			last = r.At
		}
	}
	if last.IsZero() {
		return catalog.Say(l, "ping_idle_never", u.Mention())
	}
	day := d.days.today(last)
	switch n := daysBetween(day, d.days.today(d.now)); n {
	case 0:
		return catalog.Say(l, "ping_idle_today", u.Mention())
	case 1:
		return catalog.Say(l, "ping_idle_yesterday", u.Mention())
	default:
		return catalog.Say(l, "ping_idle_days", u.Mention(), n, dateIn(l, day))
	}
}

// paceLine is the pace so far and the finish date it forecasts.
func (d *pingData) paceLine(l assessment.Lang) string {
	done, total := countDone(d.answers), len(d.pack.Items)
	if len(d.self) == 0 || done == 0 {
		return catalog.Say(l, "ping_pace_none")
	}
	if done >= total {
		return catalog.Say(l, "ping_pace_done")
	}
	today := d.days.today(d.now)
	answeredToday := d.days.today(d.self[len(d.self)-1].At) == today
	p := d.days.forecast(d.days.today(d.self[0].At), today, answeredToday, done, total)
	return catalog.Say(l, "ping_pace", p.PerDay, dateIn(l, p.Finish))
}

// blockedLines lists the items marked not sure: the interview list.
func (d *pingData) blockedLines(l assessment.Lang) string {
	var unsure []string
	for _, it := range d.pack.Items {
		if d.answers[it.ID].Unsure {
			unsure = append(unsure, "\n  ! "+it.ID+" "+it.Question.In(l))
		}
	}
	if len(unsure) == 0 {
		return catalog.Say(l, "ping_blocked_none")
	}
	return catalog.Say(l, "ping_blocked", len(unsure)) + strings.Join(unsure, "")
}

// eachLang renders a message in one language, or for both languages the
// Japanese and then the English message, each whole: a multi-line message
// reads better that way than line by line.
func eachLang(lang assessment.Lang, render func(assessment.Lang) string) string {
	if lang != assessment.Both {
		return render(lang)
	}
	return render(assessment.JA) + "\n\n" + render(assessment.EN)
}

// daysBetween counts calendar days from a to b (negative when b is earlier).
func daysBetween(a, b holiday.Date) int {
	ta := time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

var weekdaysJA = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// dateIn writes a day the way each language writes it:
// 2026年12月3日（木） and Thu 3 Dec 2026.
func dateIn(l assessment.Lang, d holiday.Date) string {
	if l == assessment.EN {
		return fmt.Sprintf("%s %d %s %d", d.Weekday().String()[:3], d.Day, d.Month.String()[:3], d.Year)
	}
	return fmt.Sprintf("%d年%d月%d日（%s）", d.Year, int(d.Month), d.Day, weekdaysJA[d.Weekday()])
}

// dateTimeIn is dateIn with the time of day and the zone's abbreviation.
func dateTimeIn(l assessment.Lang, t time.Time) string {
	return dateIn(l, holiday.DateOf(t)) + " " + t.Format("15:04 MST")
}

// pingTarget is where one copy of a ping goes, and in which language.
type pingTarget struct {
	out  Outgoing
	lang assessment.Lang
}

// pingTargets are the leads, who receive pings by direct message. An
// engagement without a lead has its pings posted to its channel instead,
// so that they reach the team rather than no one.
func pingTargets(eng *Engagement, parts []Participant) []pingTarget {
	var ts []pingTarget
	for _, p := range parts {
		if p.Has(RoleLead) {
			ts = append(ts, pingTarget{Outgoing{Platform: eng.Platform, User: p.User, Reply: Reply{Engagement: eng.ID}}, readerLang(eng, p)})
		}
	}
	if len(ts) == 0 {
		ts = append(ts, pingTarget{Outgoing{Platform: eng.Platform, Conversation: eng.Channel,
			Reply: Reply{Engagement: eng.ID, Channel: true}}, eng.Langs})
	}
	return ts
}

// queue enqueues the ping for every target.
func (d *pingData) queue(tx Tx) error {
	for _, t := range pingTargets(d.eng, d.parts) {
		t.out.Reply.Text, t.out.NotBefore = d.text(t.lang), d.now
		if err := tx.Enqueue(t.out); err != nil {
			return err
		}
	}
	return nil
}

// readerLang is the language a participant reads messages the bot starts
// (no event, so no platform locale): their setting, else the engagement's.
func readerLang(eng *Engagement, p Participant) assessment.Lang {
	if p.Lang != "" {
		return p.Lang
	}
	return eng.Langs
}
