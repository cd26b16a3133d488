package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// benchDB opens the press benchmarks' database, seeded with n engagements:
// SQLite, or PostgreSQL when OTASSESS_BENCH_ENGINE=postgres (a schema of
// its own on the server of OTASSESS_TEST_POSTGRES).
func benchDB(b *testing.B, n int) *storage.DB {
	b.Helper()
	open := storagetest.Open
	if os.Getenv("OTASSESS_BENCH_ENGINE") == "postgres" {
		open = storagetest.OpenPostgres
	}
	db := open(b)
	storagetest.SeedInto(b, db, 0, n, time.Now().UTC())
	return db
}

// pressRun is one client's share of a press benchmark: its engagements,
// each with a SPOC of its own, answered item by item.
type pressRun struct {
	h     *harness
	items []string
	ids   []string // engagement ids
	spocs []string
	n     int // presses made
}

// BenchmarkPressThroughputReplicas measures presses per second on one
// PostgreSQL database (1,000 engagements seeded, as in
// BenchmarkPressThroughput) with two clients pressing at once, through one
// serve replica or through two (each client its own). Every replica is a
// full Slack adapter and engine over its own storage.DB; the engagements
// are created and accepted before the clock starts. Needs
// OTASSESS_TEST_POSTGRES; run with a fixed count, e.g. -benchtime=1280x.
func BenchmarkPressThroughputReplicas(b *testing.B) {
	for _, replicas := range []int{1, 2} {
		b.Run(fmt.Sprintf("replicas=%d", replicas), func(b *testing.B) { benchReplicas(b, replicas) })
	}
}

func benchReplicas(b *testing.B, replicas int) {
	u := storagetest.PostgresURL(b)
	var hs []*harness
	for range replicas {
		db, err := storage.Open(context.Background(), u)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		hs = append(hs, newHarnessOn(b, db, bot.Config{}))
	}
	storagetest.SeedInto(b, hs[0].db, 0, 1000, time.Now().UTC())
	items := assessmenttest.ItemIDs(assessmenttest.DefaultPack(b))
	const clients = 2
	runs := make([]*pressRun, clients)
	share := (b.N + clients - 1) / clients
	for c := range runs {
		runs[c] = &pressRun{h: hs[c%replicas], items: items}
		for e := 0; e*len(items) < share; e++ {
			runs[c].fresh(hs[0], fmt.Sprintf("R%d-%d", c, e))
		}
	}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Go(func() { r.pressAll(b, share) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	total := 0
	for _, r := range runs {
		r.h.adapter.Wait()
		total += r.n
		r.check(b)
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "presses/s")
}

// fresh creates, starts and accepts an engagement through setup (all
// setup goes through one replica, whose dispatcher delivers the consent
// request to its fake Slack).
func (r *pressRun) fresh(setup *harness, name string) {
	ch, spoc := "C"+name, "USPOC"+name
	setup.command(leadID, ch, fmt.Sprintf("new Plant-%s spoc:<@%s|spoc> lead:<@ULEAD|lead>", name, spoc))
	setup.command(leadID, ch, "start")
	setup.deliver()
	setup.accept(spoc, "D"+spoc)
	r.ids = append(r.ids, setup.engagementIn(ch))
	r.spocs = append(r.spocs, spoc)
}

// pressAll presses level 2 on n questions in order, engagement after
// engagement, through r's replica.
func (r *pressRun) pressAll(b *testing.B, n int) {
	for ; r.n < n; r.n++ {
		e, k := r.n/len(r.items), r.n%len(r.items)
		q := &bot.Question{Engagement: r.ids[e], Item: r.items[k], Serial: k + 1}
		body := r.h.rawPressBody(r.spocs[e], "D"+r.spocs[e], fmt.Sprintf("1700000500.%06d", r.n), "level_2", "levels",
			bot.EncodePress(q, "2"))
		if w := r.h.serve(request("/slack/interactions", body)); w.Code != http.StatusOK {
			b.Errorf("press %d: status %d", r.n, w.Code)
			return
		}
	}
}

// check fails the benchmark unless every press was stored.
func (r *pressRun) check(b *testing.B) {
	stored := 0
	for _, id := range r.ids {
		stored += len(r.h.answers(id))
	}
	if stored != r.n {
		b.Errorf("%d answers stored, want %d: presses were lost", stored, r.n)
	}
}
