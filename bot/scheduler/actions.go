package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/holiday"
	"github.com/otassess/otassess/bot/plan"
)

// remindActions reminds the owners of the plan's actions around their due
// dates (bot.Workdays.ActionReminder, in each owner's working days) and
// sends the leads the plan's progress once a week, for every engagement
// with an owned, dated action still open. Each reminder is claimed in the
// transaction that queues it, so it goes once across restarts; the claims
// this scheduler saw are cached so that a quiet tick only reads.
func (s *Scheduler) remindActions(ctx context.Context, now time.Time) error {
	var ids []string
	err := s.e.Store().View(ctx, func(tx bot.Tx) error {
		var err error
		ids, err = tx.EngagementsWithOpenActions()
		return err
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		errs = append(errs, s.remindActionsOf(ctx, id, now))
	}
	return errors.Join(errs...)
}

// planDue is a reminder or a plan ping that is due: the action it is about
// (the plan's first action for a ping) and its claim key.
type planDue struct {
	a     bot.Action
	key   string
	ping  bool
	today holiday.Date // in the time zone of whoever it goes to
}

func (s *Scheduler) remindActionsOf(ctx context.Context, id string, now time.Time) error {
	var due []planDue
	err := s.e.Store().View(ctx, func(tx bot.Tx) error {
		var err error
		due, err = s.duePlan(tx, id, now)
		return err
	})
	if err != nil || len(due) == 0 {
		return err
	}
	return s.e.Store().Update(ctx, func(tx bot.Tx) error {
		eng, err := tx.Engagement(id)
		if err != nil {
			return err
		}
		for _, d := range due {
			if err := s.sendPlanDue(tx, eng, d, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// duePlan lists what is due for an engagement's plan and not yet seen sent.
func (s *Scheduler) duePlan(tx bot.Tx, id string, now time.Time) ([]planDue, error) {
	eng, err := tx.Engagement(id)
	if err != nil || eng.Status == bot.StatusClosed {
		return nil, err
	}
	sc, err := tx.Schedule(id)
	if bot.IsNotFound(err) {
		sc, err = bot.DefaultSchedule(id), nil
	}
	if err != nil {
		return nil, err
	}
	actions, err := tx.Actions(id)
	if err != nil || len(actions) == 0 {
		return nil, err
	}
	var due []planDue
	for _, a := range actions {
		w, err := sc.DaysOf(eng, a.Owner)
		if err != nil {
			return nil, err
		}
		if key, ok := w.ActionReminder(a, now); ok && !s.sentPlan(a.ID, key) {
			due = append(due, planDue{a: a, key: key, today: w.Today(now)})
		}
	}
	w, err := sc.Days(eng)
	if err != nil {
		return nil, err
	}
	if key, ok := w.PlanPingKey(now); ok && !s.sentPlan(actions[0].ID, key) {
		due = append(due, planDue{a: actions[0], key: key, ping: true, today: w.Today(now)})
	}
	return due, nil
}

// sendPlanDue claims one reminder or ping and queues it if it is new.
func (s *Scheduler) sendPlanDue(tx bot.Tx, eng *bot.Engagement, d planDue, now time.Time) error {
	fresh, err := tx.ClaimActionReminder(d.a, d.key, now)
	if err != nil {
		return err
	}
	s.notePlan(d.a.ID, d.key)
	if !fresh {
		return nil
	}
	parts, err := tx.Participants(eng.ID)
	if err != nil {
		return err
	}
	if d.ping {
		return s.planPing(tx, eng, parts, d.today, now)
	}
	lang := eng.Langs
	for _, p := range parts {
		if p.User == d.a.Owner {
			lang = bot.ReaderLang(eng, p)
		}
	}
	today := d.today
	key := "action_remind_before"
	if d.a.Overdue(today) {
		key = "action_remind_after"
	}
	text := catalog.EachLang(lang, func(l assessment.Lang) string {
		return catalog.Say(l, key, d.a.Number, eng.Name, d.a.Due, plan.ActionLine(d.a, today, l))
	})
	s.log.Info("Action reminder queued", slog.String("engagement_id", eng.ID), slog.Int("action", d.a.Number))
	return tx.Enqueue(bot.Outgoing{Platform: eng.Platform, User: d.a.Owner, Reply: bot.Reply{Text: text, Engagement: eng.ID}, NotBefore: now})
}

// planPing sends the leads (or the channel) the plan's progress and its
// overdue actions.
func (s *Scheduler) planPing(tx bot.Tx, eng *bot.Engagement, parts []bot.Participant, today holiday.Date, now time.Time) error {
	actions, err := tx.Actions(eng.ID)
	if err != nil {
		return err
	}
	for _, t := range bot.PingTargets(eng, parts) {
		t.Out.Reply.Text = catalog.EachLang(t.Lang, func(l assessment.Lang) string {
			text := catalog.Say(l, "plan_ping_head", eng.Name) + "\n" + plan.PlanProgress(actions, today, l)
			for _, a := range actions {
				if a.Overdue(today) {
					text += "\n" + plan.ActionLine(a, today, l)
				}
			}
			return text
		})
		t.Out.NotBefore = now
		if err := tx.Enqueue(t.Out); err != nil {
			return err
		}
	}
	s.log.Info("Plan ping queued", slog.String("engagement_id", eng.ID))
	return nil
}

func (s *Scheduler) sentPlan(actionID int64, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.planSent[planKey(actionID, key)]
}

func (s *Scheduler) notePlan(actionID int64, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.planSent[planKey(actionID, key)] = true
}

func planKey(actionID int64, key string) string { return fmt.Sprintf("%d/%s", actionID, key) }
