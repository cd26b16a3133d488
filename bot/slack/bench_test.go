package slack_test

import (
	"time"

	"fmt"
	"net/http"
	"testing"

	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
)

// BenchmarkSignedButtonPress measures signed block_actions requests
// through the HTTP handler to a stored answer (read and verify the body,
// parse the payload, one SQLite transaction, ack) with the fake Slack API
// behind the adapter. Each engagement's SPOC answers its items in order; a
// fresh engagement is started, off the clock, when one is complete.
func BenchmarkSignedButtonPress(b *testing.B) {
	h := newHarness(b)
	pack := assessmenttest.DefaultPack(b)
	var id string
	engagements := 0
	fresh := func() {
		h.adapter.Wait()
		h.deliver()
		engagements++
		ch := fmt.Sprintf("C%d", engagements)
		h.command(leadID, ch, newPlantA)
		h.command(leadID, ch, "start")
		h.deliver()
		h.accept(spocID, spocDM) // the SPOC accepts before any question is sent
		id = h.engagementIn(ch)
	}
	fresh()
	presses := 0
	for b.Loop() {
		k := presses % len(pack.Items)
		if k == 0 && presses > 0 {
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		// Item k's question was shown with serial k+1; pressing a level
		// stores the answer and queues item k+1's question.
		q := &bot.Question{Engagement: id, Item: pack.Items[k].ID, Serial: k + 1}
		body := h.rawPressBody(spocID, spocDM, fmt.Sprintf("1700000500.%06d", presses), "level_2", "levels", bot.EncodePress(q, "2"))
		if w := h.serve(request("/slack/interactions", body)); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
		presses++
	}
	b.StopTimer()
	h.adapter.Wait()
	want := presses % len(pack.Items)
	if want == 0 {
		want = len(pack.Items)
	}
	if got := len(h.answers(id)); got != want {
		b.Fatalf("the last engagement has %d answers, want %d", got, want)
	}
}

// BenchmarkPressThroughput is BenchmarkSignedButtonPress on a database
// that already holds 1,000 engagements (storagetest.Seed), as a busy
// server's would: signed block_actions requests through the HTTP handler,
// each an answer stored and the next question queued. Every engagement has
// a SPOC of its own (one SPOC holding dozens of accepted open engagements
// is not the load measured). It reports presses per second of wall time,
// the pause to start a fresh engagement every 32 presses left out.
func BenchmarkPressThroughput(b *testing.B) {
	h := newHarnessOn(b, benchDB(b, 1000), bot.Config{})
	pack := assessmenttest.DefaultPack(b)
	var id, spoc string
	engagements := 0
	fresh := func() { // each engagement has a SPOC of its own, as on a busy server
		h.adapter.Wait()
		h.deliver()
		engagements++
		ch := fmt.Sprintf("C%d", engagements)
		spoc = fmt.Sprintf("USPOC%d", engagements)
		h.command(leadID, ch, fmt.Sprintf("new Plant-%d spoc:<@%s|spoc> lead:<@ULEAD|lead>", engagements, spoc))
		h.command(leadID, ch, "start")
		h.deliver()
		h.accept(spoc, "D"+spoc) // the SPOC accepts before any question is sent
		id = h.engagementIn(ch)
	}
	fresh()
	presses := 0
	var busy time.Duration
	start := time.Now()
	for b.Loop() {
		k := presses % len(pack.Items)
		if k == 0 && presses > 0 {
			busy += time.Since(start)
			b.StopTimer()
			fresh()
			b.StartTimer()
			start = time.Now()
		}
		q := &bot.Question{Engagement: id, Item: pack.Items[k].ID, Serial: k + 1}
		body := h.rawPressBody(spoc, "D"+spoc, fmt.Sprintf("1700000500.%06d", presses), "level_2", "levels", bot.EncodePress(q, "2"))
		if w := h.serve(request("/slack/interactions", body)); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
		presses++
	}
	h.adapter.Wait()
	busy += time.Since(start)
	b.ReportMetric(float64(presses)/busy.Seconds(), "presses/s")
	want := presses % len(pack.Items)
	if want == 0 {
		want = len(pack.Items)
	}
	if got := len(h.answers(id)); got != want {
		b.Fatalf("the last engagement has %d answers, want %d: presses were not stored", got, want)
	}
}
