package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
)

// fullComments are Japanese comments on all 32 items, as a SPOC writes
// them: mostly specific, some the same short remark (8 of 32).
func fullComments() []string {
	out := make([]string, 0, len(items))
	for i, id := range items {
		switch i % 8 {
		case 3:
			out = append(out, "特になし。")
		case 7:
			out = append(out, "担当者に確認中です。")
		default:
			out = append(out, fmt.Sprintf("項目%sについて：手順書はありますが、見直しは年1回で、PLCとHMIの一部は対象外です（設備%d）。", id, i))
		}
	}
	return out
}

type costRun struct {
	name            string
	cached          bool
	batch           int
	tickEachComment bool          // the live pace: the worker runs between comments
	window          time.Duration // the translation batching window (0: none)
	pace            time.Duration // the fake clock's step between comments
}

// TestTranslationCost_FullAssessment computes the figure for the issue's
// note: model calls and tokens to translate a Japanese comment on every
// item of a full assessment, with and without the cache and batching.
// Tokens are the fake server's estimate (a token per 4 bytes of request
// and answer), the same for every run, so the ratios are what to quote.
func TestTranslationCost_FullAssessment(t *testing.T) {
	runs := []costRun{
		{name: "no cache, batch 1", cached: false, batch: 1, tickEachComment: true},
		{name: "cache + batch 20, live pace", cached: true, batch: 20, tickEachComment: true},
		{name: "cache + batch 20, all waiting", cached: true, batch: 20},
		{name: "cache + batch 20 + 2 min window, live pace (a comment a minute)", cached: true, batch: 20,
			tickEachComment: true, window: 2 * time.Minute, pace: time.Minute},
	}
	var got []bot.ModelUsage
	for _, r := range runs {
		u, calls := translationCost(t, r)
		if calls != u.Calls {
			t.Errorf("%s: the server saw %d calls, usage records %d", r.name, calls, u.Calls)
		}
		t.Logf("%-66s calls %2d  prompt tokens %6d  completion tokens %5d  cache hits %2d", r.name, u.Calls, u.PromptTokens, u.CompletionTokens, u.CacheHits)
		got = append(got, u)
	}
	naive, live, burst, windowed := got[0], got[1], got[2], got[3]
	if naive.Calls != len(items) || live.Calls != 26 || burst.Calls != 2 {
		t.Errorf("calls = %d, %d, %d; want 32 (one per comment), 26 (distinct texts), 2 (batches of 20)", naive.Calls, live.Calls, burst.Calls)
	}
	if !(burst.Tokens() < live.Tokens() && live.Tokens() < naive.Tokens()) {
		t.Errorf("tokens = %d, %d, %d; want each saving to show", naive.Tokens(), live.Tokens(), burst.Tokens())
	}
	// A comment a minute with a 2-minute window: when a comment's window
	// ends, the one written a minute after it is still waiting and goes
	// along (the next is written as the window ends, and starts the next
	// pair), so 32 comments take 16 calls; repeated texts are cache hits
	// inside those calls.
	if windowed.Calls != len(items)/2 || windowed.Tokens() >= live.Tokens() {
		t.Errorf("windowed: %d calls, %d tokens; want %d (comments in pairs) and fewer than the %d tokens of the live pace without a window",
			windowed.Calls, windowed.Tokens(), len(items)/2, live.Tokens())
	}
	t.Logf("ratio naive/windowed live pace: calls %.1f×, tokens %.1f×", float64(naive.Calls)/float64(windowed.Calls), float64(naive.Tokens())/float64(windowed.Tokens()))
	t.Logf("ratio naive/all-waiting: calls %.1f×, tokens %.1f×", float64(naive.Calls)/float64(burst.Calls), float64(naive.Tokens())/float64(burst.Tokens()))
}

func translationCost(t *testing.T, r costRun) (bot.ModelUsage, int) {
	b := newWindowedModelBot(t, r.cached, r.window)
	b.worker.SetBatch(bot.JobTranslate, r.batch)
	id := b.engagement("C1", "USPOC", "en")
	// Every item N/A: no item calls for a finding, so no draft job adds
	// calls to the translations measured here.
	for _, c := range fullComments() {
		b.event("DUSPOC", "USPOC", "na "+c, false)
		b.clock.Advance(r.pace)
		if r.tickEachComment {
			b.tick()
		}
	}
	b.clock.Advance(r.window) // the last comment's window ends
	b.tick()
	if posts := b.sent.take("C1"); len(posts) < len(items) {
		t.Fatalf("%s: %d translation posts, want %d", r.name, len(posts), len(items))
	}
	if j := b.jobs(id); j[bot.JobDone] != len(items) {
		t.Fatalf("%s: jobs = %v", r.name, j)
	}
	return b.usage(id), len(b.api.requests())
}
