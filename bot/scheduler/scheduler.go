package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// Scheduler sends the progress pings and the SPOC reminders when they fall
// due by the engine's Clock. What matters lives in the store: each ping's
// due time, and the idle stretch each SPOC was reminded of. A ping or a
// reminder is claimed, queued in the outbox and marked done in one
// transaction, so a restart (a new Scheduler on the same database) neither
// loses nor repeats one. Run one Scheduler per database (serve holds the
// lease); two would serialise on the writer and still send each message once.
type Scheduler struct {
	e        *engine.Engine
	log      *slog.Logger
	interval time.Duration

	mu       sync.Mutex
	reminded map[string]time.Time // engagement/user → stretch known claimed: saves a write per tick
	planSent map[string]bool      // action reminders and plan pings known claimed
}

// New returns a scheduler over an engine's store and clock that
// looks for due work every interval (30 s when 0).
func New(e *engine.Engine, log *slog.Logger, interval time.Duration) *Scheduler {
	if interval <= 0 {
		interval = 30 * time.Second
	}
	return &Scheduler{e: e, log: log, interval: interval, reminded: map[string]time.Time{}, planSent: map[string]bool{}}
}

// Run ticks until ctx is done. A failing tick is logged and retried at the
// next one; Run returns nil when ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	return bot.Every(ctx, s.interval, s.log, "Scheduler tick", s.Tick)
}

// Tick does what is due at the clock's now: it gives engagements whose SPOC
// may be answering the default schedule if they have none, sends due pings,
// then due reminders. One engagement's failure does not stop the others;
// the errors are joined.
func (s *Scheduler) Tick(ctx context.Context) error {
	now := s.e.Clock().Now().UTC()
	var errs []error
	var due []bot.Schedule
	var active []string
	err := s.e.Store().View(ctx, func(tx bot.Tx) error {
		var err error
		if due, err = tx.DueSchedules(now); err != nil {
			return err
		}
		active, err = tx.EngagementsToTend(now)
		return err
	})
	if err != nil {
		return err
	}
	for _, sc := range due {
		errs = append(errs, s.ping(ctx, sc.EngagementID, now))
	}
	for _, id := range active {
		errs = append(errs, s.tend(ctx, id, now))
	}
	errs = append(errs, s.remindActions(ctx, now))
	return errors.Join(errs...)
}

// answeringStages are the stages in which a SPOC may still be answering:
// the self assessment, and the review that an assessor's first reassess
// may start before the SPOC is done. Pings and reminders run in both, and
// stop when every item is answered.
var answeringStages = []bot.Status{bot.StatusSelfAssessment, bot.StatusReview}

// ping claims an engagement's due ping and, in the same transaction, queues
// it and moves NextPing on. A ping that may not go out now (quiet hours, a
// day off: the bot was down, or the settings changed) is postponed; one
// with nothing to report (the self assessment not started or complete) is
// skipped; a closed or reported engagement stops pinging.
func (s *Scheduler) ping(ctx context.Context, id string, now time.Time) error {
	return s.e.Store().Update(ctx, func(tx bot.Tx) error {
		sc, err := tx.Schedule(id)
		if err != nil || sc.NextPing.IsZero() || sc.NextPing.After(now) {
			return err // claimed by another transaction, or changed
		}
		eng, err := tx.Engagement(id)
		if err != nil {
			return err
		}
		w, err := sc.Days(eng)
		if err != nil {
			return err
		}
		switch {
		case eng.Status == bot.StatusClosed || eng.Status == bot.StatusReported:
			sc.NextPing = time.Time{}
		case !w.Allowed(now, sc.Quiet):
			sc.NextPing = sc.CatchUp(now, w)
		default:
			if err := s.sendPing(tx, eng, &sc, now); err != nil {
				return err
			}
			sc.NextPing = sc.Next(now, w)
		}
		return tx.SaveSchedule(sc)
	})
}

func (s *Scheduler) sendPing(tx bot.Tx, eng *bot.Engagement, sc *bot.Schedule, now time.Time) error {
	if !slices.Contains(answeringStages, eng.Status) {
		return nil
	}
	d, err := s.gatherPing(tx, eng, *sc, now)
	if err != nil || d.complete() {
		return err
	}
	if err := d.queue(tx); err != nil {
		return err
	}
	sc.LastPing = now
	s.log.Info("Progress ping queued", slog.String("engagement_id", eng.ID))
	return nil
}

// tend looks after an engagement whose SPOC may be answering: it saves the
// default schedule if the lead set none, and reminds idle SPOCs. It reads
// first and writes only when there is something to do.
func (s *Scheduler) tend(ctx context.Context, id string, now time.Time) error {
	var unscheduled bool
	var due []idleSPOC
	err := s.e.Store().View(ctx, func(tx bot.Tx) error {
		sc, err := tx.Schedule(id)
		if unscheduled = bot.IsNotFound(err); unscheduled {
			sc, err = bot.DefaultSchedule(id), nil
		}
		if err != nil {
			return err
		}
		eng, err := tx.Engagement(id)
		if err != nil {
			return err
		}
		due, err = dueReminders(tx, eng, sc, now)
		return err
	})
	if err != nil || (!unscheduled && !s.anyNew(id, due)) {
		return err
	}
	var claimed []idleSPOC
	err = s.e.Store().Update(ctx, func(tx bot.Tx) error {
		var err error
		claimed, err = s.tendTx(tx, id, now)
		return err
	})
	if err == nil {
		s.remember(id, claimed)
	}
	return err
}

// tendTx is tend's write, which decides again on fresh data. It returns the
// stretches it claimed (whether this call or an earlier one reminded of them).
func (s *Scheduler) tendTx(tx bot.Tx, id string, now time.Time) ([]idleSPOC, error) {
	eng, err := tx.Engagement(id)
	if err != nil {
		return nil, err
	}
	if err := bot.EnsureSchedule(tx, eng, now); err != nil {
		return nil, err
	}
	sc, err := tx.Schedule(id)
	if err != nil {
		return nil, err
	}
	due, err := dueReminders(tx, eng, sc, now)
	if err != nil || len(due) == 0 {
		return nil, err
	}
	pack, err := s.e.PackIn(tx, eng)
	if err != nil {
		return nil, err
	}
	for _, d := range due {
		fresh, err := tx.ClaimReminder(id, d.p.User, d.since, now)
		if err != nil {
			return nil, err
		}
		if !fresh {
			continue
		}
		if err := remind(tx, eng, pack, d, now); err != nil {
			return nil, err
		}
		s.log.Info("SPOC reminder queued", slog.String("engagement_id", id), slog.String("user", d.p.User.ID))
	}
	return due, nil
}

// anyNew reports whether a due reminder is for a stretch this scheduler has
// not seen claimed. The cache only saves writes: after a restart it is
// empty, and ClaimReminder still refuses a stretch reminded of before.
func (s *Scheduler) anyNew(id string, due []idleSPOC) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range due {
		if !s.reminded[reminderKey(id, d.p.User)].Equal(d.since) {
			return true
		}
	}
	return false
}

// remember notes committed claims.
func (s *Scheduler) remember(id string, claimed []idleSPOC) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range claimed {
		s.reminded[reminderKey(id, d.p.User)] = d.since
	}
}

func reminderKey(id string, u bot.UserRef) string {
	return id + "/" + u.Platform + "/" + u.Workspace + "/" + u.ID
}
