package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
)

func TestNew_CreatesEngagementAndPostsToChannel(t *testing.T) {
	h := newHarness(t)
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en")
	out := h.rec.take()
	if len(out) != 1 || out[0].Conversation != "C1" || !strings.Contains(out[0].Reply.Text, `Created engagement "Plant A"`) {
		t.Fatalf("sent %+v", out)
	}
	h.channel(lead, "new Plant B spoc:<@USPOC>")
	if got := texts(h.rec.take()); !strings.Contains(got, `already has the engagement "Plant A"`) {
		t.Errorf("second new in the same channel: %q", got)
	}
}

func TestNew_RefusedInDM(t *testing.T) {
	h := newHarness(t)
	res := h.event(bot.Event{Conversation: "DULEAD", DM: true, User: lead.ID, Text: "new X spoc:<@USPOC>", Command: true})
	if res.Respond == nil || !res.Respond.Ephemeral || !strings.Contains(res.Respond.Text, "not in a direct message") {
		t.Errorf("respond = %+v", res.Respond)
	}
}

func TestStart_GreetsSPOCAndSendsFirstQuestion(t *testing.T) {
	h := newHarness(t)
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en")
	h.rec.take()
	h.startAccepted()
	out := h.rec.take()
	var dm, channel []bot.Outgoing
	for _, o := range out {
		if o.Conversation == "C1" {
			channel = append(channel, o)
		} else {
			dm = append(dm, o)
		}
	}
	if len(dm) != 2 || len(channel) != 2 {
		t.Fatalf("start and the SPOC's acceptance sent %d DMs and %d channel posts, want greeting + question and two posts (asked, accepted)", len(dm), len(channel))
	}
	if dm[0].User != spoc || dm[0].Conversation != "DUSPOC" || !strings.Contains(dm[0].Reply.Text, "32 questions") {
		t.Errorf("greeting = %+v", dm[0])
	}
	q := dm[1].Reply.Question
	if q == nil || q.Item != "1-1" || q.Number != 1 || q.Total != 32 || len(q.Choices) != 6 || len(q.Controls) != 3 {
		t.Errorf("question = %+v", q)
	}
	if !strings.Contains(channel[0].Reply.Text, "<@USPOC>") {
		t.Errorf("channel post = %+v", channel[0])
	}
}

func TestStart_RefusedForSPOCAndStrangers(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for _, u := range []bot.UserRef{spoc, other} {
		res := h.channel(u, "start")
		if res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
			t.Errorf("%s start: respond = %+v", u.ID, res.Respond)
		}
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("a refused start sent %d messages", len(out))
	}
}

func TestPress_AnswersStoreAndAdvance(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	for i, v := range []string{"2", "3", "na"} {
		res := h.event(press(q, spoc, v))
		if res.Respond == nil || !res.Respond.Replace || !strings.Contains(res.Respond.Text, "Answer:") {
			t.Fatalf("press %d: respond = %+v", i, res.Respond)
		}
		q = lastQuestion(h.rec.take())
	}
	if q.Item != "1-4" {
		t.Errorf("after three answers the question is %s, want 1-4", q.Item)
	}
	got := h.answers()
	if got["1-1"].Value != "2" || got["1-2"].Value != "3" || got["1-3"].Value != assessment.NA {
		t.Errorf("stored answers = %v", got)
	}
}

func TestPress_StaleSerialChangesNothing(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	h.event(press(q, spoc, "2"))
	h.rec.take()
	res := h.event(press(q, spoc, "0")) // the old 1-1 message again
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "already answered") {
		t.Errorf("respond = %+v", res.Respond)
	}
	if got := h.answers(); got["1-1"].Value != "2" || len(got) != 1 {
		t.Errorf("answers after a stale press = %v", got)
	}
	if q2 := lastQuestion(h.rec.take()); q2 == nil || q2.Item != "1-2" {
		t.Errorf("the current question must be sent again, got %+v", q2)
	}
}

func TestPress_ByNonSPOCIsRefusedAndStoresNothing(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	res := h.event(press(q, lead, "4"))
	if res.Respond == nil || !res.Respond.Ephemeral || !strings.Contains(res.Respond.Text, "Only this engagement's SPOC") {
		t.Errorf("respond = %+v", res.Respond)
	}
	if len(h.answers()) != 0 {
		t.Error("a refused press stored an answer")
	}
}

func TestPress_FromAnotherWorkspaceCannotReachEngagement(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	ev := press(q, spoc, "4")
	ev.Workspace = "W2"
	res := h.event(ev)
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "not a participant") {
		t.Errorf("respond = %+v", res.Respond)
	}
	if len(h.answers()) != 0 {
		t.Error("an event from another workspace changed the engagement")
	}
}

func TestHandle_SameEventKeyTwiceAppliesOnce(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	ev := press(q, spoc, "2")
	ev.Key = "test:action:1"
	h.event(ev)
	res := h.event(ev)
	if !res.Duplicate {
		t.Error("the second delivery was not reported as a duplicate")
	}
	var rows int
	_ = h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, _ := tx.Engagements()
		hist, err := tx.History(engs[0].ID)
		rows = len(hist)
		return err
	})
	if rows != 1 {
		t.Errorf("history has %d rows, want 1", rows)
	}
}

func TestTyped_AnswerWithCommentAndFullWidthDigit(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "２ reviewed every April")
	out := h.rec.take()
	if q := lastQuestion(out); q == nil || q.Item != "1-2" {
		t.Fatalf("next question = %+v", q)
	}
	if got := h.answers(); got["1-1"].Value != "2" {
		t.Errorf("answers = %v", got)
	}
	var comments []bot.Comment
	_ = h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, _ := tx.Engagements()
		var err error
		comments, err = tx.Comments(engs[0].ID)
		return err
	})
	if len(comments) != 1 || comments[0].Item != "1-1" || comments[0].Text != "reviewed every April" {
		t.Errorf("comments = %+v", comments)
	}
}

func TestTyped_BadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	tests := map[string]string{
		"7":          "Levels are 0–4",
		"stauts":     `Did you mean "status"?`,
		"goto 9-9":   "There is no item 9-9",
		"lang fr":    "Type lang ja",
		"note 9-9 x": "There is no item 9-9",
	}
	for in, want := range tests {
		h.dm(spoc, in)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q → %q, want it to contain %q", in, got, want)
		}
	}
	if len(h.answers()) != 0 {
		t.Error("bad input stored an answer")
	}
}

func TestTyped_JapaneseAliasesWork(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "スキップ")
	if q := lastQuestion(h.rec.take()); q == nil || q.Item != "1-2" {
		t.Fatalf("スキップ did not skip: %+v", q)
	}
	h.dm(spoc, "戻る")
	if q := lastQuestion(h.rec.take()); q == nil || q.Item != "1-1" {
		t.Fatalf("戻る did not go back: %+v", q)
	}
	h.dm(spoc, "該当なし")
	if got := h.answers(); got["1-1"].Value != assessment.NA {
		t.Errorf("該当なし did not answer N/A: %v", got)
	}
}

func TestInterview_BackShowsPreviousItemWithItsAnswer(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "3")
	h.rec.take()
	h.dm(spoc, "back")
	q := lastQuestion(h.rec.take())
	if q == nil || q.Item != "1-1" || !strings.Contains(q.Current, "documented") {
		t.Fatalf("back showed %+v", q)
	}
	h.dm(spoc, "1") // change the earlier answer
	if got := h.answers(); got["1-1"].Value != "1" {
		t.Errorf("changed answer = %v", got["1-1"])
	}
	if q := lastQuestion(h.rec.take()); q == nil || q.Item != "1-2" {
		t.Errorf("after changing 1-1 the next open item must be 1-2, got %+v", q)
	}
}

func TestInterview_SkippedItemsAreAskedAfterTheLast(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "skip") // 1-1
	for i := 0; i < 31; i++ {
		h.dm(spoc, "2")
	}
	q := lastQuestion(h.rec.take())
	if q == nil || q.Item != "1-1" {
		t.Fatalf("after the last item the skipped 1-1 must come back, got %+v", q)
	}
}

func TestInterview_UnsureLeavesItemOpenAndOnReviewList(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "unsure")
	if a := h.answers()["1-1"]; a.Value != "" || !a.Unsure {
		t.Errorf("1-1 = %+v, want unsure without level", a)
	}
	h.dm(spoc, "2")          // 1-2
	h.dm(spoc, "unsure 1-2") // flag an answered item, keep its level
	if a := h.answers()["1-2"]; a.Value != "2" || !a.Unsure {
		t.Errorf("1-2 = %+v, want level kept and flagged", a)
	}
	h.rec.take()
	h.dm(spoc, "review")
	got := texts(h.rec.take())
	if !strings.Contains(got, "! 1-1") || !strings.Contains(got, "! 1-2") || !strings.Contains(got, "2 not sure") {
		t.Errorf("review = %q", got)
	}
}

func TestComment_FreeTextGoesToDisplayedItem(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "1")
	h.rec.take()
	h.dm(spoc, "私たちのネットワークは分離されています")
	if got := texts(h.rec.take()); !strings.Contains(got, "Comment saved on item 1-2") {
		t.Errorf("reply = %q", got)
	}
	if len(h.answers()) != 1 {
		t.Error("a comment must not answer the item")
	}
}

func TestInterview_CompletionPostsScoresAndDraftFindingsOnce(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	for i := 0; i < 32; i++ {
		v := "2"
		if q.Item == "3-5" {
			v = "0"
		}
		h.event(press(q, spoc, v))
		if next := lastQuestion(h.rec.sent); next != nil {
			q = next
		}
	}
	out := h.rec.take()
	var channel []string
	for _, o := range out {
		if o.Conversation == "C1" {
			channel = append(channel, o.Reply.Text)
		}
	}
	all := strings.Join(channel, "\n")
	res := assessment.Score(mustPack(t, h), h.answers())
	total := fmt.Sprintf("Total: %d (%s)", *res.Total.Score, *res.Total.Grade)
	for _, want := range []string{"25% done", "50% done", "75% done", "self-assessment is complete", total, "[DRAFT] Improvement · priority 1 ·", "Technology · 3-5 to 3-8 (drafted by otassess)\nOn network defence and monitoring"} {
		if !strings.Contains(all, want) {
			t.Errorf("channel posts lack %q:\n%s", want, all)
		}
	}
	if strings.Count(all, "self-assessment is complete") != 1 {
		t.Error("completion posted more than once")
	}
	// Changing an answer after completion does not repeat milestones.
	h.dm(spoc, "goto 1-1")
	h.dm(spoc, "3")
	for _, o := range h.rec.take() {
		if o.Conversation == "C1" {
			t.Errorf("a milestone was posted again: %q", o.Reply.Text)
		}
	}
}

func TestInterview_TwoSPOCsAreAskedDifferentItemsAndConflictsFlagged(t *testing.T) {
	h := newHarness(t)
	h.channel(lead, "new Plant A spoc:<@USPOC> spoc:<@USPOC2> lead:<@ULEAD> lang:en")
	h.startAccepted()
	out := h.rec.take()
	items := map[string]string{}
	for _, o := range out {
		if o.Reply.Question != nil {
			items[o.User.ID] = o.Reply.Question.Item
		}
	}
	if items["USPOC"] == items["USPOC2"] {
		t.Fatalf("both SPOCs were asked %s", items["USPOC"])
	}
	h.dm(spoc, "goto 1-3")
	h.dm(spoc, "2")
	h.dm(spoc2, "goto 1-3")
	h.dm(spoc2, "4")
	got := h.rec.take()
	conflicts := 0
	for _, o := range got {
		if strings.Contains(o.Reply.Text, "different answer") {
			conflicts++
		}
	}
	if conflicts != 2 {
		t.Errorf("%d conflict notices, want one to each SPOC", conflicts)
	}
	if a := h.answers()["1-3"]; !a.Unsure {
		t.Errorf("1-3 = %+v, want it flagged for the interview", a)
	}
}

func TestInterview_ResumesAtTheSameItemWithANewEngine(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "2")
	h.dm(spoc, "3")
	h.rec.take()
	h.engine = engine.New(h.db, h.packs, h.clock, h.disp.Log, bot.Config{})
	h.dm(spoc, "next")
	if q := lastQuestion(h.rec.take()); q == nil || q.Item != "1-3" {
		t.Errorf("resume showed %+v, want 1-3", q)
	}
}

func TestLang_ChangesOnlyOwnLanguage(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "lang ja")
	q := lastQuestion(h.rec.take())
	if q == nil || !strings.Contains(q.Text, "ですか") {
		t.Fatalf("question after lang ja = %+v", q)
	}
	h.channel(lead, "status")
	if got := texts(h.rec.take()); !strings.Contains(got, "Progress:") {
		t.Errorf("the lead's status must stay in English: %q", got)
	}
}

func TestDispatcher_WaitsOutRetryAfterAndKeepsOrder(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	calls := 0
	h.rec.fail = func(o bot.Outgoing) error {
		calls++
		if calls == 1 {
			return &outbox.RetryError{After: 30 * time.Second}
		}
		return nil
	}
	h.dm(spoc, "2")
	h.dm(spoc, "3")
	if out := h.rec.take(); len(out) != 0 {
		t.Fatalf("sent %d messages during Retry-After", len(out))
	}
	h.clock.Advance(31 * time.Second)
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := h.rec.take()
	if len(out) != 2 || out[0].Reply.Question.Item != "1-2" || out[1].Reply.Question.Item != "1-3" {
		t.Errorf("after the wait: %+v", out)
	}
}

func mustPack(t *testing.T, h *harness) *assessment.Pack {
	p, err := h.packs.Get(assessment.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Whatever the scale shows, typed back, is an answer (issue 16): the label
// 該当しない, its variants, and the labels of the levels in either language.
func TestTyped_TheScaleLabelsTypedBackAreAnswers(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for _, typed := range []string{"該当しない", "Partly in place", "ｉｎ ｐｌａｃｅ", "対象外", "一部実施、ラインAのみ"} {
		h.dm(spoc, typed)
	}
	got := h.answers()
	want := map[string]assessment.Value{"1-1": assessment.NA, "1-2": "1", "1-3": "2", "1-4": assessment.NA, "1-5": "1"}
	for item, v := range want {
		if got[item].Value != v {
			t.Errorf("%s = %q, want %q (answers %v)", item, got[item].Value, v, got)
		}
	}
	if out := texts(h.rec.take()); strings.Contains(out, "Comment saved on item 1-1") {
		t.Errorf("a typed label was saved as a comment: %q", out)
	}
}
