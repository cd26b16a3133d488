package scheduler

import (
	"slices"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// idleSPOC is a SPOC due a reminder: since is when their idle stretch
// began (their last activity), which identifies the stretch.
type idleSPOC struct {
	p     bot.Participant
	pos   bot.Position
	since time.Time
}

// dueReminders lists the SPOCs and delegates of an engagement who have an
// open question (an item they hold: others' items are never shown to them)
// and have been idle for RemindDays working days of their own calendar, at
// a time of their day when a reminder is polite. Whether each stretch was
// already reminded of is for ClaimReminder to say.
func dueReminders(tx bot.Tx, eng *bot.Engagement, s bot.Schedule, now time.Time) ([]idleSPOC, error) {
	if s.RemindDays <= 0 || !slices.Contains(answeringStages, eng.Status) {
		return nil, nil
	}
	parts, err := tx.Participants(eng.ID)
	if err != nil {
		return nil, err
	}
	var due []idleSPOC
	var acts *activity
	for _, p := range parts {
		if !p.Answers() {
			continue
		}
		pos, err := tx.Position(eng.ID, p.User)
		if bot.IsNotFound(err) || (err == nil && pos.Item == "") {
			continue // never sent a question, or finished
		}
		if err != nil {
			return nil, err
		}
		if acts == nil {
			if acts, err = loadActivity(tx, eng.ID); err != nil {
				return nil, err
			}
		}
		since := acts.last(p.User, pos.UpdatedAt)
		w, err := s.DaysOf(eng, p.User)
		if err != nil {
			return nil, err
		}
		if !now.Before(w.ReminderDue(since, s.RemindDays)) && w.MayRemind(now) {
			due = append(due, idleSPOC{p, pos, since})
		}
	}
	return due, nil
}

// activity is when each person last answered or commented.
type activity struct{ at map[bot.UserRef]time.Time }

func loadActivity(tx bot.Tx, engagementID string) (*activity, error) {
	a := &activity{at: map[bot.UserRef]time.Time{}}
	hist, err := tx.History(engagementID)
	if err != nil {
		return nil, err
	}
	for _, r := range hist {
		a.see(r.Author, r.At)
	}
	comments, err := tx.Comments(engagementID)
	if err != nil {
		return nil, err
	}
	for _, c := range comments {
		a.see(c.Author, c.At)
	}
	return a, nil
}

func (a *activity) see(u bot.UserRef, t time.Time) {
	if t.After(a.at[u]) {
		a.at[u] = t
	}
}

// last is a person's last activity: an answer, a comment, or (shown) the
// last question the bot sent them, which moves when they skip or go back
// and when the lead runs start again.
func (a *activity) last(u bot.UserRef, shown time.Time) time.Time {
	if t := a.at[u]; t.After(shown) {
		return t
	}
	return shown
}

// remind queues a polite reminder to an idle SPOC or delegate, in their
// language, in the conversation their questions go to, with their progress
// over the items they hold.
func remind(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack, s idleSPOC, now time.Time) error {
	answers, err := tx.CurrentAnswers(eng.ID, bot.RoundSelf)
	if err != nil {
		return err
	}
	holders, err := tx.Holders(eng.ID)
	if err != nil {
		return err
	}
	held, done := 0, 0
	for _, it := range pack.Items {
		if bot.Holds(s.p, it.ID, holders) {
			held++
			if answers[it.ID].Value != "" {
				done++
			}
		}
	}
	lang := bot.ReaderLang(eng, s.p)
	text := catalog.Say(lang, "remind_spoc", eng.Name, done, held)
	return tx.Enqueue(bot.Outgoing{Platform: eng.Platform, Conversation: s.pos.Conversation, User: s.p.User,
		Reply: bot.Reply{Text: text, Engagement: eng.ID}, NotBefore: now})
}
