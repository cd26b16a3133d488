package storage_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// replicas opens n handles on one new PostgreSQL database, as n serve
// replicas would; it skips without OTASSESS_TEST_POSTGRES.
func replicas(t *testing.T, n int) []*storage.DB {
	t.Helper()
	u := storagetest.PostgresURL(t)
	dbs := make([]*storage.DB, n)
	for i := range dbs {
		db, err := storage.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs
}

// Two replicas delivering one outbox at once: each message is claimed by
// exactly one of them, and a claimed queue is held until it is sent.
func TestReplicas_EachMessageIsClaimedOnce(t *testing.T) {
	dbs := replicas(t, 2)
	var msgs []bot.Outgoing
	for i := range 20 {
		msgs = append(msgs, bot.Outgoing{Platform: "slack", Conversation: fmt.Sprintf("C%d", i%5),
			Reply: bot.Reply{Text: fmt.Sprint(i)}, NotBefore: t0})
	}
	enqueue(t, dbs[0], msgs...)
	ctx := context.Background()
	var mu sync.Mutex
	claims := map[int64]int{}
	var order []string // conversation:text, in the order each replica sent
	var wg sync.WaitGroup
	for _, db := range dbs {
		wg.Go(func() {
			for range 100 {
				out, err := db.Outbox(ctx, "slack", t0, 50)
				if err != nil {
					t.Error(err)
					return
				}
				if len(out) == 0 {
					return
				}
				for _, o := range out {
					mine, err := db.Claim(ctx, o.ID, t0)
					if err != nil || !mine {
						continue
					}
					mu.Lock()
					claims[o.ID]++
					order = append(order, o.Conversation+":"+o.Reply.Text)
					mu.Unlock()
					if err := db.MarkSent(ctx, o.ID); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(claims) != len(msgs) {
		t.Errorf("%d messages claimed, want %d", len(claims), len(msgs))
	}
	for id, n := range claims {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
	last := map[string]int{}
	for _, s := range order {
		var conv string
		var n int
		fmt.Sscanf(s, "%2s:%d", &conv, &n)
		if prev, ok := last[conv]; ok && n < prev {
			t.Errorf("conversation %s: message %d sent after %d", conv, n, prev)
		}
		last[conv] = n
	}
}

// A claimed message holds its queue: the other replica sees nothing due
// there until the lease runs out.
func TestReplicas_AClaimHoldsTheQueueUntilItsLeaseEnds(t *testing.T) {
	dbs := replicas(t, 2)
	enqueue(t, dbs[0],
		bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "a"}, NotBefore: t0},
		bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "b"}, NotBefore: t0})
	ctx := context.Background()
	head := due(t, dbs[0], "slack", t0)[0]
	if mine, err := dbs[0].Claim(ctx, head.ID, t0); err != nil || !mine {
		t.Fatalf("first claim = %v, %v; want true", mine, err)
	}
	if mine, err := dbs[1].Claim(ctx, head.ID, t0); err != nil || mine {
		t.Fatalf("second claim = %v, %v; want false", mine, err)
	}
	if got := texts(due(t, dbs[1], "slack", t0.Add(59*time.Second))); len(got) != 0 {
		t.Errorf("due on the other replica during the lease = %v, want none", got)
	}
	if got := texts(due(t, dbs[1], "slack", t0.Add(61*time.Second))); !slices.Equal(got, []string{"a"}) {
		t.Errorf("due after the lease (its replica died) = %v, want [a]", got)
	}
}

// The same event delivered to both replicas at once is processed once.
func TestReplicas_AnEventIsProcessedOnce(t *testing.T) {
	dbs := replicas(t, 2)
	for round := range 10 {
		key := fmt.Sprintf("slack:event:Ev%d", round)
		var fresh atomic.Int32
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				err := dbs[i%2].Update(context.Background(), func(tx bot.Tx) error {
					isNew, err := tx.MarkProcessed(key, t0)
					if isNew {
						fresh.Add(1)
					}
					return err
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if n := fresh.Load(); n != 1 {
			t.Fatalf("event %s processed %d times, want once", key, n)
		}
	}
}

// Writers of both replicas take turns: read-then-write steps (the next
// action number) never collide.
func TestReplicas_WritersTakeTurns(t *testing.T) {
	dbs := replicas(t, 2)
	create(t, dbs[0], "e1")
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			err := dbs[i%2].Update(context.Background(), func(tx bot.Tx) error {
				_, err := tx.AddAction(newAction("e1"), lead)
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	actions := storagetest.Read(t, dbs[1], func(tx bot.Tx) ([]bot.Action, error) { return tx.Actions("e1") })
	if len(actions) != 16 {
		t.Errorf("%d actions, want 16", len(actions))
	}
}

// A single role is held by one replica; when its holder's session dies, the
// role moves to the other within seconds, and the old holder's work stops.
func TestReplicas_ARoleMovesWhenItsHolderDies(t *testing.T) {
	dbs := replicas(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	held := make(chan int, 4)
	stopped := make(chan int, 4)
	for i, db := range dbs {
		go db.RunRole(ctx, "scheduler", func(ctx context.Context) error {
			held <- i
			<-ctx.Done()
			stopped <- i
			return nil
		})
	}
	first := waitFor(t, held, 10*time.Second, "a holder")
	select {
	case other := <-held:
		t.Fatalf("replicas %d and %d both hold the role", first, other)
	case <-time.After(2 * storage.RoleRetry):
	}
	if got := dbs[first].Roles(); !slices.Equal(got, []string{"scheduler"}) {
		t.Errorf("holder's Roles = %v, want [scheduler]", got)
	}
	if got := dbs[1-first].Roles(); len(got) != 0 {
		t.Errorf("other's Roles = %v, want none", got)
	}
	// The holder's lock session dies (as when its process is killed).
	killRoleSessions(t, dbs[1-first])
	if got := waitFor(t, stopped, 10*time.Second, "the old holder to stop"); got != first {
		t.Errorf("replica %d stopped, want %d", got, first)
	}
	if got := waitFor(t, held, 10*time.Second, "the role to move"); got != 1-first {
		t.Errorf("role moved to %d, want %d", got, 1-first)
	}
}

func waitFor(t *testing.T, ch chan int, d time.Duration, what string) int {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		t.Fatalf("no %s within %s", what, d)
		return -1
	}
}

// killRoleSessions ends, from db, every session that holds a role lock,
// as the server does when their process dies.
func killRoleSessions(t *testing.T, db *storage.DB) {
	t.Helper()
	if n, err := storage.TerminateRoleHolders(context.Background(), db); err != nil || n != 1 {
		t.Fatalf("TerminateRoleHolders = %d, %v; want 1", n, err)
	}
}

// Workers of two replicas claiming model jobs at once (due jobs read and
// leased in one write transaction, as bot/worker does): each job is
// claimed by one of them.
func TestReplicas_EachModelJobIsClaimedOnce(t *testing.T) {
	dbs := replicas(t, 2)
	create(t, dbs[0], "e1")
	update(t, dbs[0], func(tx bot.Tx) error {
		for range 30 {
			if _, err := tx.QueueJob(bot.Job{EngagementID: "e1", Kind: bot.JobSummarize, CreatedAt: t0}); err != nil {
				return err
			}
		}
		return nil
	})
	var mu sync.Mutex
	claims := map[int64]int{}
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for range 10 {
				err := dbs[w%2].Update(context.Background(), func(tx bot.Tx) error {
					due, err := tx.DueJobs(bot.JobSummarize, t0, 3)
					for _, j := range due {
						j.Attempts, j.NotBefore = j.Attempts+1, t0.Add(10*time.Minute)
						if err := tx.UpdateJob(j); err != nil {
							return err
						}
						mu.Lock()
						claims[j.ID]++
						mu.Unlock()
					}
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if len(claims) != 30 {
		t.Errorf("%d jobs claimed, want 30", len(claims))
	}
	for id, n := range claims {
		if n != 1 {
			t.Errorf("job %d claimed %d times", id, n)
		}
	}
}

// A PostgreSQL database is named without its password, even when it
// cannot be reached.
func TestOpen_PostgresErrorsNeverShowThePassword(t *testing.T) {
	_, err := storage.Open(context.Background(), "postgres://otassess:s3cret-pw@127.0.0.1:1/otassess?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "s3cret-pw") || !strings.Contains(err.Error(), "postgres://otassess@127.0.0.1:1/otassess") {
		t.Errorf("Open of an unreachable server = %v, want an error naming it without the password", err)
	}
	if got := storage.Redact("postgres://u:pw@h:5432/db"); strings.Contains(got, "pw") {
		t.Errorf("Redact = %q", got)
	}
}

// A View sees one snapshot on every engine: what commits while it reads
// is not half seen.
func TestView_SeesOneSnapshot(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		view(t, db, func(tx bot.Tx) error {
			before, err := tx.Engagements()
			if err != nil {
				return err
			}
			create(t, db, "e2") // commits on the writer meanwhile
			after, err := tx.Engagements()
			if err != nil {
				return err
			}
			if len(before) != 1 || len(after) != 1 {
				t.Errorf("one View saw %d then %d engagements, want 1 both times", len(before), len(after))
			}
			return nil
		})
	})
}
