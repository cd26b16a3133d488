package worker

import (
	"context"
	"log/slog"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// jobGroup is claimed jobs of one engagement.
type jobGroup struct {
	eng  *bot.Engagement
	jobs []bot.Job
}

// claim takes up to a batch of due jobs of a kind, in one transaction:
// jobs that may not use the model are skipped; the others count an attempt
// and are leased, and a windowed kind takes the waiting jobs that go with
// them (gather). It returns the leased jobs grouped by engagement, oldest
// first.
func (w *Worker) claim(ctx context.Context, kind bot.JobKind) ([]jobGroup, error) {
	var groups []jobGroup
	err := w.e.Store().Update(ctx, func(tx bot.Tx) error {
		groups = nil
		now := w.e.Clock().Now().UTC()
		due, err := tx.DueJobs(kind, now, w.kinds[kind].batch)
		if err != nil {
			return err
		}
		at := map[string]int{}
		for _, j := range due {
			i, seen := at[j.EngagementID]
			if !seen {
				eng, reason, err := w.usable(tx, j.EngagementID)
				if err != nil {
					return err
				}
				if reason != "" {
					if _, err := tx.SkipJobs(j.EngagementID, reason, now); err != nil {
						return err
					}
					w.log.Info("Model jobs skipped", slog.String("engagement_id", j.EngagementID), slog.String("reason", reason))
					at[j.EngagementID] = -1
					continue
				}
				i = len(groups)
				at[j.EngagementID] = i
				groups = append(groups, jobGroup{eng: eng})
			}
			if i < 0 {
				continue
			}
			if err := lease(tx, &j, now); err != nil {
				return err
			}
			groups[i].jobs = append(groups[i].jobs, j)
		}
		if !w.kinds[kind].windowed {
			return nil
		}
		for i := range groups {
			if err := w.gather(tx, kind, &groups[i], now); err != nil {
				return err
			}
		}
		return nil
	})
	return groups, err
}

// lease counts a claimed job's attempt and holds it for jobLease: until
// then no claim takes it, and after (its worker died) one takes it again.
func lease(tx bot.Tx, j *bot.Job, now time.Time) error {
	j.Attempts++
	j.NotBefore = now.Add(jobLease)
	return tx.UpdateJob(*j)
}

// gather adds to a group of due jobs the engagement's jobs still in their
// batching window that share a language pair with one of them, up to a
// batch per pair, and leases them in the claim's transaction, so a job is
// run once whether it came due or was gathered.
func (w *Worker) gather(tx bot.Tx, kind bot.JobKind, g *jobGroup, now time.Time) error {
	type pair struct{ src, dst assessment.Lang }
	count := map[pair]int{}
	var pairs []pair
	for _, j := range g.jobs {
		p := pair{j.Source, j.Target}
		if count[p] == 0 {
			pairs = append(pairs, p)
		}
		count[p]++
	}
	for _, p := range pairs {
		room := w.kinds[kind].batch - count[p]
		if room <= 0 {
			continue
		}
		waiting, err := tx.WaitingJobs(g.eng.ID, kind, p.src, p.dst, now, room)
		if err != nil {
			return err
		}
		for _, j := range waiting {
			if err := lease(tx, &j, now); err != nil {
				return err
			}
			g.jobs = append(g.jobs, j)
		}
	}
	return nil
}

// usable loads an engagement and says why its jobs may not run ("" when
// they may): no model configured, or the model turned off for it.
func (w *Worker) usable(tx bot.Tx, id string) (*bot.Engagement, string, error) {
	eng, err := tx.Engagement(id)
	if err != nil {
		return nil, "", err
	}
	state, err := w.e.ModelState(tx, id)
	return eng, state, err
}
