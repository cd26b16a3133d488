package scheduler

import (
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
)

// pingData is what a progress ping reports, read in one transaction.
type pingData struct {
	eng     *bot.Engagement
	pack    *assessment.Pack
	answers map[string]assessment.Answer
	self    []bot.AnswerRecord // the self round's answer rows, oldest first
	parts   []bot.Participant
	days    bot.Workdays // the engagement's: per-day figures are in its time zone
	last    time.Time    // the previous ping; zero: none yet
	now     time.Time
}

func (s *Scheduler) gatherPing(tx bot.Tx, eng *bot.Engagement, sc bot.Schedule, now time.Time) (*pingData, error) {
	pack, err := s.e.PackIn(tx, eng)
	if err != nil {
		return nil, err
	}
	days, err := sc.Days(eng)
	if err != nil {
		return nil, err
	}
	d := &pingData{eng: eng, pack: pack, days: days, last: sc.LastPing, now: now}
	if d.answers, err = tx.CurrentAnswers(eng.ID, bot.RoundSelf); err != nil {
		return nil, err
	}
	hist, err := tx.History(eng.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range hist {
		if r.Round == bot.RoundSelf {
			d.self = append(d.self, r)
		}
	}
	d.parts, err = tx.Participants(eng.ID)
	return d, err
}

// complete reports whether every item has a level or a flag: pings stop,
// the 100 % milestone has said it.
func (d *pingData) complete() bool { return bot.CountDone(d.answers) >= len(d.pack.Items) }

// text is the ping in lang; with both languages, the Japanese ping and then
// the English one, each whole.
func (d *pingData) text(lang assessment.Lang) string { return catalog.EachLang(lang, d.textIn) }

func (d *pingData) textIn(l assessment.Lang) string {
	var b strings.Builder
	b.WriteString(catalog.Say(l, "ping_head", d.eng.Name, catalog.DateTime(l, d.now.In(d.days.Loc))))
	b.WriteString("\n" + bot.StatusIn(d.pack, d.answers, l))
	b.WriteString("\n" + d.sinceLine(l))
	for _, p := range d.parts {
		if p.Answers() {
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
func (d *pingData) idleLine(l assessment.Lang, u bot.UserRef) string {
	var last time.Time
	for _, r := range d.self {
		if r.Author == u {
			last = r.At
		}
	}
	if last.IsZero() {
		return catalog.Say(l, "ping_idle_never", u.Mention())
	}
	day := d.days.Today(last)
	switch n := daysBetween(day, d.days.Today(d.now)); n {
	case 0:
		return catalog.Say(l, "ping_idle_today", u.Mention())
	case 1:
		return catalog.Say(l, "ping_idle_yesterday", u.Mention())
	default:
		return catalog.Say(l, "ping_idle_days", u.Mention(), n, catalog.Date(l, day.Time()))
	}
}

// paceLine is the pace so far and the finish date it forecasts.
func (d *pingData) paceLine(l assessment.Lang) string {
	done, total := bot.CountDone(d.answers), len(d.pack.Items)
	if len(d.self) == 0 || done == 0 {
		return catalog.Say(l, "ping_pace_none")
	}
	if done >= total {
		return catalog.Say(l, "ping_pace_done")
	}
	today := d.days.Today(d.now)
	answeredToday := d.days.Today(d.self[len(d.self)-1].At) == today
	p := d.days.Forecast(d.days.Today(d.self[0].At), today, answeredToday, done, total)
	return catalog.Say(l, "ping_pace", p.PerDay, catalog.Date(l, p.Finish.Time()))
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

// daysBetween counts calendar days from a to b (negative when b is earlier).
func daysBetween(a, b holiday.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// queue enqueues the ping for every target.
func (d *pingData) queue(tx bot.Tx) error {
	for _, t := range bot.PingTargets(d.eng, d.parts) {
		t.Out.Reply.Text, t.Out.NotBefore = d.text(t.Lang), d.now
		if err := tx.Enqueue(t.Out); err != nil {
			return err
		}
	}
	return nil
}
