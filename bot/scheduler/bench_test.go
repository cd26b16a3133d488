package scheduler_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/scheduler"
	"github.com/otassess/otassess/storage/storagetest"
)

// BenchmarkSchedulerTick measures one tick of the scheduler over a
// database of 1,000 and 10,000 seeded engagements (storagetest.Seed) on
// which nothing is due: the steady state of a server, every 30 seconds.
// B/op is what a tick allocates.
func BenchmarkSchedulerTick(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("engagements=%d", n), func(b *testing.B) {
			now := time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC) // a Wednesday, 11:00 in Tokyo
			db := storagetest.Seed(b, n, now)
			reg, err := assessment.NewRegistry()
			if err != nil {
				b.Fatal(err)
			}
			log := slog.New(slog.DiscardHandler)
			e := engine.New(db, reg, bottest.NewClock(now), log, bot.Config{})
			s := scheduler.New(e, log, 0)
			ctx := context.Background()
			if err := s.Tick(ctx); err != nil { // warm: the pack parsed, nothing else due
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}
			depth, err := db.OutboxDepth(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if depth["slack"] != 0 {
				b.Fatalf("a tick with nothing due queued %d messages", depth["slack"])
			}
		})
	}
}
