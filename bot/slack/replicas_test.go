package slack_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// twoReplicas builds two harnesses, each a Slack adapter, engine and
// dispatcher over its own storage.DB, on one PostgreSQL database, as two
// serve replicas behind a load balancer. It skips without
// OTASSESS_TEST_POSTGRES.
func twoReplicas(t *testing.T) [2]*harness {
	u := storagetest.PostgresURL(t)
	var hs [2]*harness
	for i := range hs {
		db, err := storage.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		hs[i] = newHarnessOn(t, db, bot.Config{})
		// Slack's trigger and action ids are unique across a workspace;
		// the harnesses number theirs apart (a shared id is one event,
		// which the second replica rightly drops as a duplicate).
		hs[i].seq = i * 1_000_000
	}
	return hs
}

// deliverBoth runs both replicas' dispatchers until the shared outbox is
// empty, a second of (fake) time apart.
func deliverBoth(t *testing.T, hs [2]*harness) {
	t.Helper()
	for range 120 {
		for _, h := range hs {
			if _, err := h.disp.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if bottest.Pending(t, hs[0].disp) == 0 {
			return
		}
		for _, h := range hs {
			h.clock.Advance(time.Second)
		}
	}
	t.Fatal("the outbox does not empty")
}

// questionsOf lists the questions posted to ch by either replica, per item
// they ask.
func questionsOf(t *testing.T, hs [2]*harness, ch string) map[string][]apiCall {
	t.Helper()
	out := map[string][]apiCall{}
	for _, h := range hs {
		for _, q := range h.fake.questions(t, ch) {
			if _, err := bot.DecodePress(q.buttons(t)["level_0"]); err == nil {
				out[itemOf(t, q)] = append(out[itemOf(t, q)], q)
			}
		}
	}
	return out
}

// A whole self-assessment through two replicas, each request to the other
// replica than the last, and some presses delivered to both (a platform's
// resend): every question is sent once, in the pack's order, whichever
// replica delivers it, and every acknowledged answer is stored as given.
func TestReplicas_AWholeAssessmentAlternatingBetweenReplicas(t *testing.T) {
	hs := twoReplicas(t)
	hs[0].command(leadID, channel, newPlantA)
	deliverBoth(t, hs)
	hs[1].command(leadID, channel, "start")
	deliverBoth(t, hs)
	var consent []apiCall
	for _, h := range hs {
		consent = append(consent, h.fake.questions(t, spocDM)...)
	}
	if len(consent) != 1 {
		t.Fatalf("%d consent requests sent, want 1; calls: %v / %v", len(consent), hs[0].fake.methods(), hs[1].fake.methods())
	}
	hs[0].press(spocID, spocDM, consent[0], "choice_0")
	deliverBoth(t, hs)
	id := hs[1].engagementIn(channel)

	pack := assessmenttest.DefaultPack(t)
	given := map[string]assessment.Value{}
	for k, it := range pack.Items {
		qs := questionsOf(t, hs, spocDM)
		if len(qs[it.ID]) != 1 {
			t.Fatalf("item %s: asked %d times before its answer, want once", it.ID, len(qs[it.ID]))
		}
		if len(qs) != k+1 {
			t.Fatalf("before answering %s: %d items asked, want %d (one at a time, in order)", it.ID, len(qs), k+1)
		}
		v := assessment.Value(string(rune('0' + k%5)))
		given[it.ID] = v
		if k%8 == 5 {
			// Slack resends a press it saw no ack for; the resend lands
			// on the other replica. It is one event: one answer, and the
			// next question once.
			body := hs[0].pressBody(spocID, spocDM, qs[it.ID][0], "level_"+string(v))
			for _, h := range hs {
				if w := h.serve(request("/slack/interactions", body)); w.Code != http.StatusOK {
					t.Fatalf("press %s: status %d", it.ID, w.Code)
				}
				h.adapter.Wait()
			}
		} else {
			hs[(k+1)%2].press(spocID, spocDM, qs[it.ID][0], "level_"+string(v))
		}
		deliverBoth(t, hs)
	}
	for item, qs := range questionsOf(t, hs, spocDM) {
		if len(qs) != 1 {
			t.Errorf("item %s was asked %d times, want once", item, len(qs))
		}
	}
	got := hs[0].answers(id)
	if len(got) != len(pack.Items) {
		t.Fatalf("%d answers stored, want %d", len(got), len(pack.Items))
	}
	for item, v := range given {
		if got[item].Value != v {
			t.Errorf("item %s: stored %q, want %q", item, got[item].Value, v)
		}
	}
}
