package engine_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/bot/scheduler"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// Two serve replicas on one PostgreSQL database, each with its engine,
// dispatcher and scheduler, both ticking at once at every moment (as during
// a handover of the scheduler role, when the old holder has not yet noticed
// it lost the lock): the lead gets each day's ping once, whichever replica
// sends it, over three days.
func TestScheduler_TwoReplicasTickingAtOnceSendEachPingOnce(t *testing.T) {
	u := storagetest.PostgresURL(t)
	first := newPingRigOn(t, u, jst(11, 30, 10, 0)) // a Monday
	q := first.setup("")
	first.answerN(q, 3)
	second := newPingRigOn(t, u, jst(11, 30, 10, 0))
	rigs := []*pingRig{first, second}

	for _, day := range []int{1, 2, 3} { // Tuesday to Thursday, 09:00 JST
		var out []bot.Outgoing
		for _, minute := range []int{0, 0, 1, 5} {
			out = append(out, tickAtOnce(t, rigs, jst(12, day, 9, minute))...)
		}
		wantPings(t, jst(12, day, 9, 0).Format("Mon 2 Jan"), out, 1)
	}
}

// newPingRigOn is a pingRig over the database at url (a PostgreSQL URL),
// its own storage.DB: another replica of the same database.
func newPingRigOn(t *testing.T, url string, start time.Time) *pingRig {
	t.Helper()
	r := newPingRigAt(t, start)
	db, err := storage.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r.db = db
	r.engine = engine.New(db, r.packs, r.clock, log, bot.Config{})
	r.disp = &outbox.Dispatcher{Store: db, Sender: r.rec, Platform: platform, Clock: r.clock, Log: log, Renderer: r.engine}
	r.sched = scheduler.New(r.engine, log, time.Minute)
	return r
}

// tickAtOnce runs every rig's scheduler at t at the same moment, then
// delivers the shared outbox through every rig, and returns what was sent.
func tickAtOnce(t *testing.T, rigs []*pingRig, at time.Time) []bot.Outgoing {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(rigs))
	for _, r := range rigs {
		r.at(at)
		wg.Go(func() { errs <- r.sched.Tick(context.Background()) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Tick at %s: %v", at, err)
		}
	}
	var out []bot.Outgoing
	for _, r := range rigs {
		bottest.Deliver(t, r.disp, r.clock)
		out = append(out, r.rec.take()...)
	}
	return out
}
