package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// A job whose run panics (a bug, or data no one foresaw) fails at once,
// with the reason recorded and the person told once; the process and the
// other jobs go on, and the job is never run again.
func TestWorker_APanickingJobFailsOnceAndTheWorkerGoesOn(t *testing.T) {
	m := &fakeModel{fail: func(call int) error {
		if call == 1 {
			panic("fake: index out of range")
		}
		return nil
	}}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 || !strings.Contains(posts[0], "年1回見直し") || !strings.Contains(posts[0], "translation failed") {
		t.Fatalf("posts = %q, want one notice with the original", posts)
	}
	for range 3 {
		h.clock.Advance(time.Hour)
		if more := channelPosts(h.tick(w)); len(more) != 0 {
			t.Errorf("told again: %q", more)
		}
	}
	if n := len(m.callTexts()); n != 1 {
		t.Errorf("%d calls, want the panicking job run once", n)
	}
	h.view(func(tx bot.Tx, id string) error {
		counts, err := tx.JobCounts(id)
		if err != nil || counts[bot.JobFailed] != 1 || counts[bot.JobQueued] != 0 {
			t.Errorf("job counts = %v (%v), want one failed", counts, err)
		}
		j, err := tx.Job(1) // the first job of a new database
		if err != nil || j.State != bot.JobFailed || j.Reason != "panic" {
			t.Errorf("job = %+v (%v), want failed with reason panic", j, err)
		}
		return err
	})
	h.dm(spoc, "3 月1回見直し")
	h.rec.take()
	if posts := channelPosts(h.tick(w)); len(posts) != 1 || !strings.Contains(posts[0], "EN(月1回見直し)") {
		t.Errorf("the next comment's translation = %q", posts)
	}
}
